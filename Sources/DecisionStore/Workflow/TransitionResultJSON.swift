internal import Decisions

extension Transitions.Result {
    /// The answer of `pykala.transition`, read with ``JSONParser``: a client taking steps one
    /// after another spent a quarter of its time in Foundation's decoder.
    init(transitionJSON text: String) throws {
        guard case .object(let fields) = try JSONParser.parse(text) else { throw UnexpectedAnswer(text: text, key: nil) }
        func value(_ key: String) throws -> JSONValue {
            guard let value = fields[key] else { throw UnexpectedAnswer(text: text, key: key) }
            return value
        }
        func string(_ key: String, in fields: [String: JSONValue]) throws -> String {
            guard case .string(let string)? = fields[key] else { throw UnexpectedAnswer(text: text, key: key) }
            return string
        }
        func integer(_ key: String) throws -> Int64 {
            guard case .number(let digits) = try value(key), let number = Int64(digits) else { throw UnexpectedAnswer(text: text, key: key) }
            return number
        }
        guard case .bool(let repeated) = try value("repeated"), case .array(let started) = try value("started") else {
            throw UnexpectedAnswer(text: text, key: "repeated")
        }
        let onBehalfOf: String?
        switch fields["on_behalf_of"] {
        case nil, .null?: onBehalfOf = nil
        case .string(let name)?: onBehalfOf = name
        default: throw UnexpectedAnswer(text: text, key: "on_behalf_of")
        }
        self.init(
            decision: try integer("decision"), action: try string("action", in: fields), from: try string("from", in: fields),
            to: try string("to", in: fields), version: Int(try integer("version")), history: try integer("history"),
            repeated: repeated,
            started: try started.map { item in
                guard case .object(let deadline) = item else { throw UnexpectedAnswer(text: text, key: "started") }
                return Started(kind: try string("kind", in: deadline), date: try string("date", in: deadline))
            },
            onBehalfOf: onBehalfOf)
    }
}
