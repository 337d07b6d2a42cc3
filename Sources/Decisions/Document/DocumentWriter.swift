/// Writes decision documents in the form `pykala register` reads, normalised: money as
/// integer cents (`amount_cents`, `total_cents`), dates as ISO `YYYY-MM-DD`, keys in the
/// documented order. YAML for people to edit, JSON for programs.
public enum DocumentWriter {
    /// A value of the written tree; maps keep their order.
    public indirect enum Value: Sendable, Equatable {
        case null
        case bool(Bool)
        case integer(Int64)
        case string(String)
        case list([Value])
        case map([(String, Value)])

        public static func == (lhs: Value, rhs: Value) -> Bool {
            switch (lhs, rhs) {
            case (.null, .null): true
            case (.bool(let a), .bool(let b)): a == b
            case (.integer(let a), .integer(let b)): a == b
            case (.string(let a), .string(let b)): a == b
            case (.list(let a), .list(let b)): a == b
            case (.map(let a), .map(let b)): a.map(\.0) == b.map(\.0) && a.map(\.1) == b.map(\.1)
            default: false
            }
        }
    }

    /// The tree of one document. An empty body or title is written as null, for the reader to fill in.
    public static func tree(_ document: DecisionDocument) -> Value {
        var map: [(String, Value)] = []
        func put(_ key: String, _ value: Value?) { if let value { map.append((key, value)) } }
        func text(_ value: String?) -> Value? { value.map { .string($0) } }
        put("organization", text(document.organization))
        put("body", document.body.isEmpty ? .null : .string(document.body))
        if let info = document.caseInfo {
            put("case", compact([("diary_number", text(info.diaryNumber?.description)), ("title", text(info.title)),
                                 ("classification", text(info.classification))]))
        }
        if let meeting = document.meeting {
            put("meeting", compact([("date", .string(meeting.date.iso)), ("section", meeting.section.map { .integer(Int64($0)) })]))
        }
        if !document.earlierHandlings.isEmpty {
            put("earlier_handlings", .list(document.earlierHandlings.map { handling in
                compact([("body", .string(handling.body)), ("section", handling.section.map { .integer(Int64($0)) }),
                         ("date", .string(handling.date.iso))])
            }))
        }
        put("title", document.title.isEmpty ? .null : .string(document.title))
        if let project = document.project {
            put("project", compact([
                ("name", .string(project.name)), ("coordinator", text(project.coordinator)), ("period", text(project.period)),
                ("goals", text(project.goals)),
                ("partners", project.partners.isEmpty ? nil : .list(project.partners.map { .string($0) })),
                ("funders", project.funders.isEmpty ? nil : .list(project.funders.map { .string($0) })),
                ("contacts", project.contacts.isEmpty ? nil : .list(project.contacts.map { contact in
                    compact([("name", .string(contact.name)), ("title", text(contact.title)), ("responsibility", text(contact.responsibility)),
                             ("phone", text(contact.phone)), ("email", text(contact.email)), ("private", contact.isPrivate ? .bool(true) : nil)])
                })),
            ]))
        }
        put("description", text(document.description))
        put("proposal", text(document.proposal))
        put("decision", text(document.decision))
        put("outcome", text(document.outcome?.rawValue))
        if let vote = document.vote {
            put("vote", .map([("yes", .integer(Int64(vote.yes))), ("no", .integer(Int64(vote.no))), ("blank", .integer(Int64(vote.blank))),
                              ("absent", .integer(Int64(vote.absent)))]))
        }
        if !document.disqualified.isEmpty {
            put("disqualified", .list(document.disqualified.map { compact([("name", .string($0.name)), ("ground", text($0.ground))]) }))
        }
        put("total_cents", document.total.map { .integer($0.cents) })
        if !document.costShares.isEmpty {
            put("cost_shares", .list(document.costShares.map { share in
                compact([("year", .integer(Int64(share.year))), ("amount_cents", .integer(share.amount.cents)), ("source", text(share.source))])
            }))
        }
        if !document.deadlines.isEmpty {
            put("deadlines", .list(document.deadlines.map { deadline in
                compact([("kind", .string(deadline.kind.rawValue)), ("date", .string(deadline.date.iso)), ("text", text(deadline.text)),
                         ("done", deadline.done ? .bool(true) : nil)])
            }))
        }
        if !document.contacts.isEmpty {
            put("contacts", .list(document.contacts.map { contact in
                compact([("role", .string(contact.role.rawValue)), ("name", .string(contact.name)), ("title", text(contact.title)),
                         ("phone", text(contact.phone)), ("email", text(contact.email)), ("private", contact.isPrivate ? .bool(true) : nil)])
            }))
        }
        switch document.publicity {
        case .public: put("publicity", .string("public"))
        case .secret(let basis): put("publicity", .map([("secret", .string(basis))]))
        }
        return .map(map)
    }

