public import Foundation

/// A `json`/`jsonb` value as its text, with helpers to go to and from `Codable` values.
public struct PostgresJSON: Hashable, Sendable, PostgresEncodable, PostgresDecodable {
    public let text: String

    public init(text: String) { self.text = text }

    /// Encodes a value with sorted keys, so equal values give equal text.
    public init(encoding value: some Encodable, keys: JSONEncoder.KeyEncodingStrategy = .useDefaultKeys) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = keys
        text = String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    public func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try JSONDecoder().decode(type, from: Data(text.utf8))
    }

    public func postgresBinding() -> PostgresBinding { .text(text) }

    public init(from cell: PostgresCell) throws {
        try cell.require([.json, .jsonb])
        text = try cell.text()
    }
}
