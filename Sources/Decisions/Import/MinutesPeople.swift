/// People named inside the text of minutes: the presenter's line, who was disqualified and
/// on what ground, and who is named contact person in the proposal. The phrases are tables.
public enum MinutesPeople {
    /// The words that open a sentence saying someone left as disqualified, and the
    /// parenthesised ground that follows (`Esteellisenä (yhteisöjäävi) kokouksesta poistui …`).
    public static let disqualifiedOpenings = ["Esteellisenä", "Esteellisinä", "Jävig", "Jäviga", "Som jävig"]

    /// Phrases naming a contact person, then `title Name`: `yhteyshenkilöksi nimetään hyvinvointikoordinaattori Anitta Jaakola`.
    public static let contactPersonPhrases = ["yhteyshenkilöksi nimetään", "yhteyshenkilöksi valitaan", "yhteyshenkilöksi määrätään",
                                              "till kontaktperson utses", "som kontaktperson utses"]

    nonisolated(unsafe) static let personName = /[A-ZÅÄÖ][a-zåäöé]+(?:-[A-ZÅÄÖ][a-zåäöé]+)?(?: [A-ZÅÄÖ][a-zåäöé]+(?:-[A-ZÅÄÖ][a-zåäöé]+)?){1,2}/

    /// `Satu Kankare, Kaupunginjohtaja` → the name and title.
    static func nameAndTitle(_ text: String, role: ContactRole) -> DecisionDocument.Contact? {
        let parts = text.split(separator: ",", maxSplits: 1).map { $0.trimmingWhitespace() }
        guard let name = parts.first, MinutesContacts.isName(name) else { return nil }
        var contact = DecisionDocument.Contact(role: role, name: name)
        if parts.count == 2, !parts[1].isEmpty { contact.title = parts[1] }
        return contact
    }

    /// The people of each `Esteellisenä (ground) … Name Surname ja Name Surname.` sentence.
    static func disqualified(_ lines: [MinutesLine]) -> [(person: DecisionDocument.Disqualification, lines: ClosedRange<Int>)] {
        let joined = MinutesJoinedText(lines)
        var found: [(DecisionDocument.Disqualification, ClosedRange<Int>)] = []
        for (sentence, range) in joined.sentences where disqualifiedOpenings.contains(where: { sentence.hasPrefix($0) }) {
            let ground = sentence.firstMatch(of: MinutesPatterns.parenthesised).map { String($0.1) }
            for match in sentence.matches(of: personName) where !disqualifiedOpenings.contains(where: { match.output.hasPrefix($0) }) {
                let name = String(match.output)
                if found.contains(where: { $0.0.name == name }) { continue }
                found.append((DecisionDocument.Disqualification(name: name, ground: ground), joined.lines(of: range)))
            }
        }
        return found
    }

    /// Contact persons the proposal or decision names (`yhteyshenkilöksi nimetään title Name`).
    static func contactPersons(_ lines: [MinutesLine]) -> [(contact: DecisionDocument.Contact, lines: ClosedRange<Int>)] {
        let joined = MinutesJoinedText(lines)
        var found: [(DecisionDocument.Contact, ClosedRange<Int>)] = []
        for phrase in contactPersonPhrases {
            var search = joined.text.startIndex..<joined.text.endIndex
            while let hit = joined.text[search].firstRange(of: phrase) {
                search = hit.upperBound..<joined.text.endIndex
                let after = joined.text[hit.upperBound...].trimmingWhitespace()
                let words = after.split(separator: " ").prefix(6).map(String.init)
                guard let nameStart = words.firstIndex(where: { $0.first?.isUppercase == true }) else { continue }
                var nameWords: [String] = []
                for word in words[nameStart...].prefix(3) where word.first?.isUppercase == true {
                    let clean = word.strippingEdges(".,;:")
                    nameWords.append(clean)
                    if clean.count != word.count { break }
                }
                let name = nameWords.joined(separator: " ")
                guard MinutesContacts.isName(name) else { continue }
                var contact = DecisionDocument.Contact(role: .contactPerson, name: name)
                let title = words[..<nameStart].joined(separator: " ")
                if !title.isEmpty, title.allSatisfy({ $0.isLowercase || $0 == " " || $0 == "-" }) { contact.title = title }
                found.append((contact, joined.lines(of: hit)))
            }
        }
        return found
    }
}

extension String {
    func strippingEdges(_ set: String) -> String {
        var text = Substring(self)
        while let last = text.last, set.contains(last) { text = text.dropLast() }
        while let first = text.first, set.contains(first) { text = text.dropFirst() }
        return String(text)
    }
}
