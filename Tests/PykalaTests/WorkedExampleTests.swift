import DecisionStore
import Foundation
import Postgres
import PostgresTestSupport
import Testing

/// Issue 11's end-to-end check: the worked example played through the built `pykala` as
/// scripts/run-example plays it (one login per role), and the key contents of what it writes.
@Suite("the worked example end to end, through the binary")
struct WorkedExampleTests {
    @Test("registered, approved, on the agenda as § 39, decided, published; reports, history and a verified chain")
    func endToEnd() throws {
        let database = try TestPostgres.migratedDatabase()
        let root = TestPostgres.resources.root
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("worked-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: out) }
        let suffix = UUID().uuidString.prefix(6).lowercased()
        let secretary = "sihteeri_\(suffix)", manager = "kunnanjohtaja_\(suffix)", auditor = "tarkastaja_\(suffix)"
        func pykala(_ arguments: String..., as login: String? = nil) throws -> PykalaRun {
            let conninfo = login.map { database.conninfo(as: $0) } ?? database.conninfo
            let run = try PykalaRun.run(arguments + ["--database", conninfo])
            #expect(run.status == 0, "pykala \(arguments.joined(separator: " ")): \(run.stderr)")
            return run
        }
        let ref = "Kunnanhallitus/2020/§39"
        _ = try pykala("org", "add", "Ranuan kunta", "--name-sv", "Ranua kommun")
        _ = try pykala("body", "add", "Kunnanhallitus", "--kind", "board", "--name-sv", "Kommunstyrelsen")
        _ = try pykala("person", "add", "Anitta Jaakola", "--title", "hyvinvointikoordinaattori")
        _ = try pykala("person", "add", "Sirpa Hakala", "--title", "kunnanjohtaja", "--phone", "040 539 4293", "--email", "etunimi.sukunimi@ranua.fi")
        _ = try pykala("workflow", "load", root.appendingPathComponent("workflows/council-decision.yaml").path)
        _ = try pykala("user", "add", secretary, "--role", "secretary")
        _ = try pykala("user", "add", manager, "--role", "manager")
        _ = try pykala("user", "add", auditor, "--role", "auditor")
        _ = try pykala("register", root.appendingPathComponent("examples/ranua-2020-39.yaml").path, as: secretary)
        _ = try pykala("submit", ref, "--expect-version", "1", as: secretary)
        let refused = try PykalaRun.run(["approve", ref, "--database", database.conninfo(as: secretary)])
        #expect(refused.status != 0 && refused.stderr.contains("only a manager may approve"))
        _ = try pykala("approve", ref, "--expect-version", "2", as: manager)
        _ = try pykala("meeting", "new", "Kunnanhallitus", "24.2.2020", "--number", "4/2020", as: secretary)
        for action in ["put_on_agenda", "decide", "check_minutes", "publish"] {
            _ = try pykala("transition", ref, action, as: secretary)
        }
        let show = try pykala("decision", "show", ref, "--format", "json", as: auditor)
        let card = try #require(try JSONSerialization.jsonObject(with: Data(show.stdout.utf8)) as? [String: Any])
        #expect(card["state"] as? String == "published")
        #expect(card["section"] as? Int == 39)
        let appealEnds = try #require((card["deadlines"] as? [[String: Any]])?.first { $0["kind"] as? String == "appeal_ends" }?["date"] as? String)

        func write(_ name: String, _ arguments: String...) throws -> String {
            let path = out.appendingPathComponent(name).path
            _ = try PykalaRun.run(arguments + ["-o", path, "--database", database.conninfo])
            return try String(contentsOfFile: path, encoding: .utf8)
        }
        let agenda = try write("agenda.fi.md", "report", "agenda", "Kunnanhallitus", "24.2.2020", "--format", "md")
        let minutes = try write("minutes.fi.html", "report", "minutes", "Kunnanhallitus", "24.2.2020", "--format", "html")
        let extract = try write("extract.fi.md", "report", "extract", ref, "--format", "md")
        let commitments = try write("commitments.fi.md", "report", "commitments", "--committed", "--format", "md")
        let csv = try write("history.csv", "export", "history", "--decision", ref, "--format", "csv")
        let json = try write("history.json", "export", "history", "--decision", ref, "--format", "json")
        for (name, text) in [("agenda", agenda), ("minutes", minutes), ("extract", extract)] {
            #expect(text.contains("39"), "\(name) has no § 39")
            #expect(text.contains("Turvallisuus -hankeyhteistyöhön osallistuminen"), "\(name) has no title")
        }
        #expect(minutes.contains("1 000,00 €") && extract.contains("1 000,00 €"))
        #expect(extract.contains("Anitta Jaakola"))
        let (year, month, day) = (appealEnds.prefix(4), Int(appealEnds.dropFirst(5).prefix(2)) ?? 0, Int(appealEnds.suffix(2)) ?? 0)
        #expect(extract.contains("\(day).\(month).\(year)"), "the extract does not give the appeal end \(appealEnds)")
        for line in ["| 2020 | 200,00 € |", "| 2021 | 400,00 € |", "| 2022 | 400,00 € |"] { #expect(commitments.contains(line), "\(line)") }
        for action in ["submit", "approve", "put_on_agenda", "decide", "check_minutes", "publish"] {
            #expect(csv.contains(",\(action),"), "history.csv has no \(action)")
        }
        #expect((try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])?.count ?? 0 >= 7)
        let verify = try pykala("audit", "verify", as: auditor)
        #expect(verify.stdout.contains("chain intact"))
    }
}
