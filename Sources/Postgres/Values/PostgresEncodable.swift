public import Foundation

/// How one parameter travels to the server.
public enum PostgresBinding: Sendable, Equatable {
    case null
    /// Text format; the server infers the type from the statement.
    case text(String)
    /// Binary format with an explicit type (used for `bytea`).
    case binary([UInt8], PostgresType)
}

/// A Swift value that can be sent as a `$n` parameter.
public protocol PostgresEncodable {
    func postgresBinding() throws -> PostgresBinding
}

extension String: PostgresEncodable {
    public func postgresBinding() -> PostgresBinding { .text(self) }
}

extension Substring: PostgresEncodable {
    public func postgresBinding() -> PostgresBinding { .text(String(self)) }
}

extension Int: PostgresEncodable {
    public func postgresBinding() -> PostgresBinding { .text(String(self)) }
}

extension Int64: PostgresEncodable {
    public func postgresBinding() -> PostgresBinding { .text(String(self)) }
}

extension Int32: PostgresEncodable {
    public func postgresBinding() -> PostgresBinding { .text(String(self)) }
}

extension Bool: PostgresEncodable {
    public func postgresBinding() -> PostgresBinding { .text(self ? "t" : "f") }
}

extension UUID: PostgresEncodable {
    public func postgresBinding() -> PostgresBinding { .text(uuidString.lowercased()) }
}

extension Decimal: PostgresEncodable {
    public func postgresBinding() throws -> PostgresBinding {
        guard !isNaN else { throw PostgresError(.invalidParameter, "NaN cannot be sent as a number") }
        var value = self
        return .text(NSDecimalString(&value, Locale(identifier: "en_US_POSIX")))
    }
}

extension Date: PostgresEncodable {
    /// Sent as an ISO 8601 instant in UTC with microseconds, for `timestamptz`.
    public func postgresBinding() -> PostgresBinding {
        .text(PostgresTimestamp.format(self))
    }
}

extension Data: PostgresEncodable {
    public func postgresBinding() -> PostgresBinding { .binary([UInt8](self), .bytea) }
}

extension Array: PostgresEncodable where Element == UInt8 {
    public func postgresBinding() -> PostgresBinding { .binary(self, .bytea) }
}

extension Optional: PostgresEncodable where Wrapped: PostgresEncodable {
    public func postgresBinding() throws -> PostgresBinding {
        switch self {
        case .none: .null
        case .some(let value): try value.postgresBinding()
        }
    }
}

/// SQL `NULL` as a parameter, where no Swift type is at hand.
public struct PostgresNull: PostgresEncodable, Sendable {
    public init() {}
    public func postgresBinding() -> PostgresBinding { .null }
}
