import Foundation
import PostgresTestSupport
import Testing

@Suite("pykala report, from the database to a file")
struct ReportCommandTests {
    @Test("the worked example's extract and minutes, Finnish HTML and Swedish text, with its appeal dates")
    func workedExample() throws {
        let database = try TestPostgres.migratedDatabase()
        func pykala(_ arguments: String...) throws -> PykalaRun {
            let run = try PykalaRun.run(arguments + ["--database", database.conninfo])
            #expect(run.status == 0, "pykala \(arguments.joined(separator: " ")): \(run.stderr)")
            return run
        }
        _ = try pykala("register", RegisterCommandTests.example, "--create-missing")
        let extract = try pykala("report", "extract", "2265/15.151/2020", "--published", "2.3.2020", "--format", "html")
        for fact in ["<html lang=\"fi\">", "PÖYTÄKIRJANOTE", "§ 39", "1 000,00 €", "oikaisuvaatimusaika päättyy 23.3.2020"] {
            #expect(extract.stdout.contains(fact), "missing: \(fact)")
        }
        _ = try pykala("meeting", "new", "Kunnanhallitus", "24.2.2020", "--number", "4/2020")
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("minutes-\(UUID().uuidString).txt")
        defer { try? FileManager.default.removeItem(at: file) }
        _ = try pykala("report", "minutes", "Kunnanhallitus", "24.2.2020", "--lang", "sv", "--format", "txt", "-o", file.path)
        let minutes = try String(contentsOf: file, encoding: .utf8)
        #expect(minutes.contains("PROTOKOLL"))
        #expect(minutes.contains("§ 39 Turvallisuus -hankeyhteistyöhön osallistuminen"))
        #expect(minutes.contains("Kontrollsumma för beslutshistoriken: 8 händelser, SHA-256 "))
    }

    @Test("a templates directory without the template names the file searched; an unknown language is refused")
    func missingTemplate() throws {
        let database = try TestPostgres.migratedDatabase()
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("templates-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: empty) }
        #expect(try PykalaRun.run(["register", RegisterCommandTests.example, "--create-missing", "--database", database.conninfo]).status == 0)
        let run = try PykalaRun.run(["report", "extract", "1", "--templates", empty.path, "--database", database.conninfo])
        #expect(run.status == 1)
        #expect(run.stderr.contains("no template extract.fi.html.mustache in \(empty.path)"))
        let language = try PykalaRun.run(["report", "extract", "1", "--lang", "de", "--database", database.conninfo])
        #expect(language.status == 64)
        #expect(language.stderr.contains("--lang: \"de\" is not accepted; expected fi or sv"))
    }

    @Test("commitments of decided decisions for 2021–2022, and the deadlines week by week, from the database")
    func commitmentsAndDeadlines() throws {
        let database = try TestPostgres.migratedDatabase()
        func pykala(_ arguments: String...) throws -> PykalaRun {
            let run = try PykalaRun.run(arguments + ["--database", database.conninfo])
            #expect(run.status == 0, "pykala \(arguments.joined(separator: " ")): \(run.stderr)")
            return run
        }
        _ = try pykala("register", RegisterCommandTests.example, "--create-missing")
        let commitments = try pykala("report", "commitments", "--committed", "--from-year", "2021", "--to-year", "2022", "--format", "md")
        #expect(commitments.stdout.contains("| 2021 | 400,00 € | **400,00 €** |"))
        #expect(commitments.stdout.contains("| **Yhteensä** | **800,00 €** | **800,00 €** |"))
        #expect(!commitments.stdout.contains("| 2020 |"))
        let byProject = try pykala("report", "commitments", "--by", "project", "--format", "md", "--lang", "sv")
        #expect(byProject.stdout.contains("| År | Turvallisuus -hankeyhteistyö | Sammanlagt |"))
        let deadlines = try pykala("report", "deadlines", "--today", "10.2.2020", "--within", "3w", "--format", "txt")
        #expect(deadlines.stdout.contains("Viikko 8/2020 (17.2.2020–23.2.2020)"))
        #expect(deadlines.stdout.contains("- 20.2.2020 Vastattava viimeistään: Turvallisuus -hankeyhteistyöhön osallistuminen (Kunnanhallitus/2020/§39)"))
    }
}
