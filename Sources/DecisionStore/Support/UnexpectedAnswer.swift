internal import Decisions

/// An answer of the database that is not what its function returns: a defect, named with the text.
struct UnexpectedAnswer: Error, CustomStringConvertible {
    let text: String
    let key: String?
    var description: String { "the database's answer \(key.map { "has no valid \"\($0)\" in" } ?? "is not an object:") \(text.prefix(200))" }
}

/// One JSON object of a database answer, read field by field: a field that is missing or of
/// another type is an ``UnexpectedAnswer`` naming it (`null` and a missing field are both nil).
struct AnswerObject {
    private let fields: [String: JSONValue]
    /// The whole answer, for the error.
    private let text: String

    init(_ value: JSONValue, in text: String) throws {
        guard case .object(let fields) = value else { throw UnexpectedAnswer(text: text, key: nil) }
        self.fields = fields
        self.text = text
    }

    /// The answer `text`, which must be one object.
    init(parsing text: String) throws {
        try self.init(try JSONParser.parse(text), in: text)
    }

    func optionalString(_ key: String) throws -> String? {
        switch fields[key] {
        case nil, .null?: return nil
        case .string(let value)?: return value
        default: throw UnexpectedAnswer(text: text, key: key)
        }
    }

    func string(_ key: String) throws -> String {
        guard let value = try optionalString(key) else { throw UnexpectedAnswer(text: text, key: key) }
        return value
    }

    func optionalInteger(_ key: String) throws -> Int64? {
        switch fields[key] {
        case nil, .null?: return nil
        case .number(let digits)?:
            guard let value = Int64(digits) else { throw UnexpectedAnswer(text: text, key: key) }
            return value
        default: throw UnexpectedAnswer(text: text, key: key)
        }
    }

    func integer(_ key: String) throws -> Int64 {
        guard let value = try optionalInteger(key) else { throw UnexpectedAnswer(text: text, key: key) }
        return value
    }

    func bool(_ key: String) throws -> Bool {
        guard case .bool(let value)? = fields[key] else { throw UnexpectedAnswer(text: text, key: key) }
        return value
    }

    /// The objects of the array `key`.
    func objects(_ key: String) throws -> [AnswerObject] {
        guard case .array(let values)? = fields[key] else { throw UnexpectedAnswer(text: text, key: key) }
        return try values.map { try AnswerObject($0, in: text) }
    }
}
