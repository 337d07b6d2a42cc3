internal import Yams

/// Walks one YAML node tree into a ``DecisionDocument``, collecting problems instead of
/// stopping at the first, each with its line and key path.
struct NodeReader {
    let file: String
    let prefix: String
    private(set) var problems: [DocumentProblem] = []

    init(file: String, prefix: String) {
        self.file = file
        self.prefix = prefix
    }

    mutating func document(_ node: Node) -> DecisionDocument? {
        guard let map = mapping(node, path: prefix.isEmpty ? "(document)" : prefix, allowed: DocumentReader.keys) else {
            return nil
        }
        let body = requiredText(map, "body", limit: Limits.name)
        let title = requiredText(map, "title", limit: Limits.title)
        var document = DecisionDocument(body: body ?? "", title: title ?? "")
        document.organization = text(map["organization"], path: "organization", limit: Limits.name)
        if let node = map["case"] { document.caseInfo = caseInfo(node) }
        if let node = map["meeting"], !node.isNull { document.meeting = meeting(node) }
        document.earlierHandlings = list(map["earlier_handlings"], path: "earlier_handlings") { reader, node, path in
            reader.earlierHandling(node, path: path)
        }
        if let node = map["project"], !node.isNull { document.project = project(node) }
        document.description = text(map["description"], path: "description", limit: Limits.longText)
        document.proposal = text(map["proposal"], path: "proposal", limit: Limits.longText)
        document.decision = text(map["decision"], path: "decision", limit: Limits.longText)
        document.outcome = choice(map["outcome"], path: "outcome", as: Outcome.self)
        if let node = map["vote"], !node.isNull { document.vote = vote(node) }
        document.disqualified = list(map["disqualified"], path: "disqualified") { reader, node, path in
            reader.disqualification(node, path: path)
        }
        switch (map["total"], map["total_cents"]) {
        case (let node?, nil): document.total = money(node, path: "total")
        case (nil, let node?):
            document.total = integer(node, path: "total_cents", range: 0...Int(Int64.max / 4)).map { Money(cents: Int64($0)) }
        case (_?, _?): problem(map["total_cents"], "total", "give either total or total_cents, not both")
        case (nil, nil): break
        }
        document.costShares = list(map["cost_shares"], path: "cost_shares") { reader, node, path in
            reader.costShare(node, path: path)
        }
        document.deadlines = list(map["deadlines"], path: "deadlines") { reader, node, path in
            reader.deadline(node, path: path)
        }
        document.contacts = list(map["contacts"], path: "contacts") { reader, node, path in
            reader.contact(node, path: path)
        }
        if let node = map["publicity"] { document.publicity = publicity(node) ?? .public }
        checkTotals(document, totalNode: map["total"] ?? map["total_cents"] ?? map["cost_shares"])
        return document
    }

    // MARK: - Parts

    private mutating func caseInfo(_ node: Node) -> DecisionDocument.CaseInfo? {
        guard let map = mapping(node, path: "case", allowed: ["diary_number", "title", "classification"]) else { return nil }
        var info = DecisionDocument.CaseInfo()
        if let numberNode = map["diary_number"], let raw = text(numberNode, path: "case.diary_number", limit: DiaryNumber.maximumLength) {
            info.diaryNumber = parse(numberNode, path: "case.diary_number") { _ in try DiaryNumber(parsing: raw) }
        }
        info.title = text(map["title"], path: "case.title", limit: Limits.title)
        info.classification = text(map["classification"], path: "case.classification", limit: 50)
        return info
    }

    private mutating func meeting(_ node: Node) -> DecisionDocument.MeetingReference? {
        guard let map = mapping(node, path: "meeting", allowed: ["date", "section"]) else { return nil }
        guard let date = requiredDate(map, "date", path: "meeting.date") else { return nil }
        return DecisionDocument.MeetingReference(date: date, section: integer(map["section"], path: "meeting.section", range: 1...99_999))
    }

    private mutating func earlierHandling(_ node: Node, path: String) -> DecisionDocument.EarlierHandling? {
        guard let map = mapping(node, path: path, allowed: ["body", "section", "date"]) else { return nil }
        guard let body = requiredText(map, "body", path: "\(path).body", limit: Limits.name),
            let date = requiredDate(map, "date", path: "\(path).date")
        else { return nil }
        return DecisionDocument.EarlierHandling(
            body: body, section: integer(map["section"], path: "\(path).section", range: 1...99_999), date: date)
    }

