import Foundation
import DecisionStore
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
}
