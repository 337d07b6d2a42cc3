import Foundation
import Postgres
import PostgresTestSupport
import Testing

@Suite("COPY streams in and out")
struct CopyTests {
    struct Stop: Error {}

    @Test("100 000 rows go in with COPY FROM STDIN and come back with COPY TO STDOUT")
    func hundredThousandRows() throws {
        let connection = try TestPostgres.emptyDatabase().connect()
        try connection.execute("CREATE TABLE share (id int8 PRIMARY KEY, source text, note text)")
        let copied = try connection.copyIn("COPY share (id, source, note) FROM STDIN") { writer in
            for id in 1...100_000 {
                try writer.writeRow([String(id), "osastojen hallintomäärärahat", id % 10 == 0 ? nil : "tab\there\nnewline \\ §\(id)"])
            }
        }
        #expect(copied == 100_000)
        let sums = try connection.execute(
            "SELECT count(*) AS n, sum(id)::int8 AS s, count(note) AS notes, min(note) AS sample FROM share")[0]
        #expect(try sums.get("n", as: Int.self) == 100_000)
        #expect(try sums.get("s", as: Int64.self) == 5_000_050_000)
        #expect(try sums.get("notes", as: Int.self) == 90_000)
        #expect(try sums.get("sample", as: String.self).hasPrefix("tab\there\nnewline \\ §"))

        var chunks = 0
        var bytes = 0
        var lastLine = ""
        let exported = try connection.copyOut("COPY (SELECT id, source FROM share ORDER BY id) TO STDOUT") { chunk in
            chunks += 1
            bytes += chunk.count
            lastLine = String(decoding: chunk, as: UTF8.self)
        }
        #expect(exported == 100_000)
        #expect(chunks == 100_000)  // one row at a time: nothing buffers the whole output
        #expect(lastLine == "100000\tosastojen hallintomäärärahat\n")
        #expect(bytes > 3_000_000)
    }

    @Test("a COPY FROM whose writer throws stores nothing and leaves the connection usable")
    func abortedCopyIn() throws {
        let connection = try TestPostgres.emptyDatabase().connect()
        try connection.execute("CREATE TABLE t (n int)")
        #expect(throws: Stop.self) {
            try connection.copyIn("COPY t FROM STDIN") { writer in
                for n in 1...1000 { try writer.writeRow([String(n)]) }
                throw Stop()
            }
        }
        #expect(try connection.execute("SELECT count(*) AS n FROM t")[0].get("n", as: Int.self) == 0)
    }

    @Test("a bad row in COPY FROM is a server error naming the problem")
    func badRow() throws {
        let connection = try TestPostgres.emptyDatabase().connect()
        try connection.execute("CREATE TABLE t (n int)")
        let error = try #require(throws: PostgresError.self) {
            try connection.copyIn("COPY t FROM STDIN") { writer in try writer.writeRow(["not a number"]) }
        }
        #expect(error.sqlState == SQLState("22P02"))
        #expect(try connection.execute("SELECT count(*) AS n FROM t")[0].get("n", as: Int.self) == 0)
    }

    @Test("stopping a COPY TO early cancels it and leaves the connection usable")
    func earlyStop() throws {
        let connection = try TestPostgres.emptyDatabase().connect()
        var seen = 0
        #expect(throws: Stop.self) {
            try connection.copyOut("COPY (SELECT g FROM generate_series(1, 1000000) g) TO STDOUT") { _ in
                seen += 1
                if seen == 10 { throw Stop() }
            }
        }
        #expect(seen == 10)
        #expect(try connection.execute("SELECT 2 AS two")[0].get("two", as: Int.self) == 2)
    }

    @Test("a NUL byte in a COPY field is refused")
    func nulInCopy() throws {
        let connection = try TestPostgres.emptyDatabase().connect()
        try connection.execute("CREATE TABLE t (s text)")
        let error = try #require(throws: PostgresError.self) {
            try connection.copyIn("COPY t FROM STDIN") { writer in try writer.writeRow(["a\u{0}b"]) }
        }
        #expect(error.kind == .invalidParameter)
    }

    @Test("a COPY through execute is refused and the connection stays usable")
    func copyThroughExecute() throws {
        let connection = try TestPostgres.emptyDatabase().connect()
        #expect(throws: PostgresError.self) { try connection.execute("COPY (SELECT 1) TO STDOUT") }
        #expect(try connection.execute("SELECT 3 AS three")[0].get("three", as: Int.self) == 3)
    }
}