    private mutating func project(_ node: Node) -> DecisionDocument.ProjectReference? {
        let keys = ["name", "coordinator", "period", "partners", "funders", "goals", "contacts"]
        guard let map = mapping(node, path: "project", allowed: keys) else { return nil }
        guard let name = requiredText(map, "name", path: "project.name", limit: Limits.name) else { return nil }
        var project = DecisionDocument.ProjectReference(name: name)
        project.coordinator = text(map["coordinator"], path: "project.coordinator", limit: Limits.name)
        project.period = text(map["period"], path: "project.period", limit: 100)
        project.goals = text(map["goals"], path: "project.goals", limit: Limits.goals)
        for key in ["partners", "funders"] {
            let names = list(map[key], path: "project.\(key)") { reader, node, path in
                reader.text(node, path: path, limit: Limits.name)
            }
            if key == "partners" { project.partners = names } else { project.funders = names }
        }
        project.contacts = list(map["contacts"], path: "project.contacts") { reader, node, path in
            reader.projectContact(node, path: path)
        }
        return project
    }

    private mutating func projectContact(_ node: Node, path: String) -> DecisionDocument.ProjectContact? {
        let keys = ["name", "title", "responsibility", "phone", "email", "private"]
        guard let map = mapping(node, path: path, allowed: keys),
            let name = requiredText(map, "name", path: "\(path).name", limit: Limits.name)
        else { return nil }
        var contact = DecisionDocument.ProjectContact(name: name)
        contact.title = text(map["title"], path: "\(path).title", limit: Limits.name)
        contact.responsibility = text(map["responsibility"], path: "\(path).responsibility", limit: 500)
        contact.phone = checked(map["phone"], path: "\(path).phone", limit: 40, FieldRules.phone)
        contact.email = checked(map["email"], path: "\(path).email", limit: 254, FieldRules.email)
        contact.isPrivate = boolean(map["private"], path: "\(path).private") ?? false
        return contact
    }

    private mutating func vote(_ node: Node) -> DecisionDocument.VoteCount? {
        guard let map = mapping(node, path: "vote", allowed: ["yes", "no", "blank", "absent"]) else { return nil }
        func count(_ key: String) -> Int { integer(map[key], path: "vote.\(key)", range: 0...10_000) ?? 0 }
        return DecisionDocument.VoteCount(yes: count("yes"), no: count("no"), blank: count("blank"), absent: count("absent"))
    }

    private mutating func disqualification(_ node: Node, path: String) -> DecisionDocument.Disqualification? {
        guard let map = mapping(node, path: path, allowed: ["name", "ground"]) else { return nil }
        guard let name = requiredText(map, "name", path: "\(path).name", limit: Limits.name) else { return nil }
        return DecisionDocument.Disqualification(name: name, ground: text(map["ground"], path: "\(path).ground", limit: Limits.shortText))
    }

    private mutating func costShare(_ node: Node, path: String) -> DecisionDocument.CostShare? {
        guard let map = mapping(node, path: path, allowed: ["year", "amount", "amount_cents", "source"]) else { return nil }
        let year = integer(map["year"], path: "\(path).year", range: CalendarDate.years)
        if map["year"] == nil { problem(node, "\(path).year", "is missing; give the year the share is paid in, e.g. 2021") }
        var amount: Money?
        switch (map["amount"], map["amount_cents"]) {
        case (let node?, nil): amount = money(node, path: "\(path).amount")
        case (nil, let node?):
            amount = integer(node, path: "\(path).amount_cents", range: 0...Int(Int64.max / 4)).map { Money(cents: Int64($0)) }
        case (nil, nil): problem(node, "\(path).amount", "is missing; give the amount, e.g. 400 €")
        case (_?, _?): problem(node, "\(path).amount", "give either amount or amount_cents, not both")
        }
        if let value = amount, value.cents < 0 {
            problem(map["amount"] ?? map["amount_cents"] ?? node, "\(path).amount", "\(value) is negative; a cost share is zero or more")
            amount = nil
        }
        guard let year, let amount else { return nil }
        return DecisionDocument.CostShare(year: year, amount: amount, source: text(map["source"], path: "\(path).source", limit: Limits.name))
    }

    private mutating func deadline(_ node: Node, path: String) -> DecisionDocument.Deadline? {
        guard let map = mapping(node, path: path, allowed: ["kind", "date", "text", "done"]) else { return nil }
        let kind = choice(map["kind"], path: "\(path).kind", as: DeadlineKind.self)
        if map["kind"] == nil { problem(node, "\(path).kind", "is missing; expected \(DeadlineKind.choices)") }
        guard let date = requiredDate(map, "date", path: "\(path).date"), let kind else { return nil }
        return DecisionDocument.Deadline(
            kind: kind, date: date, text: text(map["text"], path: "\(path).text", limit: Limits.shortText),
            done: boolean(map["done"], path: "\(path).done") ?? false)
    }

