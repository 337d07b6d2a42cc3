internal import Decisions

extension DecisionRegistry.Result {
    /// The answer of `pykala.register_decisions` (or of several calls, joined), read with
    /// ``JSONParser``: Foundation's decoder took half a second for 100 000 decisions.
    init(registrationJSON text: String) throws {
        guard case .object(let fields) = try JSONParser.parse(text), case .array(let decisions)? = fields["decisions"],
            case .array(let created)? = fields["created"]
        else { throw UnexpectedAnswer(text: text, key: "decisions") }
        func object(_ value: JSONValue) throws -> [String: JSONValue] {
            guard case .object(let object) = value else { throw UnexpectedAnswer(text: text, key: nil) }
            return object
        }
        func string(_ key: String, in object: [String: JSONValue]) throws -> String {
            guard let value = try optionalString(key, in: object) else { throw UnexpectedAnswer(text: text, key: key) }
            return value
        }
        func optionalString(_ key: String, in object: [String: JSONValue]) throws -> String? {
            switch object[key] {
            case nil, .null?: return nil
            case .string(let value)?: return value
            default: throw UnexpectedAnswer(text: text, key: key)
            }
        }
        func optionalInteger(_ key: String, in object: [String: JSONValue]) throws -> Int64? {
            switch object[key] {
            case nil, .null?: return nil
            case .number(let digits)?:
                guard let value = Int64(digits) else { throw UnexpectedAnswer(text: text, key: key) }
                return value
            default: throw UnexpectedAnswer(text: text, key: key)
            }
        }
        func integer(_ key: String, in object: [String: JSONValue]) throws -> Int64 {
            guard let value = try optionalInteger(key, in: object) else { throw UnexpectedAnswer(text: text, key: key) }
            return value
        }
        self.init(
            decisions: try decisions.map { value in
                let decision = try object(value)
                return DecisionRegistry.Registered(
                    id: try integer("id", in: decision), version: Int(try integer("version", in: decision)),
                    diaryNumber: try optionalString("diary_number", in: decision), title: try string("title", in: decision),
                    body: try string("body", in: decision), meetingDate: try optionalString("meeting_date", in: decision),
                    section: try optionalInteger("section", in: decision).map { Int($0) })
            },
            created: try created.map { value in
                let item = try object(value)
                return DecisionRegistry.Created(
                    kind: try string("kind", in: item), name: try string("name", in: item), title: try optionalString("title", in: item),
                    bodyKind: try optionalString("body_kind", in: item))
            })
    }
}
