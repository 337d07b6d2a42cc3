import DecisionStore
import Foundation
import Postgres
import PostgresTestSupport
import Testing

/// Issue 9's bad-input corpus (Tests/Fixtures/bad-input, made by its generate.py): every
/// input is refused with a message naming what is wrong and a non-zero exit, leaving every
/// table exactly as it was, or stored and shown verbatim and safely.
@Suite("the bad-input corpus")
struct BadInputTests {
    static let folder = TestPostgres.resources.root.appendingPathComponent("Tests/Fixtures/bad-input")

    struct Case: CustomStringConvertible {
        let kind: String
        let what: String
        let outcome: String
        let expect: String
        var description: String { "\(kind) \(what)" }
    }

    static func cases() throws -> [Case] {
        try String(contentsOf: folder.appendingPathComponent("cases.tsv"), encoding: .utf8)
            .split(separator: "\n").filter { !$0.hasPrefix("#") }.map { line in
                let cells = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
                let expect = try JSONSerialization.jsonObject(with: Data(cells[3].utf8), options: .fragmentsAllowed) as? String ?? ""
                return Case(kind: cells[0], what: cells[1], outcome: cells[2], expect: expect)
            }
    }

    /// Every table of the register, each as a hash of its rows.
    static func fingerprint(_ connection: Connection) throws -> [String: String] {
        var result: [String: String] = [:]
        let tables = try connection.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'pykala' AND table_type = 'BASE TABLE' ORDER BY 1")
        for table in tables {
            let name: String = try table.get("table_name")
            let quoted = SQLIdentifier.quoted(name)
            result[name] = try connection.execute(
                "SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS h FROM pykala.\(quoted) t")[0].get("h", as: String.self)
        }
        return result
    }

    @Test("at least 200 malformed inputs: each refused cleanly with nothing changed, or stored verbatim and shown safely")
    func corpus() throws {
        let cases = try Self.cases()
        #expect(cases.count >= 200)
        let database = try TestPostgres.migratedDatabase()
        let example = TestPostgres.resources.root.appendingPathComponent("examples/ranua-2020-39.yaml").path
        #expect(try PykalaRun.run(["register", example, "--create-missing", "--database", database.conninfo]).status == 0)
        let connection = try database.connect()
        var before = try Self.fingerprint(connection)
        var refused = 0, stored = 0
        for item in cases {
            var arguments: [String]
            switch item.kind {
            case "args": arguments = try JSONDecoder().decode([String].self, from: Data(item.what.utf8))
            default:
                let path = Self.folder.appendingPathComponent(item.what).path
                arguments = item.what.hasPrefix("minutes/") ? ["import", "minutes", path, "--org", "Ranuan kunta"] : ["register", path]
            }
            arguments = arguments.map { $0.hasPrefix("minutes/") ? Self.folder.appendingPathComponent($0).path : $0 }
            let run = try PykalaRun.run(arguments + ["--database", database.conninfo], in: FileManager.default.temporaryDirectory)
            #expect(!run.stderr.contains("Fatal error") && !run.stderr.contains("Stack dump"), "\(item): \(run.stderr)")
            if item.outcome == "refused" {
                refused += 1
                #expect(run.status != 0, "\(item) was not refused: \(run.stdout)")
                #expect(run.stderr.contains(item.expect), "\(item): the message does not name \(item.expect): \(run.stderr)")
                let after = try Self.fingerprint(connection)
                #expect(after == before, "\(item) changed \(after.keys.filter { after[$0] != before[$0] }.sorted())")
                before = after
            } else {
                stored += 1
                #expect(run.status == 0, "\(item): \(run.stderr)")
                let id = try #require(run.stdout.firstMatch(of: /registered decision ([0-9]+)/).map { String($0.1) })
                let show = try PykalaRun.run(["decision", "show", id, "--format", "json", "--database", database.conninfo])
                let card = try JSONSerialization.jsonObject(with: Data(show.stdout.utf8)) as? [String: Any]
                #expect(card?["title"] as? String == item.expect, "\(item) is not shown verbatim")
                let html = try PykalaRun.run(["report", "decision", id, "--format", "html", "-o", "-", "--database", database.conninfo])
                #expect(html.status == 0, "\(html.stderr)")
                #expect(!html.stdout.contains("<script>alert") && !html.stdout.contains("<img src=x"), "\(item) is not escaped")
                before = try Self.fingerprint(connection)
            }
        }
        let export = try PykalaRun.run(["export", "history", "--format", "csv", "-o", "-", "--database", database.conninfo])
        for line in export.stdout.split(separator: "\r\n") {
            for cell in line.split(separator: ",") { #expect(!"=+@".contains(cell.first ?? " "), "\(cell)") }
        }
        print("bad input: \(refused) refused with nothing changed, \(stored) stored verbatim and shown safely")
    }
}