    private mutating func contact(_ node: Node, path: String) -> DecisionDocument.Contact? {
        guard let map = mapping(node, path: path, allowed: ["role", "name", "title", "phone", "email", "private"]) else { return nil }
        let role = choice(map["role"], path: "\(path).role", as: ContactRole.self)
        if map["role"] == nil { problem(node, "\(path).role", "is missing; expected \(ContactRole.choices)") }
        guard let name = requiredText(map, "name", path: "\(path).name", limit: Limits.name), let role else { return nil }
        var contact = DecisionDocument.Contact(role: role, name: name)
        contact.title = text(map["title"], path: "\(path).title", limit: Limits.name)
        contact.phone = checked(map["phone"], path: "\(path).phone", limit: 40, FieldRules.phone)
        contact.email = checked(map["email"], path: "\(path).email", limit: 254, FieldRules.email)
        contact.isPrivate = boolean(map["private"], path: "\(path).private") ?? false
        return contact
    }

    private mutating func publicity(_ node: Node) -> Publicity? {
        if let value = node.scalar?.string, value == "public" { return .public }
        if case .mapping = node, let map = mapping(node, path: "publicity", allowed: ["secret"]),
            let basis = requiredText(map, "secret", path: "publicity.secret", limit: Limits.shortText)
        {
            return .secret(basis: basis)
        }
        if case .scalar = node {
            problem(node, "publicity", "\"\(node.scalar?.string ?? "")\" is not allowed; expected public or {secret: LEGAL BASIS}")
        } else if case .sequence = node {
            // Never silently public: a malformed publicity is refused.
            problem(node, "publicity", "a list is not allowed; expected public or {secret: LEGAL BASIS}")
        }
        return nil
    }

    private mutating func checkTotals(_ document: DecisionDocument, totalNode: Node?) {
        guard let total = document.total, !document.costShares.isEmpty, let sum = document.sharesTotal, sum != total else { return }
        problem(totalNode, "cost_shares", "the shares add up to \(sum), but total is \(total); they must be equal")
    }

    // MARK: - Scalars

    private mutating func mapping(_ node: Node, path: String, allowed: [String]) -> Fields? {
        guard case .mapping(let mapping) = node else {
            problem(node, path, "expected a mapping of keys (\(allowed.joined(separator: ", ")))")
            return nil
        }
        var result = Fields(node: node)
        for (key, value) in mapping {
            let name = key.scalar?.string ?? ""
            if allowed.contains(name) {
                result.values[name] = value
            } else {
                let place = path == "(document)" ? "" : "\(path)."
                problem(key, "\(place)\(name)", "is not a known key; expected one of \(allowed.joined(separator: ", "))")
            }
        }
        return result
    }

    private mutating func text(_ node: Node?, path: String, limit: Int) -> String? {
        guard let node, !node.isNull else { return nil }
        guard case .scalar(let scalar) = node else {
            problem(node, path, "expected text")
            return nil
        }
        let value = scalar.string
        if value.utf8.contains(0) {
            problem(node, path, "contains a NUL byte")
            return nil
        }
        // A character takes at least one UTF-8 byte: count characters only when the bytes could be too many.
        if value.utf8.count > limit, value.count > limit {
            problem(node, path, "is \(value.count) characters long; at most \(limit) are allowed")
            return nil
        }
        let trimmed = value.trimmingWhitespace()
        // As the database's is_clean_line and is_clean_text: names, titles and short texts are
        // one line without control characters; long texts may have tabs and line breaks.
        let isLong = limit >= Limits.longText
        if let bad = trimmed.firstControlCharacter(allowingLineBreaks: isLong) {
            let what = bad == "\t" ? "a tab" : bad == "\n" || bad == "\r" ? "a line break" : "the control character U+\(String(bad.value, radix: 16, uppercase: true))"
            problem(node, path, isLong ? "contains \(what); remove it" : "contains \(what); it must be one line of text")
            return nil
        }
        return trimmed.isEmpty ? nil : trimmed
    }

    private mutating func requiredText(_ map: Fields, _ key: String, path: String? = nil, limit: Int) -> String? {
        let path = path ?? key
        guard let node = map[key], !node.isNull else {
            problem(map.node, path, "is missing")
            return nil
        }
        let value = text(node, path: path, limit: limit)
        if value == nil, case .scalar = node, problems.last?.field != path { problem(node, path, "is empty") }
        return value
    }

    private mutating func requiredDate(_ map: Fields, _ key: String, path: String) -> CalendarDate? {
        guard let node = map[key], !node.isNull else {
            problem(map.node, path, "is missing; give a date like 20.2.2020 or 2020-02-20")
            return nil
        }
        return date(node, path: path)
    }

