import DecisionStore
import Foundation
import Postgres
import PostgresTestSupport
import Testing

@Suite("audit verify, audit digest and export history through the command line")
struct AuditCommandTests {
    let database: TestDatabase

    init() throws {
        database = try TestPostgres.migratedDatabase()
        #expect(try pykala("register", RegisterCommandTests.example, "--create-missing").status == 0)
        #expect(try pykala("workflow", "load", WorkflowCommandTests.council).status == 0)
        #expect(try pykala("submit", "1", "--comment", "=HYPERLINK(\"http://x\")").status == 0)
    }

    private func pykala(_ arguments: String...) throws -> PykalaRun {
        try PykalaRun.run(arguments + ["--database", database.conninfo])
    }

    private func file(_ suffix: String) -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("export-\(UUID().uuidString).\(suffix)")
    }

    @Test("verify says the chain is intact and prints the head that digest prints; a tampered event fails with its number")
    func verify() throws {
        let digest = try pykala("audit", "digest")
        let verified = try pykala("audit", "verify")
        #expect(verified.status == 0)
        #expect(verified.stdout.hasPrefix("9 events, chain intact, head "))
        #expect(digest.stdout.hasSuffix(String(verified.stdout.split(separator: " ").last ?? "")))
        let head = String(digest.stdout.split(separator: " ").last ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try pykala("audit", "verify", "--digest", head).status == 0)
        let connection = try database.connect()
        try connection.execute("ALTER TABLE pykala.event DISABLE TRIGGER USER")
        try connection.execute("UPDATE pykala.event SET payload = replace(payload, '\"submit\"', '\"approve\"') WHERE seq = 9")
        let broken = try pykala("audit", "verify")
        #expect(broken.status == 1)
        #expect(broken.stdout.hasPrefix("the chain is broken at event 9: its content was changed"))
        #expect(try pykala("audit", "verify", "--digest", "zz").status == 64)
    }

    @Test("a formula in a comment comes out of the CSV as text; a <script> title comes out of the HTML escaped")
    func injection() throws {
        let csv = file("csv")
        defer { try? FileManager.default.removeItem(at: csv) }
        #expect(try pykala("export", "history", "--decision", "2265/15.151/2020", "--format", "csv", "-o", csv.path).status == 0)
        let text = try String(contentsOf: csv, encoding: .utf8)
        #expect(text.contains(",\"'=HYPERLINK(\"\"http://x\"\")\","))
        #expect(!text.contains(",=HYPERLINK"))

        let document = FileManager.default.temporaryDirectory.appendingPathComponent("script-\(UUID().uuidString).yaml")
        defer { try? FileManager.default.removeItem(at: document) }
        try "body: Kunnanhallitus\ntitle: \"<script>alert(1)</script>\"\n".write(to: document, atomically: true, encoding: .utf8)
        #expect(try pykala("register", document.path).status == 0)
        let html = file("html")
        defer { try? FileManager.default.removeItem(at: html) }
        #expect(try pykala("export", "history", "--format", "html", "-o", html.path).status == 0)
        let page = try String(contentsOf: html, encoding: .utf8)
        #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(!page.contains("<script>"))
    }

    @Test("an organization's whole history holds its events and those of no organization, not another's, as a filter that keeps everything reads them")
    func organizationsHistory() throws {
        #expect(try pykala("org", "add", "Toinen kunta").status == 0)
        #expect(try pykala("body", "add", "Toinen lautakunta", "--kind", "committee", "--org", "Toinen kunta").status == 0)
        let whole = try pykala("export", "history", "--org", "Ranuan kunta", "--format", "jsonl", "-o", "-")
        let filtered = try pykala("export", "history", "--org", "Ranuan kunta", "--from", "1.1.2000", "--format", "jsonl", "-o", "-")
        #expect(whole.status == 0)
        #expect(whole.stdout == filtered.stdout)
        let expected = try database.connect().execute(
            """
            SELECT count(*) AS n FROM pykala.event
             WHERE organization_id IS NULL OR organization_id = (SELECT id FROM pykala.organization WHERE name = 'Ranuan kunta')
            """)[0].get("n", as: Int.self)
        #expect(whole.stdout.split(separator: "\n").count == expected)
        #expect(!whole.stdout.contains("Toinen"))
        let other = try pykala("export", "history", "--org", "Toinen kunta", "--format", "jsonl", "-o", "-")
        #expect(other.stdout.contains("Toinen kunta") && other.stdout.contains("Toinen lautakunta"))
        #expect(!other.stdout.contains("2265/15.151/2020"))
    }

    @Test("--public leaves out secret decisions; the others keep their hashes")
    func publicExport() throws {
        let document = FileManager.default.temporaryDirectory.appendingPathComponent("secret-\(UUID().uuidString).yaml")
        defer { try? FileManager.default.removeItem(at: document) }
        try "body: Kunnanhallitus\ntitle: Salainen asia\npublicity: {secret: JulkL 24 § 1 mom. 25 k.}\n".write(
            to: document, atomically: true, encoding: .utf8)
        #expect(try pykala("register", document.path).status == 0)
        let all = try pykala("export", "history", "--format", "jsonl", "-o", "-")
        let publicOnly = try pykala("export", "history", "--format", "jsonl", "-o", "-", "--public")
        #expect(all.stdout.split(separator: "\n").count == 10)
        #expect(publicOnly.stdout.split(separator: "\n").count == 9)
        #expect(!publicOnly.stdout.contains("Salainen asia"))
        #expect(all.stdout.contains("Salainen asia"))
    }

    @Test("an export to a folder that does not exist fails clearly and leaves nothing")
    func badPath() throws {
        let run = try pykala("export", "history", "--format", "csv", "-o", "/nonexistent-folder/x.csv")
        #expect(run.status == 1)
        #expect(run.stderr.contains("/nonexistent-folder/x.csv: cannot write the file"))
    }
}

