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

    @Test("seeded random rows, written by appendRow as COPY TO writes them, read back field by field")
    func randomRows() throws {
        let pieces: [String?] = [nil, "", "a", "ä", "€", "😀", "\\", "\t", "\n", "\r", "\u{8}", "\u{b}", "\u{c}", "N", "\\N", "x y", "\u{7f}"]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        for _ in 0..<3_000 {
            let fields: [String?] = (0...next(5)).map { _ in
                if next(6) == 0 { return nil }
                return (0..<next(5)).map { _ in pieces[1 + next(pieces.count - 1)] ?? "" }.joined()
            }
            var written: [UInt8] = []
            try CopyText.appendRow(fields, to: &written)
            // COPY TO also escapes backspace, vertical tab and form feed: so does this row.
            let bytes = written.flatMap { byte -> [UInt8] in
                switch byte {
                case 0x08: Array("\\b".utf8)
                case 0x0B: Array("\\v".utf8)
                case 0x0C: Array("\\f".utf8)
                default: [byte]
                }
            }
            let read = try bytes.withUnsafeBytes { try CopyText.fields(of: $0) }
            #expect(read == fields, "\(fields)")
        }
    }
}
