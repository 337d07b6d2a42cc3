import DecisionStore
import Foundation
import Postgres
import PostgresTestSupport
import Synchronization
import Testing

@Suite("the register through the command line, as a secretary uses it")
struct DirectoryCommandTests {
    let database: TestDatabase

    init() throws {
        database = try TestPostgres.migratedDatabase()
    }

    @discardableResult
    private func pykala(_ arguments: String..., status expected: Int32 = 0) throws -> PykalaRun {
        let run = try PykalaRun.run(arguments + ["--database", database.conninfo])
        #expect(run.status == expected, "pykala \(arguments.joined(separator: " ")): \(run.stderr)")
        return run
    }

    private func json(_ run: PykalaRun) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(run.stdout.utf8))
    }

    /// The worked example set up by hand, then registered without --create-missing.
    private func setUpRanua() throws {
        try pykala("org", "add", "Ranuan kunta", "--name-sv", "Ranua kommun")
        try pykala("body", "add", "Kunnanhallitus", "--kind", "board", "--name-sv", "Kommunstyrelsen")
        try pykala("person", "add", "Anitta Jaakola", "--title", "hyvinvointikoordinaattori")
        try pykala(
            "person", "add", "Sirpa Hakala", "--title", "kunnanjohtaja", "--phone", "040 539 4293", "--email",
            "etunimi.sukunimi@ranua.fi")
        try pykala("case", "open", "--number", "2265/15.151/2020", "--title", "Turvallisuus -hankeyhteistyöhön osallistuminen")
        let registered = try pykala("register", RegisterCommandTests.example)
        #expect(registered.stdout.contains("created project Turvallisuus -hankeyhteistyö"))
        #expect(!registered.stdout.contains("created person"))
    }

    @Test("organization, body, people and case by hand; the worked example then registers without --create-missing")
    func byHand() throws {
        try setUpRanua()
        let opened = try pykala("case", "open", "--class", "15.151", "--year", "2020", "--title", "Seuraava asia")
        #expect(opened.stdout == "opened case 2266/15.151/2020: Seuraava asia\n")
        let list = try pykala("decision", "list", "--year", "2020", "--text", "hanke")
        #expect(list.stdout.contains("24.2.2020  39  Kunnanhallitus  2265/15.151/2020  draft  1 000,00 €  Turvallisuus -hankeyhteistyöhön osallistuminen"))
        let rows = try #require(try json(try pykala("decision", "list", "--body", "Kommunstyrelsen", "--format", "json")) as? [[String: Any]])
        #expect(rows.count == 1)
        #expect(rows.first?["total_cents"] as? Int == 100_000)
        #expect(rows.first?["section"] as? Int == 39)
        let person = try pykala("person", "show", "Anitta Jaakola")
        #expect(person.stdout.contains("contact_person  1         Kunnanhallitus/2020/§39"))
        let organization = try #require(try json(try pykala("org", "show", "--format", "json")) as? [String: Any])
        #expect(organization["decisions"] as? Int == 1)
        #expect(organization["cases"] as? Int == 2)
    }

    @Test("deadlines: within, overdue, done, and an iCalendar file")
    func deadlines() throws {
        try setUpRanua()
        let within = try pykala("deadlines", "--today", "10.2.2020", "--within", "14d")
        #expect(within.stdout.contains("20.2.2020  10    reply by  Kunnanhallitus/2020/§39"))
        let overdue = try pykala("deadlines", "--today", "24.2.2020", "--overdue", "--format", "json")
        let items = try #require(try json(overdue) as? [[String: Any]])
        #expect(items.map { $0["date"] as? String } == ["2020-02-20"])
        let id = try #require(items.first?["id"] as? Int)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("pykala-\(UUID().uuidString).ics")
        defer { try? FileManager.default.removeItem(at: file) }
        try pykala("deadlines", "--all", "--format", "ics", "--output", file.path)
        let calendar = try String(contentsOf: file, encoding: .utf8)
        #expect(calendar.hasPrefix("BEGIN:VCALENDAR\r\n"))
        #expect(calendar.components(separatedBy: "BEGIN:VEVENT").count == 2)  // the example's one deadline
        #expect(calendar.contains("DTSTART;VALUE=DATE:20200220\r\n"))
        try pykala("deadlines", "done", String(id))
        #expect(try pykala("deadlines", "--today", "24.2.2020", "--overdue").stdout == "no deadlines\n")
    }

    @Test("the project shows costs by year, committed and still to pay")
    func project() throws {
        try setUpRanua()
        let shown = try pykala("project", "show", "Turvallisuus -hankeyhteistyö", "--as-of", "2021")
        for line in [
            "2020     200,00 €    0,00 €    0,00 €", "2021     400,00 €    0,00 €  400,00 €",
            "total  1 000,00 €    0,00 €  800,00 €",
        ] {
            #expect(shown.stdout.contains(line), "missing: \(line)\n\(shown.stdout)")
        }
        let list = try #require(try json(try pykala("project", "list", "--as-of", "2021", "--format", "json")) as? [[String: Any]])
        let costs = try #require(list.first?["costs"] as? [String: Any])
        #expect(costs["to_pay_cents"] as? Int == 80_000)
        #expect(costs["committed_cents"] as? Int == 100_000)
    }

    @Test("bad input names the field and the value, exits non-zero, and stores nothing", arguments: [
        (["org", "add", "X", "--business-id", "0201256-5"], "--business-id: \"0201256-5\""),
        (["org", "add", "X\u{7}"], "name:"),
        (["body", "add", "Lautakunta", "--kind", "lautakunta"], "--kind: \"lautakunta\""),
        (["person", "add", "X", "--email", "x@y"], "--email: \"x@y\""),
        (["case", "open", "--class", "15..151", "--title", "T"], "--class: \"15..151\""),
        (["case", "open", "--number", "0/15.151/2020", "--title", "T"], "--number: \"0/15.151/2020\""),
        (["decision", "list", "--deadline-from", "31.2.2020"], "February 2020 has 29 days"),
        (["deadlines", "--within", "2 weeks"], "\"2 weeks\""),
    ])
    func badInput(_ arguments: [String], _ message: String) throws {
        try pykala("org", "add", "Ranuan kunta")
        let run = try PykalaRun.run(arguments + ["--database", database.conninfo])
        #expect(run.status != 0)
        #expect(run.stderr.contains(message), "\(run.stderr)")
        let connection = try database.connect()
        for table in ["organization", "body", "person", "case"] {
            let count = try connection.execute("SELECT count(*) AS n FROM pykala.\(SQLIdentifier.quoted(table))")[0].get("n", as: Int.self)
            #expect(count == (table == "organization" ? 1 : 0), "\(table)")
        }
    }

    @Test("a register file that is not UTF-8 is refused and nothing is stored")
    func invalidUTF8() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("latin1-\(UUID().uuidString).yaml")
        // "body: Kä" in Latin-1: the ä is the single byte 0xE4.
        try Data([0x62, 0x6F, 0x64, 0x79, 0x3A, 0x20, 0x4B, 0xE4, 0x0A]).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let run = try PykalaRun.run(["register", file.path, "--create-missing", "--database", database.conninfo])
        #expect(run.status == 1)
        #expect(run.stderr.contains("is not valid UTF-8"))
        let connection = try database.connect()
        #expect(try connection.execute("SELECT count(*) AS n FROM pykala.organization")[0].get("n", as: Int.self) == 0)
    }

    @Test("20 secretaries opening cases at once get 20 distinct consecutive numbers")
    func concurrentCaseOpen() throws {
        try pykala("org", "add", "Ranuan kunta")
        let numbers = Mutex<[String]>([])
        let conninfo = database.conninfo
        together(20) { index, start in
            start()
            let run = try? PykalaRun.run([
                "case", "open", "--class", "15.151", "--year", "2020", "--title", "Asia \(index)", "--format", "json",
                "--database", conninfo,
            ])
            let number = (try? JSONSerialization.jsonObject(with: Data((run?.stdout ?? "").utf8)) as? [String: Any])?["running"] as? Int
            numbers.withLock { $0.append(number.map(String.init) ?? "failed: \(run?.stderr ?? "")") }
        }
        #expect(numbers.withLock { $0 }.sorted { Int($0) ?? 0 < Int($1) ?? 0 } == (1...20).map(String.init))
    }
}

@Suite("JSON output keeps its documented keys")
struct JSONShapeTests {
    @Test("decision list and deadlines print the keys docs/cli.md lists")
    func keys() throws {
        let database = try TestPostgres.migratedDatabase()
        let register = try PykalaRun.run(["register", RegisterCommandTests.example, "--create-missing", "--database", database.conninfo])
        #expect(register.status == 0, "\(register.stderr)")
        func keys(_ arguments: [String]) throws -> Set<String> {
            let run = try PykalaRun.run(arguments + ["--format", "json", "--database", database.conninfo])
            let rows = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]])
            return Set(try #require(rows.first).keys)
        }
        #expect(try keys(["decision", "list"]) == [
            "id", "body", "meeting_date", "section", "diary_number", "state", "outcome", "title", "total_cents", "project",
        ])
        #expect(try keys(["deadlines", "--all"]) == [
            "id", "kind", "date", "text", "done", "decision_id", "decision_title", "body", "reference", "organization",
        ])
    }
}
