internal import Foundation
internal import Postgres

extension Connection {
    /// Runs one write — a call of a SECURITY DEFINER function returning `jsonb` in a column
    /// named `result` — in its own transaction, and decodes the result (snake_case keys).
    ///
    /// With a `request` id, the result is kept under the caller's id in the same transaction,
    /// and a repeated request returns the kept result instead of writing again.
    func callWriting<T: Decodable>(
        _ sql: String, _ parameters: [any PostgresEncodable], as type: T.Type, request: UUID? = nil, repeatable: Bool = false
    ) throws -> T {
        let json = try callWriting(sql, parameters, request: request, repeatable: repeatable)
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(type, from: Data(json.text.utf8))
    }

    /// As ``callWriting(_:_:as:request:repeatable:)``, the result left as JSON text.
    func callWriting(
        _ sql: String, _ parameters: [any PostgresEncodable], request: UUID? = nil, repeatable: Bool = false
    ) throws -> PostgresJSON {
        let json: PostgresJSON
        if request == nil {
            // One statement is its own transaction: no BEGIN and COMMIT round trips. A statement
            // a connection repeats is prepared from its second run on.
            json = try StoreError.translating {
                let result = repeatable ? try executeRepeatable(sql, parameters) : try execute(sql, parameters)
                return try result[0].get("result", as: PostgresJSON.self)
            }
        } else {
            json = try writingOnce(kind: Self.functionName(in: sql) ?? "write", request: request) { tx in
                try tx.execute(sql, parameters)[0].get("result", as: PostgresJSON.self)
            }
        }
        return json
    }

    /// Runs `body`'s writes in one transaction and returns its result. With a `request` id,
    /// the result is kept under the caller's id in the same transaction, and a repeated
    /// request returns the kept result without running `body` again.
    func writingOnce(kind: String, request: UUID?, _ body: (Connection) throws -> PostgresJSON) throws -> PostgresJSON {
        try StoreError.translating {
            guard let request else { return try withTransaction(.readCommitted, body) }
            do {
                return try withTransaction { tx in
                    if let earlier = try tx.execute("SELECT pykala.recall_request($1, $2) AS result", [request, kind])[0]
                            .get("result", as: PostgresJSON?.self)
                    {
                        return earlier
                    }
                    let result = try body(tx)
                    try tx.execute("SELECT pykala.remember_request($1, $2, $3::json)", [request, kind, result])
                    return result
                }
            } catch let error as PostgresError where error.sqlState == .uniqueViolation && error.constraint == "request_pkey" {
                // The same request ran at the same moment and committed first: its result stands.
                return try execute("SELECT pykala.recall_request($1, $2) AS result", [request, kind])[0]
                    .get("result", as: PostgresJSON.self)
            }
        }
    }

    /// The name of the first `pykala.NAME(` call in `sql`: the kind a request is kept under.
    /// (A string scan: a regular expression here was compiled again on every write.)
    static func functionName(in sql: String) -> String? {
        guard let start = sql.range(of: "pykala.") else { return nil }
        let rest = sql[start.upperBound...]
        let name = rest.prefix { $0 == "_" || ("a"..."z").contains($0) }
        guard !name.isEmpty, rest.dropFirst(name.count).first == "(" else { return nil }
        return String(name)
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
