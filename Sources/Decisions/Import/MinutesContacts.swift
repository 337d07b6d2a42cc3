/// The people a section names as its preparers or for further information, read from the
/// labelled blocks of minutes. Which label means which role is a table, so another
/// municipality's wording is a line here, not a new code path.
public enum MinutesContacts {
    /// Labels that open a contact block, and the role of the people in it.
    public static let labels: [(prefix: String, role: ContactRole)] = [
        ("Valmistelija / lisätiedot", .preparer),
        ("Valmistelijat / lisätiedot", .preparer),
        ("Valmistelija", .preparer),
        ("Lisätietoja asiasta antaa", .furtherInformation),
        ("Lisätietoja antaa", .furtherInformation),
        ("Beredare / mer information", .preparer),
        ("Beredare", .preparer),
        ("Ytterligare information ger", .furtherInformation),
    ]

    /// The contacts of the current handling: the block after the current handling's line
    /// (`Kaupunginhallitus, 28.04.2025, § 144`), else the first block of the section.
    public static func parse(_ text: String, header: MinutesHeader) -> [DecisionDocument.Contact] {
        let lines = MinutesText.normalized(text).split(separator: "\n", omittingEmptySubsequences: false).map { $0.trimmingWhitespace() }
        var start = 0
        if let current = header.current, let index = lines.lastIndex(where: { MinutesHeader.handling($0) == current }) {
            start = index + 1
        }
        guard let labelIndex = lines[start...].firstIndex(where: { line in labels.contains { line.hasPrefix($0.prefix) } }),
            let role = labels.first(where: { lines[labelIndex].hasPrefix($0.prefix) })?.role
        else { return [] }
        var contacts: [DecisionDocument.Contact] = []
        var index = labelIndex + 1
        while index < lines.count {
            let line = lines[index]
            // "Satu Kankare, Kaupunginjohtaja, satu.kankare@lapua.fi"
            let parts = line.split(separator: ",").map { $0.trimmingWhitespace() }
            if parts.count >= 2, let email = parts.last, isEmail(email), isName(parts[0]) {
                var contact = DecisionDocument.Contact(role: role, name: parts[0])
                let title = parts.dropFirst().dropLast().joined(separator: ", ")
                contact.title = title.isEmpty ? nil : title
                contact.email = email
                contacts.append(contact)
                index += 1
                continue
            }
            // "Jarkko Panu" / "jarkko.panu@lapua.fi" / "Rakennustarkastaja"
            if isName(line), index + 1 < lines.count, isEmail(lines[index + 1]) {
                var contact = DecisionDocument.Contact(role: role, name: line)
                contact.email = lines[index + 1]
                index += 2
                if index < lines.count, isTitle(lines[index]) {
                    contact.title = lines[index]
                    index += 1
                }
                contacts.append(contact)
                continue
            }
            // "kunnanjohtaja Sirpa Hakala" / "puh. 040 539 4293, etunimi.sukunimi@ranua.fi"
            if let (title, name) = titleThenName(line) {
                var contact = DecisionDocument.Contact(role: role, name: name)
                contact.title = title
                index += 1
                if index < lines.count, let details = phoneAndEmail(lines[index]) {
                    contact.phone = details.phone
                    contact.email = details.email
                    index += 1
                }
                contacts.append(contact)
                continue
            }
            break
        }
        return contacts
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
        let labelsAfter = ["Liitteet", "Bilagor", "Oheismateriaali", "Ehdotus", "Förslag", "Päätös", "Beslut"]
        return !text.isEmpty && text.count <= 80 && !labelsAfter.contains(where: text.hasPrefix)
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
            } else if let match = part.wholeMatch(of: /(?:puh\.?|p\.|tel\.?|tfn)\s*([0-9 +()-]{3,40})/) {
                phone = try? FieldRules.phone(String(match.1), field: "phone")
            } else {
                return nil
            }
        }
        return phone == nil && email == nil ? nil : (phone, email)
    }
}