@Suite("writing exports to pipes and devices")
struct OutputFileTests {
    @Test("an export into a FIFO writes through it and leaves it a FIFO, never a plain file in its place")
    func fifo() throws {
        let database = try TestPostgres.migratedDatabase()
        #expect(try PykalaRun.run(["org", "add", "Ranuan kunta", "--database", database.conninfo]).status == 0)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("fifo-\(UUID().uuidString)").path
        #expect(mkfifo(path, 0o600) == 0)
        defer { unlink(path) }
        let received = ReceivedText()
        let reader = Thread {
            // Plain read(2): Foundation does not read FIFOs.
            let descriptor = open(path, O_RDONLY)
            var bytes: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 4096)
            while descriptor >= 0 {
                let count = read(descriptor, &buffer, buffer.count)
                if count <= 0 { break }
                bytes += buffer[0..<count]
            }
            if descriptor >= 0 { close(descriptor) }
            received.set(String(decoding: bytes, as: UTF8.self))
        }
        reader.start()
        let run = try PykalaRun.run(["export", "history", "--format", "csv", "-o", path, "--database", database.conninfo])
        #expect(run.status == 0, "\(run.stderr)")
        let deadline = Date().addingTimeInterval(30)
        while !received.isSet, Date() < deadline { usleep(10_000) }
        #expect(received.text.hasPrefix("seq,time,actor"))
        var status = stat()
        #expect(stat(path, &status) == 0)
        #expect(status.st_mode & S_IFMT == S_IFIFO)
    }
}

/// Text one thread hands to another.
final class ReceivedText: @unchecked Sendable {
    private let lock = NSLock()
    private var value: String?

    func set(_ text: String) { lock.withLock { value = text } }
    var isSet: Bool { lock.withLock { value != nil } }
    var text: String { lock.withLock { value ?? "" } }
}
