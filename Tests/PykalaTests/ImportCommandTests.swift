import DecisionStore
import Foundation
import Postgres
import PostgresTestSupport
import Testing

@Suite("pykala import minutes")
struct ImportCommandTests {
    static let seed = TestPostgres.resources.root.appendingPathComponent("examples/ranua-2020-39.txt").path
    static let lapua = TestPostgres.resources.root.appendingPathComponent("Tests/Fixtures/minutes/012_lapua-kh-kannykkakielto-aloite-aanestys-palautus.txt").path

    static func temporary(_ contents: Data, suffix: String = "txt") throws -> URL {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("import-\(UUID().uuidString).\(suffix)")
        try contents.write(to: file)
        return file
    }

    @Test("--dry-run prints a decision document that pykala register takes, with what was not filled as comments")
    func dryRunRegisters() throws {
        let dryRun = try PykalaRun.run(["import", "minutes", Self.seed, "--dry-run"])
        #expect(dryRun.status == 0, "\(dryRun.stderr)")
        #expect(dryRun.stdout.contains("# Not filled:\n#   organization: not in the text"))
        #expect(dryRun.stdout.contains("total_cents: 100000\n"))
        #expect(dryRun.stdout.contains("  date: \"2020-02-24\"\n"))
        let database = try TestPostgres.migratedDatabase()
        let file = try Self.temporary(Data(("organization: Ranuan kunta\n" + dryRun.stdout).utf8), suffix: "yaml")
        defer { try? FileManager.default.removeItem(at: file) }
        let register = try PykalaRun.run(["register", file.path, "--create-missing", "--database", database.conninfo])
        #expect(register.status == 0, "\(register.stderr)")
        #expect(register.stdout.contains("registered decision 1 as a draft: Kunnanhallitus § 39 2265/15.151/2020"))
    }

    @Test("--format json is one document (an array for several); the report goes to standard error")
    func json() throws {
        let run = try PykalaRun.run(["import", "minutes", Self.lapua, "--dry-run", "--format", "json", "--explain"])
        #expect(run.status == 0, "\(run.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(document["outcome"] as? String == "returned")
        #expect((document["vote"] as? [String: Any])?["no"] as? Int == 7)
        #expect(run.stderr.contains("vote = yes 4, no 7, blank 0  ← line 131"))
        #expect(run.stderr.contains("earlier handling Sivistyslautakunta 21.11.2024 § 122, kept as history"))
        let other = TestPostgres.resources.root.appendingPathComponent("Tests/Fixtures/minutes/014_lapua-kh-maauimala-oikaisuvaatimus.txt").path
        let twice = try Self.temporary(Data((try String(contentsOfFile: Self.lapua, encoding: .utf8) + "\n" + String(contentsOfFile: other, encoding: .utf8)).utf8))
        defer { try? FileManager.default.removeItem(at: twice) }
        let both = try PykalaRun.run(["import", "minutes", twice.path, "--dry-run", "--format", "json"])
        #expect((try JSONSerialization.jsonObject(with: Data(both.stdout.utf8)) as? [Any])?.count == 2)
        // A section without its own "§ N" line runs into the one before it: said, not hidden.
        let joined = try Self.temporary(Data((try String(contentsOfFile: Self.lapua, encoding: .utf8) + "\n" + String(contentsOfFile: Self.seed, encoding: .utf8)).utf8))
        defer { try? FileManager.default.removeItem(at: joined) }
        let runTogether = try PykalaRun.run(["import", "minutes", joined.path, "--dry-run"])
        #expect(runTogether.stdout.contains("the text also holds diary number 2265/15.151/2020: sections run together?"))
    }

    @Test("without --dry-run the drafts are registered and their references printed; --org fills the organization")
    func registers() throws {
        let database = try TestPostgres.migratedDatabase()
        let run = try PykalaRun.run(["import", "minutes", Self.seed, "--org", "Ranuan kunta", "--create-missing", "--database", database.conninfo])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("registered decision 1 as a draft: Kunnanhallitus § 39 2265/15.151/2020 Turvallisuus -hankeyhteistyöhön osallistuminen"))
        let show = try PykalaRun.run(["decision", "show", "2265/15.151/2020", "--database", database.conninfo])
        #expect(show.stdout.contains("1 000,00 €"))
    }

    @Test("bad input is refused with the file, what is wrong and what to do; nothing is registered", arguments: [
        (Data([0x41, 0x0A, 0xFF, 0xFE, 0x0A]), [] as [String], ":2: the file is not valid UTF-8 text"),
        (Data("just some words\n".utf8), ["--dry-run"], "no section of minutes found"),
        (Data("§ 5\nOtsikko\nLAPDno-2025-1\nPäätös\nHyväksyttiin.\n".utf8), [], "has no body"),
        (Data("§ 5\nOtsikko\nPäätös\nHyväksyttiin.\n".utf8), ["--meeting", "1.1.24"], "--meeting"),
    ])
    func badInput(_ contents: Data, _ options: [String], _ message: String) throws {
        let database = try TestPostgres.migratedDatabase()
        let file = try Self.temporary(contents)
        defer { try? FileManager.default.removeItem(at: file) }
        let run = try PykalaRun.run(["import", "minutes", file.path] + options + ["--database", database.conninfo])
        #expect(run.status != 0)
        #expect(run.stderr.contains(message), "\(run.stderr)")
        let count = try database.connect().execute("SELECT count(*) AS n FROM pykala.decision")[0].get("n", as: Int.self)
        #expect(count == 0)
    }
}
