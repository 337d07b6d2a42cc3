import Postgres
import PostgresTestSupport
import Testing

@Suite("reading COPY's text format")
struct CopyTextTests {
    @Test("tabs, newlines, backslashes, NULLs and non-ASCII text come back as stored")
    func roundTrip() throws {
        let connection = try TestPostgres.emptyDatabase().connect()
        let values = ["plain", "tab\there", "line\nbreak", "back\\slash", "\\N", "ääkköset €", "", "cr\rlf", "\u{8}\u{c}\u{b}"]
        try connection.execute("CREATE TABLE t (position integer, value text)")
        for (index, value) in values.enumerated() { try connection.execute("INSERT INTO t VALUES ($1, $2)", [index, value]) }
        try connection.execute("INSERT INTO t VALUES (99, NULL)")
        var read: [String?] = []
        _ = try connection.copyOut("COPY (SELECT position, value FROM t ORDER BY position) TO STDOUT") { row in
            let fields = try CopyText.fields(of: row)
            #expect(fields.count == 2)
            read.append(fields[1])
        }
        #expect(read == values.map(Optional.some) + [nil])
    }
}
