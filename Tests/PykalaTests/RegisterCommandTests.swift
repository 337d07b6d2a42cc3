import Foundation
import DecisionStore
import Postgres
import PostgresTestSupport
import Testing

@Suite("pykala register and pykala decision show")
struct RegisterCommandTests {
    static let example = TestPostgres.resources.root.appendingPathComponent("examples/ranua-2020-39.yaml").path

    @Test("the worked example registers through the CLI and its card shows the seed's facts")
    func workedExample() throws {
        let database = try TestPostgres.migratedDatabase()
        let register = try PykalaRun.run(["register", Self.example, "--create-missing", "--database", database.conninfo])
        #expect(register.status == 0, "\(register.stderr)")
        #expect(register.stdout.contains("created organization Ranuan kunta"))
        #expect(register.stdout.contains("registered decision 1 as a draft: Kunnanhallitus § 39 2265/15.151/2020"))
        let show = try PykalaRun.run(["decision", "show", "2265/15.151/2020", "--database", database.conninfo])
        #expect(show.status == 0, "\(show.stderr)")
        for fact in ["Kunnanhallitus 24.2.2020 § 39", "1 000,00 €", "2020        200,00 €", "2021        400,00 €",
                     "20.2.2020  reply_by", "passed before the meeting of 24.2.2020", "Anitta Jaakola (hyvinvointikoordinaattori)"] {
            #expect(show.stdout.contains(fact), "missing: \(fact)")
        }
        let json = try PykalaRun.run(["decision", "show", "Kunnanhallitus/2020/§39", "--format", "json", "--database", database.conninfo])
        let card = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(card["total_cents"] as? Int == 100_000)
        #expect(card["meeting_date"] as? String == "2020-02-24")
    }

    @Test("a bad document names file, line, field and value; exit 1; nothing stored")
    func badDocument() throws {
        let database = try TestPostgres.migratedDatabase()
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("bad-\(UUID().uuidString).yaml")
        try "body: Kunnanhallitus\ntitle: T\ndeadlines:\n  - {kind: reply_by, date: 1.1.24}\n".write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let run = try PykalaRun.run(["register", file.path, "--database", database.conninfo])
        #expect(run.status == 1)
        #expect(run.stderr.contains("\(file.path):4:"))
        #expect(run.stderr.contains("deadlines[0].date: \"1.1.24\" is not a date: the year must have four digits"))
        #expect(run.stderr.contains("Nothing was registered"))
        let show = try PykalaRun.run(["decision", "show", "1", "--database", database.conninfo])
        #expect(show.status == 1)
        #expect(show.stderr.contains("the register has no organization yet"))
    }

    @Test("a long JSON array registers in batches through the CLI: every decision, quiet in a pipe; a problem in its last element stores nothing")
    func longFile() throws {
        let database = try TestPostgres.migratedDatabase()
        let good = try FaultTests.decisions(4_500)
        defer { try? FileManager.default.removeItem(at: good) }
        let run = try PykalaRun.run(["register", good.path, "--create-missing", "--database", database.conninfo])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.isEmpty, "\(run.stderr)")
        #expect(run.stdout.components(separatedBy: "\n").filter { $0.hasPrefix("registered decision ") }.count == 4_500)
        #expect(run.stdout.contains("registered decision 4500 as a draft: Kunnanhallitus 4500/00.01/2021 Hanke 4500"))

        let other = try TestPostgres.migratedDatabase()
        var text = try String(contentsOf: good, encoding: .utf8)
        text = text.replacingOccurrences(of: #""title": "Hanke 4500""#, with: #""title": "Hanke 4500", "colour": "red""#)
        let bad = FileManager.default.temporaryDirectory.appendingPathComponent("long-bad-\(UUID().uuidString).json")
        try text.write(to: bad, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: bad) }
        let refused = try PykalaRun.run(["register", bad.path, "--create-missing", "--database", other.conninfo])
        #expect(refused.status == 1)
        let line = try #require(text.components(separatedBy: "\n").firstIndex { $0.contains("colour") }) + 1
        #expect(refused.stderr.contains("\(bad.path):\(line):"), "\(refused.stderr)")
        #expect(refused.stderr.contains("[4499]"), "\(refused.stderr)")
        #expect(refused.stderr.contains("Nothing was registered"))
        let count = try other.connect().execute("SELECT count(*) AS n FROM pykala.decision")[0].get("n", as: Int.self)
        #expect(count == 0)
    }
}