    private static func compact(_ pairs: [(String, Value?)]) -> Value {
        .map(pairs.compactMap { key, value in value.map { (key, $0) } })
    }

    // MARK: - JSON

    /// Pretty JSON, two-space indented, keys in document order.
    public static func json(_ value: Value, indent: String = "") -> String {
        let inner = indent + "  "
        switch value {
        case .null: return "null"
        case .bool(let flag): return flag ? "true" : "false"
        case .integer(let number): return String(number)
        case .string(let text): return jsonString(text)
        case .list(let items):
            if items.isEmpty { return "[]" }
            return "[\n" + items.map { inner + json($0, indent: inner) }.joined(separator: ",\n") + "\n\(indent)]"
        case .map(let pairs):
            if pairs.isEmpty { return "{}" }
            return "{\n" + pairs.map { "\(inner)\(jsonString($0.0)): \(json($0.1, indent: inner))" }.joined(separator: ",\n") + "\n\(indent)}"
        }
    }

    static func jsonString(_ text: String) -> String { JSONValue.quoted(text) }

    // MARK: - YAML

    /// Block YAML: maps and lists on their own lines, long or multi-line text as literal
    /// blocks, anything that plain YAML could misread double-quoted.
    public static func yaml(_ value: Value) -> String {
        var out = ""
        writeYAML(value, indent: 0, into: &out)
        return out
    }

    private static func writeYAML(_ value: Value, indent: Int, into out: inout String) {
        let pad = String(repeating: " ", count: indent)
        switch value {
        case .map(let pairs):
            for (key, item) in pairs {
                out += pad + key + ":"
                writeNested(item, indent: indent, into: &out)
            }
        case .list(let items):
            for item in items {
                out += pad + "-"
                if case .map(let pairs) = item, let (firstKey, firstValue) = pairs.first {
                    out += " " + firstKey + ":"
                    writeNested(firstValue, indent: indent + 2, into: &out)
                    writeYAML(.map(Array(pairs.dropFirst())), indent: indent + 2, into: &out)
                } else {
                    writeNested(item, indent: indent, into: &out)
                }
            }
        default:
            out += pad + scalar(value) + "\n"
        }
    }

    private static func writeNested(_ value: Value, indent: Int, into out: inout String) {
        switch value {
        case .map(let pairs) where !pairs.isEmpty:
            out += "\n"
            writeYAML(value, indent: indent + 2, into: &out)
        case .list(let items) where !items.isEmpty:
            out += "\n"
            writeYAML(value, indent: indent + 2, into: &out)
        case .string(let text) where text.contains("\n") && canBeLiteral(text):
            out += " |\n"
            for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                out += line.isEmpty ? "\n" : String(repeating: " ", count: indent + 2) + line + "\n"
            }
        default:
            out += " " + scalar(value) + "\n"
        }
    }

    private static func scalar(_ value: Value) -> String {
        switch value {
        case .null: "null"
        case .bool(let flag): flag ? "true" : "false"
        case .integer(let number): String(number)
        case .string(let text): isPlain(text) ? text : jsonString(text)
        case .list: "[]"
        case .map: "{}"
        }
    }

    /// Text that YAML reads back unchanged as a plain scalar.
    static func isPlain(_ text: String) -> Bool {
        guard let first = text.first, let last = text.last, !text.contains("\n") else { return false }
        if "-?:,[]{}#&*!|>'\"%@`~ ".contains(first) || last == " " || last == ":" { return false }
        if text.contains(": ") || text.contains(" #") || text.contains("\t") { return false }
        if text.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F || $0.value >= 0x80 && !$0.properties.isAlphabetic && !"€–—”“’…§ ".unicodeScalars.contains($0) }) {
            return false
        }
        let lower = text.lowercased()
        if ["null", "true", "false", "yes", "no", "on", "off", "y", "n"].contains(lower) { return false }
        // Numbers, dates and times would be read as such by some readers.
        if text.allSatisfy({ $0.isNumber || ".-+_:eE".contains($0) }) { return false }
        return true
    }

    /// A literal block keeps the text exactly when it has no leading space, trailing
    /// spaces on a line, or control characters.
    static func canBeLiteral(_ text: String) -> Bool {
        guard let first = text.first, first != " ", first != "\n", text.last != "\n" else { return false }
        return !text.split(separator: "\n", omittingEmptySubsequences: false).contains { $0.hasSuffix(" ") || $0.hasPrefix(" ") && $0.allSatisfy { $0 == " " } }
            && !text.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\n") || $0.value == 0x7F || $0 == "\u{FEFF}" || $0 == "\u{85}" || (0x2028...0x2029).contains($0.value) }
    }
}
