/// A small, strict JSON parser for the audit trail's payloads: an export reads one per
/// event, and Foundation's decoder spent three times as long as everything else together.
/// Numbers keep their text, as ``JSONValue`` does.
public struct JSONParser {
    public struct Failure: Error, CustomStringConvertible {
        public let offset: Int
        public let reason: String
        public var description: String { "not JSON at byte \(offset): \(reason)" }
    }

    private let bytes: [UInt8]
    private var index = 0

    /// The value of `text`, which must be one JSON value (white space around it allowed).
    public static func parse(_ text: String) throws(Failure) -> JSONValue {
        var parser = JSONParser(bytes: Array(text.utf8))
        parser.skipSpace()
        let value = try parser.value(depth: 0)
        parser.skipSpace()
        guard parser.index == parser.bytes.count else { throw parser.failure("text after the value") }
        return value
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    private func failure(_ reason: String) -> Failure { Failure(offset: index, reason: reason) }

    private mutating func skipSpace() {
        while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x0A || bytes[index] == 0x0D || bytes[index] == 0x09 { index += 1 }
    }

    private mutating func value(depth: Int) throws(Failure) -> JSONValue {
        guard depth < 200 else { throw failure("nested too deep") }
        guard index < bytes.count else { throw failure("unexpected end") }
        switch bytes[index] {
        case UInt8(ascii: "{"):
            index += 1
            var object: [String: JSONValue] = [:]
            skipSpace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "}") { index += 1; return .object(object) }
            while true {
                skipSpace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw failure("expected a key") }
                let key = try string()
                skipSpace()
                try expect(UInt8(ascii: ":"))
                skipSpace()
                object[key] = try value(depth: depth + 1)
                skipSpace()
                if index < bytes.count, bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                try expect(UInt8(ascii: "}"))
                return .object(object)
            }
        case UInt8(ascii: "["):
            index += 1
            var array: [JSONValue] = []
            skipSpace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "]") { index += 1; return .array(array) }
            while true {
                skipSpace()
                array.append(try value(depth: depth + 1))
                skipSpace()
                if index < bytes.count, bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                try expect(UInt8(ascii: "]"))
                return .array(array)
            }
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): try word("true"); return .bool(true)
        case UInt8(ascii: "f"): try word("false"); return .bool(false)
        case UInt8(ascii: "n"): try word("null"); return .null
        default: return .number(try number())
        }
    }

    private mutating func expect(_ byte: UInt8) throws(Failure) {
        guard index < bytes.count, bytes[index] == byte else { throw failure("expected \(Character(Unicode.Scalar(byte)))") }
        index += 1
    }

    private mutating func word(_ text: StaticString) throws(Failure) {
        let count = text.utf8CodeUnitCount
        guard index + count <= bytes.count else { throw failure("unknown word") }
        let expected = UnsafeBufferPointer(start: text.utf8Start, count: count)
        for offset in 0..<count where bytes[index + offset] != expected[offset] { throw failure("unknown word") }
        index += count
    }

    private mutating func number() throws(Failure) -> String {
        let start = index
        while index < bytes.count, Self.isInNumber(bytes[index]) { index += 1 }
        guard index > start else { throw failure("unexpected character") }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    private static func isInNumber(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "e"),
            UInt8(ascii: "E"):
            true
        default: false
        }
    }

    private mutating func string() throws(Failure) -> String {
        index += 1  // the opening quote
        // Most strings have no escape: they are taken as they stand, in one step.
        let start = index
        while index < bytes.count, bytes[index] != UInt8(ascii: "\\"), bytes[index] >= 0x20 {
            if bytes[index] == UInt8(ascii: "\"") {
                index += 1
                return String(decoding: bytes[start..<(index - 1)], as: UTF8.self)
            }
            index += 1
        }
        var result = Array(bytes[start..<index])
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                index += 1
                return String(decoding: result, as: UTF8.self)
            }
            if byte == UInt8(ascii: "\\") {
                index += 1
                guard index < bytes.count else { break }
                let escaped = bytes[index]
                index += 1
                switch escaped {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): result.append(escaped)
                case UInt8(ascii: "b"): result.append(0x08)
                case UInt8(ascii: "f"): result.append(0x0C)
                case UInt8(ascii: "n"): result.append(0x0A)
                case UInt8(ascii: "r"): result.append(0x0D)
                case UInt8(ascii: "t"): result.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = try hex4()
                    if (0xD800...0xDBFF).contains(scalar), index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") {
                        index += 2
                        let low = try hex4()
                        guard (0xDC00...0xDFFF).contains(low) else { throw failure("a broken surrogate pair") }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let character = Unicode.Scalar(scalar) else { throw failure("a lone surrogate") }
                    result.append(contentsOf: Array(String(Character(character)).utf8))
                default: throw failure("an unknown escape")
                }
                continue
            }
            guard byte >= 0x20 else { throw failure("a control character in a string") }
            result.append(byte)
            index += 1
        }
        throw failure("an unterminated string")
    }

    private mutating func hex4() throws(Failure) -> UInt32 {
        guard index + 4 <= bytes.count else { throw failure("a short \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let digit = Character(Unicode.Scalar(bytes[index])).hexDigitValue else { throw failure("a bad \\u escape") }
            value = value * 16 + UInt32(digit)
            index += 1
        }
        return value
    }
}

extension AuditEvent {
    /// The event a payload records (`docs/audit.md`), read with ``JSONParser``.
    public init(payload: String) throws {
        guard case .object(let object) = try JSONParser.parse(payload) else {
            throw JSONParser.Failure(offset: 0, reason: "an event is a JSON object")
        }
        func text(_ key: String) -> String? { if case .string(let value)? = object[key] { value } else { nil } }
        func integer(_ key: String) -> Int64? { if case .number(let value)? = object[key] { Int64(value) } else { nil } }
        guard let seq = integer("seq"), let at = text("at"), let actor = text("actor"), let kind = text("kind") else {
            throw JSONParser.Failure(offset: 0, reason: "an event needs seq, at, actor and kind")
        }
        var changes: [String: Change] = [:]
        if case .object(let fields)? = object["changes"] {
            for (field, value) in fields {
                guard case .object(let change) = value else { continue }
                func side(_ key: String) -> JSONValue? { change[key].flatMap { $0 == .null ? nil : $0 } }
                changes[field] = Change(before: side("before"), after: side("after"))
            }
        }
        self.init(
            seq: seq, at: at, actor: actor, onBehalfOf: text("on_behalf_of"), kind: kind, organizationId: integer("organization_id"),
            decisionId: integer("decision_id"), from: text("from"), to: text("to"), comment: text("comment"), changes: changes)
    }
}
