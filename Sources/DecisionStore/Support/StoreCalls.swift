internal import Foundation
internal import Postgres

extension Connection {
    /// Runs one write — a call of a SECURITY DEFINER function returning `jsonb` in a column
    /// named `result` — in its own transaction, and decodes the result (snake_case keys).
    func callWriting<T: Decodable>(_ sql: String, _ parameters: [any PostgresEncodable], as type: T.Type) throws -> T {
        let rows = try StoreError.translating { try withTransaction { tx in try tx.execute(sql, parameters) } }
        return try rows[0].decodeJSON("result", as: type)
    }

    /// The id of the organization a command means: the one named, or the only one there is
    /// (`pykala.organization_id`, which explains itself when neither fits).
    func organizationID(_ name: String?) throws -> Int64 {
        try StoreError.translating {
            try execute("SELECT pykala.organization_id($1) AS id", [name])[0].get("id", as: Int64.self)
        }
    }

    /// Runs several reads on one snapshot.
    func reading<T>(_ body: (Connection) throws -> T) throws -> T {
        try StoreError.translating { try withTransaction(.repeatableRead, body) }
    }
}

extension Row {
    /// A `json`/`jsonb` column decoded with snake_case keys.
    func decodeJSON<T: Decodable>(_ column: String, as type: T.Type = T.self) throws -> T {
        let json = try get(column, as: PostgresJSON.self)
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(type, from: Data(json.text.utf8))
    }
}
