import Foundation
@testable import Postgres
import PostgresTestSupport
import Testing

@Suite("text at the libpq boundary")
struct TextSafetyTests {
    @Test("a NUL byte in a parameter is refused before it reaches libpq")
    func nulParameter() throws {
        let connection = try TestPostgres.emptyDatabase().connect()
        let error = try #require(throws: PostgresError.self) {
            try connection.execute("SELECT $1::text", ["before\u{0}after"])
        }
        #expect(error.kind == .invalidParameter)
        #expect(error.message.contains("$1"))
        // The connection is still usable afterwards.
        #expect(try connection.execute("SELECT 1 AS one")[0].get("one", as: Int.self) == 1)
    }

    @Test("a NUL byte in the statement itself is refused")
    func nulStatement() throws {
        let connection = try TestPostgres.emptyDatabase().connect()
        #expect(throws: PostgresError.self) { try connection.execute("SELECT 1;\u{0} DROP TABLE x") }
    }

    @Test("invalid UTF-8 is refused, never repaired")
    func invalidUTF8() throws {
        let bytes: [UInt8] = [0x50, 0xC3, 0x28]  // "P" then a broken two-byte sequence
        bytes.withUnsafeBytes { raw in
            let cell = PostgresCell(bytes: raw, type: .text, columnName: "title")
            #expect(throws: PostgresDecodingFailure.self) { try String(from: cell) }
        }
    }

    @Test("SQL metacharacters in a parameter stay data")
    func injectionStaysData() throws {
        let connection = try TestPostgres.emptyDatabase().connect()
        try connection.execute("CREATE TABLE note (body text)")
        let hostile = "'); DROP TABLE note; --"
        try connection.execute("INSERT INTO note (body) VALUES ($1)", [hostile])
        let rows = try connection.execute("SELECT body FROM note")
        #expect(try rows[0].get("body", as: String.self) == hostile)
    }
}