    private mutating func date(_ node: Node, path: String) -> CalendarDate? {
        guard let raw = text(node, path: path, limit: 40) else { return nil }
        return parse(node, path: path) { _ in try CalendarDate(parsing: raw) }
    }

    /// A text field checked by one of ``FieldRules``.
    private mutating func checked(
        _ node: Node?, path: String, limit: Int, _ rule: (String?, String) throws(FieldError) -> String?
    ) -> String? {
        guard let node, let raw = text(node, path: path, limit: limit) else { return nil }
        do {
            return try rule(raw, path)
        } catch {
            problem(node, path, "\"\(error.value)\" is not accepted; expected \(error.expected)")
            return nil
        }
    }

    private mutating func money(_ node: Node?, path: String) -> Money? {
        guard let node, let raw = text(node, path: path, limit: 60) else { return nil }
        return parse(node, path: path) { _ in try Money(parsing: raw) }
    }

    private mutating func integer(_ node: Node?, path: String, range: ClosedRange<Int>) -> Int? {
        guard let node, let raw = text(node, path: path, limit: 30) else { return nil }
        guard raw.allSatisfy(\.isASCIIDigit), let value = Int(raw), range.contains(value) else {
            problem(node, path, "\"\(raw)\" is not a whole number from \(range.lowerBound) to \(range.upperBound)")
            return nil
        }
        return value
    }

    private mutating func boolean(_ node: Node?, path: String) -> Bool? {
        guard let node, let raw = text(node, path: path, limit: 10) else { return nil }
        switch raw {
        case "true", "yes": return true
        case "false", "no": return false
        default:
            problem(node, path, "\"\(raw)\" is not true or false")
            return nil
        }
    }

    private mutating func choice<T: CaseIterable & RawRepresentable<String>>(_ node: Node?, path: String, as type: T.Type) -> T? {
        guard let node, let raw = text(node, path: path, limit: 60) else { return nil }
        guard let value = T(rawValue: raw) else {
            problem(node, path, "\"\(raw)\" is not allowed; expected \(T.choices)")
            return nil
        }
        return value
    }

    private mutating func list<T>(_ node: Node?, path: String, _ element: (inout NodeReader, Node, String) -> T?) -> [T] {
        guard let node, !node.isNull else { return [] }
        guard case .sequence(let sequence) = node else {
            problem(node, path, "expected a list")
            return []
        }
        return sequence.enumerated().compactMap { index, item in element(&self, item, "\(path)[\(index)]") }
    }

    private mutating func parse<T>(_ node: Node, path: String, _ body: (Node) throws -> T) -> T? {
        do {
            return try body(node)
        } catch {
            problem(node, path, "\(error)")
            return nil
        }
    }

    private mutating func problem(_ node: Node?, _ field: String, _ message: String) {
        problems.append(DocumentProblem(file: file, line: node?.mark?.line, column: node?.mark?.column, field: field, message: message))
    }
}

/// The keys of one mapping, and the mapping itself (for the line of a missing key).
struct Fields {
    let node: Node
    var values: [String: Node] = [:]

    subscript(key: String) -> Node? { values[key] }
}

extension Node {
    var isNull: Bool {
        guard case .scalar(let scalar) = self else { return false }
        return scalar.style == .plain && ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }
}

extension StringProtocol {
    /// The text without surrounding Unicode white space.
    public func trimmingWhitespace() -> String {
        // Most values start and end with a visible ASCII character: nothing to trim.
        let bytes = Substring(self).utf8
        if let first = bytes.first, let last = bytes.last, (0x21...0x7E).contains(first), (0x21...0x7E).contains(last) {
            return String(self)
        }
        var scalars = Substring(self).unicodeScalars[...]
        while let first = scalars.first, first.properties.isWhitespace { scalars = scalars.dropFirst() }
        while let last = scalars.last, last.properties.isWhitespace { scalars = scalars.dropLast() }
        return String(String.UnicodeScalarView(scalars))
    }

    /// The first control character (general category Cc: U+0000–U+001F and U+007F–U+009F), if
    /// any; with `allowingLineBreaks`, tabs and line breaks are allowed. Read from the UTF-8
    /// bytes: the C1 controls are the two-byte sequences C2 80…C2 9F.
    func firstControlCharacter(allowingLineBreaks: Bool) -> Unicode.Scalar? {
        var previous: UInt8 = 0
        for byte in utf8 {
            if byte < 0x20 || byte == 0x7F {
                if !(allowingLineBreaks && (byte == 0x09 || byte == 0x0A || byte == 0x0D)) { return Unicode.Scalar(byte) }
            } else if previous == 0xC2, (0x80...0x9F).contains(byte) {
                return Unicode.Scalar(byte)
            }
            previous = byte
        }
        return nil
    }
}
