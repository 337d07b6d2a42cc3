/// The people a section names as its preparers or for further information, read from the
/// labelled blocks of minutes (the labels are in ``MinutesLabels``) in the layouts the
/// corpus shows.
public enum MinutesContacts {
    /// The contacts of the current handling's contact blocks.
    public static func parse(_ text: String) -> [DecisionDocument.Contact] {
        guard let section = MinutesImport.sections(in: text).first else { return [] }
        return section.handling.contacts.map(\.contact)
    }

    /// The contacts in the lines after the label at `labelIndex`, each with its lines, and
    /// the index of the first line after the block.
    static func read(_ lines: [MinutesLine], after labelIndex: Int, role: ContactRole)
        -> (contacts: [(DecisionDocument.Contact, ClosedRange<Int>)], next: Int)
    {
        var contacts: [(DecisionDocument.Contact, ClosedRange<Int>)] = []
        var index = labelIndex + 1
        func text(_ at: Int) -> String { lines[at].text.trimmingWhitespace() }
        while index < lines.count {
            let line = text(index)
            // "Satu Kankare, Kaupunginjohtaja, satu.kankare@lapua.fi"
            let parts = line.split(separator: ",").map { $0.trimmingWhitespace() }
            if parts.count >= 2, let email = parts.last, isEmail(email), isName(parts[0]) {
                var contact = DecisionDocument.Contact(role: role, name: parts[0])
                let title = parts.dropFirst().dropLast().joined(separator: ", ")
                contact.title = title.isEmpty ? nil : title
                contact.email = email
                contacts.append((contact, lines[index].number...lines[index].last))
                index += 1
                continue
            }
            // "Jarkko Panu" / "jarkko.panu@lapua.fi" / "Rakennustarkastaja"
            if isName(line), index + 1 < lines.count, isEmail(text(index + 1)) {
                var contact = DecisionDocument.Contact(role: role, name: line)
                contact.email = text(index + 1)
                let first = lines[index].number
                index += 2
                if index < lines.count, isTitle(text(index)) {
                    contact.title = text(index)
                    index += 1
                }
                contacts.append((contact, first...lines[index - 1].last))
                continue
            }
            // "kunnanjohtaja Sirpa Hakala" / "puh. 040 539 4293, etunimi.sukunimi@ranua.fi"
            if let (title, name) = titleThenName(line) {
                var contact = DecisionDocument.Contact(role: role, name: name)
                contact.title = title
                let first = lines[index].number
                index += 1
                if index < lines.count, let details = phoneAndEmail(text(index)) {
                    contact.phone = details.phone
                    contact.email = details.email
                    index += 1
                }
                contacts.append((contact, first...lines[index - 1].last))
                continue
            }
            break
        }
        return (contacts, index)
    }

    static func isEmail(_ text: String) -> Bool {
        (try? FieldRules.email(text, field: "email")) != nil && !text.contains(" ")
    }

    /// Two to four capitalised words, e.g. `Satu Kankare` (particles such as `af` are not read yet).
    static func isName(_ text: String) -> Bool {
        let words = text.split(separator: " ")
        return (2...4).contains(words.count) && words.allSatisfy { word in
            word.first?.isUppercase == true && word.dropFirst().allSatisfy { $0.isLetter || $0 == "-" }
        }
    }

    /// A title line: letters, spaces and hyphens, not a label of what follows.
    static func isTitle(_ text: String) -> Bool {
        !text.isEmpty && text.count <= 80 && MinutesLabels.part(of: text) == nil
            && text.allSatisfy { $0.isLetter || $0 == " " || $0 == "-" }
    }

    /// `kunnanjohtaja Sirpa Hakala`: lowercase title words, then a capitalised name.
    static func titleThenName(_ line: String) -> (title: String, name: String)? {
        let words = line.split(separator: " ").map(String.init)
        guard let firstName = words.firstIndex(where: { $0.first?.isUppercase == true }), firstName > 0 else { return nil }
        let title = words[..<firstName].joined(separator: " ")
        let name = words[firstName...].joined(separator: " ")
        guard title.allSatisfy({ $0.isLowercase || $0 == " " || $0 == "-" }), isName(name) else { return nil }
        return (title, name)
    }

    /// `puh. 040 539 4293, etunimi.sukunimi@ranua.fi`
    static func phoneAndEmail(_ line: String) -> (phone: String?, email: String?)? {
        var phone: String?
        var email: String?
        for part in line.split(separator: ",").map({ $0.trimmingWhitespace() }) {
            if isEmail(part) {
                email = part
            } else if let match = part.wholeMatch(of: MinutesPatterns.phone) {
                phone = try? FieldRules.phone(String(match.1), field: "phone")
            } else {
                return nil
            }
        }
        return phone == nil && email == nil ? nil : (phone, email)
    }
}
