public import Foundation

/// One field of a result row, as the server sent it (text format).
public struct PostgresCell {
    /// The raw bytes, or nil for SQL `NULL`.
    public let bytes: UnsafeRawBufferPointer?
    public let type: PostgresType
    public let columnName: String

    /// The field as text, validated as UTF-8 (never silently repaired).
    public func text() throws -> String {
        guard let bytes else { throw PostgresDecodingFailure.unexpectedNull }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw PostgresDecodingFailure.invalid("text that is not valid UTF-8")
        }
        return text
    }

    /// Refuses a field whose type is not one of `accepted`.
    public func require(_ accepted: Set<PostgresType>) throws {
        guard accepted.contains(type) else { throw PostgresDecodingFailure.typeMismatch }
    }
}

/// Why a cell could not be decoded; ``Row`` turns it into a ``PostgresError`` naming the column.
public enum PostgresDecodingFailure: Error, Sendable {
    case unexpectedNull
    case typeMismatch
    case invalid(String)
}

/// A Swift value that can be read from a result field.
public protocol PostgresDecodable {
    /// Decodes a field; `cell.bytes` is nil for SQL `NULL`.
    init(from cell: PostgresCell) throws
}

extension String: PostgresDecodable {
    private static let textTypes: Set<PostgresType> = [.text, .varchar, .bpchar, .name, .char, .unknown]

    /// Text columns, and enums and other user-defined types by their text form.
    public init(from cell: PostgresCell) throws {
        guard Self.textTypes.contains(cell.type) || cell.type.isUserDefined else {
            throw PostgresDecodingFailure.typeMismatch
        }
        self = try cell.text()
    }
}

extension Int64: PostgresDecodable {
    public init(from cell: PostgresCell) throws {
        try cell.require([.int2, .int4, .int8, .oidType])
        guard let value = Int64(try cell.text()) else { throw PostgresDecodingFailure.invalid("an integer") }
        self = value
    }
}

extension Int: PostgresDecodable {
    public init(from cell: PostgresCell) throws {
        self = Int(try Int64(from: cell))
    }
}

extension Int32: PostgresDecodable {
    public init(from cell: PostgresCell) throws {
        guard let value = Int32(exactly: try Int64(from: cell)) else {
            throw PostgresDecodingFailure.invalid("a 32-bit integer")
        }
        self = value
    }
}

extension Bool: PostgresDecodable {
    public init(from cell: PostgresCell) throws {
        try cell.require([.bool])
        switch try cell.text() {
        case "t": self = true
        case "f": self = false
        default: throw PostgresDecodingFailure.invalid("t or f")
        }
    }
}

extension UUID: PostgresDecodable {
    public init(from cell: PostgresCell) throws {
        try cell.require([.uuid])
        guard let value = UUID(uuidString: try cell.text()) else { throw PostgresDecodingFailure.invalid("a UUID") }
        self = value
    }
}

extension Date: PostgresDecodable {
    /// Reads `timestamptz` only: a `timestamp` without a zone has no instant to give.
    public init(from cell: PostgresCell) throws {
        try cell.require([.timestamptz])
        guard let value = PostgresTimestamp.parse(try cell.text()) else {
            throw PostgresDecodingFailure.invalid("an ISO timestamp with a UTC offset")
        }
        self = value
    }
}

extension Decimal: PostgresDecodable {
    public init(from cell: PostgresCell) throws {
        try cell.require([.numeric, .int2, .int4, .int8])
        let text = try cell.text()
        guard PostgresNumericText.isPlainDecimal(text),
            let value = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))
        else { throw PostgresDecodingFailure.invalid("a finite number") }
        self = value
    }
}

extension Data: PostgresDecodable {
    public init(from cell: PostgresCell) throws {
        self = Data(try [UInt8](from: cell))
    }
}

extension Array: PostgresDecodable where Element == UInt8 {
    /// Reads `bytea` in the server's hex output format (`\x0a1b…`).
    public init(from cell: PostgresCell) throws {
        try cell.require([.bytea])
        let text = try cell.text()
        guard let bytes = PostgresHex.decode(text) else { throw PostgresDecodingFailure.invalid("bytea in hex format") }
        self = bytes
    }
}

extension Optional: PostgresDecodable where Wrapped: PostgresDecodable {
    public init(from cell: PostgresCell) throws {
        self = cell.bytes == nil ? nil : try Wrapped(from: cell)
    }
}
