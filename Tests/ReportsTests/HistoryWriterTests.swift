import Foundation
import Decisions
import PropertyBased
import Reports
import Testing

@Suite("history exports: CSV, JSON lines, JSON, HTML")
struct HistoryWriterTests {
    static func row(comment: String? = nil, title: String = "Päätös") -> HistoryRow {
        HistoryRow(
            seq: 7, time: "2020-02-24T17:03:11.000000+02:00", actor: "sihteeri", onBehalfOf: nil, diaryNumber: "2265/15.151/2020",
            sectionReference: "Kunnanhallitus/2020/§39", action: "approve", fromState: "proposed", toState: "approved",
            changes: [.init(field: "title", before: "", after: title)], comment: comment, hash: String(repeating: "a", count: 64))
    }

    private func written(_ format: HistoryWriter.Format, _ rows: [HistoryRow]) throws -> String {
        var text = ""
        var writer = try HistoryWriter(format: format) { text += $0 }
        for row in rows { try writer.write(row) }
        try writer.finish()
        return text
    }

    @Test("cells a spreadsheet would run are neutralised, by their first Unicode scalar",
          arguments: [("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"), ("+1", "'+1"), ("-1", "'-1"), ("@SUM(A1)", "'@SUM(A1)"),
                      ("\tx", "'\tx"), ("=\u{301}", "'=\u{301}"), ("plain", "plain"), ("a=b", "a=b"), ("", "")])
    func neutralised(_ input: String, _ expected: String) {
        #expect(CSV.neutralised(input) == expected)
    }

    @Test("CSV follows RFC 4180: a header, CRLF, quoted cells with doubled quotes")
    func csv() throws {
        let text = try written(.csv, [Self.row(comment: "=HYPERLINK(\"http://x\")")])
        let lines = text.components(separatedBy: "\r\n")
        #expect(lines[0] == "seq,time,actor,on_behalf_of,diary_number,section,action,from,to,changes,comment,hash")
        #expect(lines[1].contains(",\"'=HYPERLINK(\"\"http://x\"\")\","))
        #expect(lines.last == "")
    }

    @Test("any text comes back from its CSV cell: quoted, with its quotes doubled, when it holds a comma, quote or line break")
    func csvCells() async {
        let alphabet: [Character] = Array("aä\",\r\n\t=€") + ["\u{301}", "🇫🇮", "\r\n"]
        let texts = Gen<Character?>.element(of: alphabet).map { $0 ?? " " }.string(of: 0...30)
        await propertyCheck(count: 500, input: texts) { text in
            // By Unicode scalar: a quote with a combining mark is one Character, and still a quote.
            let cell = CSV.neutralised(text)
            let special = cell.unicodeScalars.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }
            var doubled = String.UnicodeScalarView()
            for scalar in cell.unicodeScalars {
                doubled.append(scalar)
                if scalar == "\"" { doubled.append(scalar) }
            }
            let expected = special ? "\"" + String(doubled) + "\"" : cell
            #expect(CSV.row([text]) == expected + "\r\n")
            #expect(CSV.row([text, text]) == expected + "," + expected + "\r\n")
        }
    }

    @Test("HTML is escaped")
    func html() throws {
        let text = try written(.html, [Self.row(title: "<script>alert(1)</script>")])
        #expect(text.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(!text.contains("<script>"))
    }

    @Test("JSON lines and JSON keep every field, and any text comes back unchanged")
    func json() async throws {
        let alphabet = Array("aä\"\\\n\t<>=,;€") + ["\u{2028}", "\u{1}"]
        let texts = Gen<Character?>.element(of: alphabet).map { $0 ?? " " }.string(of: 0...40)
        await propertyCheck(count: 300, input: texts) { text throws in
            let line = try written(.jsonl, [Self.row(comment: text)])
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            #expect(object["comment"] as? String == text)
            #expect(object["hash"] as? String == String(repeating: "a", count: 64))
        }
        let array = try written(.json, [Self.row(), Self.row()])
        #expect((try JSONSerialization.jsonObject(with: Data(array.utf8)) as? [Any])?.count == 2)
        #expect(try written(.json, []) == "[]\n")
    }
}
