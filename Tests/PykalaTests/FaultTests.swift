import DecisionStore
import Foundation
import Postgres
import PostgresTestSupport
import Testing

/// Issue 9's faults: a client killed mid-write or right after COMMIT, a server stopped
/// mid-command, a statement timeout. Each leaves nothing half-written and says so clearly.
@Suite("faults: killed clients, a stopped server, a statement timeout")
struct FaultTests {
    /// `count` decision documents as JSON, each with shares, a deadline and contacts.
    static func decisions(_ count: Int, year: Int = 2021) throws -> URL {
        var text = "["
        for n in 1...count {
            if n > 1 { text += ",\n" }
            text += """
                {"organization": "Ranuan kunta", "body": "Kunnanhallitus", "case": {"diary_number": "\(n)/00.01/\(year)"},
                 "title": "Hanke \(n)", "proposal": "Kunnanhallitus päättää osallistua hankkeeseen \(n).", "total_cents": 100000,
                 "cost_shares": [{"year": \(year), "amount_cents": 60000}, {"year": \(year + 1), "amount_cents": 40000}],
                 "deadlines": [{"kind": "reply_by", "date": "\(year)-02-20"}],
                 "contacts": [{"role": "contact_person", "name": "Anitta Jaakola", "title": "hyvinvointikoordinaattori"}]}
                """
        }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("faults-\(UUID().uuidString).json")
        try Data((text + "]\n").utf8).write(to: file)
        return file
    }

    static func count(_ table: String, _ database: TestDatabase) throws -> Int {
        try database.connect().execute("SELECT count(*) AS n FROM pykala.\(table)")[0].get("n", as: Int.self)
    }

    /// Starts `pykala arguments…` without waiting for it.
    static func start(_ arguments: [String], environment: [String: String] = [:]) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: PykalaRun.binary)
        process.arguments = arguments
        var variables = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("PG") }
        variables.merge(environment) { $1 }
        process.environment = variables
        process.standardOutput = FileHandle.nullDevice
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        return process
    }

    /// Waits until a backend runs a statement containing `text` (at most 60 s).
    static func waitForStatement(_ text: String, on connection: Connection) throws {
        for _ in 0..<600 {
            let active = try connection.execute(
                "SELECT count(*) AS n FROM pg_stat_activity WHERE state = 'active' AND pid <> pg_backend_pid() AND strpos(query, $1) > 0",
                [text])[0].get("n", as: Int.self)
            if active > 0 { return }
            Thread.sleep(forTimeInterval: 0.1)
        }
        Issue.record("no backend ran \(text) within 60 s")
    }

    /// Waits until no backend runs a statement containing `text`.
    static func waitForNoStatement(_ text: String, on connection: Connection) throws {
        for _ in 0..<600 {
            let active = try connection.execute(
                "SELECT count(*) AS n FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND strpos(query, $1) > 0 AND state <> 'idle'",
                [text])[0].get("n", as: Int.self)
            if active == 0 { return }
            Thread.sleep(forTimeInterval: 0.1)
        }
        Issue.record("a backend still ran \(text) after 60 s")
    }

    @Test("a client killed with SIGKILL in the middle of a bulk registration leaves no decision, share or event of it")
    func killedMidRegistration() throws {
        let database = try TestPostgres.migratedDatabase()
        _ = try PykalaRun.run(["org", "add", "Ranuan kunta", "--database", database.conninfo])
        _ = try PykalaRun.run(["body", "add", "Kunnanhallitus", "--kind", "board", "--database", database.conninfo])
        let tables = ["decision", "cost_share", "deadline", "contact", "case", "request", "event", "decision_history", "person"]
        let before = try tables.map { try Self.count($0, database) }
        let file = try Self.decisions(3000)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = try Self.start(["register", file.path, "--create-missing", "--database", database.conninfo])
        let watcher = try database.connect()
        try Self.waitForStatement("register_staged_decisions", on: watcher)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)
        try Self.waitForNoStatement("register_staged_decisions", on: watcher)
        #expect(try tables.map { try Self.count($0, database) } == before)
    }

    @Test("a client killed right after COMMIT and retried with the same request id acts once")
    func killedAfterCommit() throws {
        let database = try TestPostgres.migratedDatabase()
        let example = TestPostgres.resources.root.appendingPathComponent("examples/ranua-2020-39.yaml").path
        let request = UUID().uuidString
        let arguments = ["register", example, "--create-missing", "--request-id", request, "--database", database.conninfo]
        let killed = try Self.start(arguments, environment: ["PYKALA_FAULT": "kill-after-commit"])
        killed.waitUntilExit()
        #expect(killed.terminationReason == .uncaughtSignal)
        #expect(try Self.count("decision", database) == 1)
        let retry = try PykalaRun.run(arguments)
        #expect(retry.status == 0, "\(retry.stderr)")
        #expect(retry.stdout.contains("registered decision 1 as a draft"))
        #expect(try Self.count("decision", database) == 1)
        #expect(try Self.count("request", database) == 1)
        // A transition, the same way.
        _ = try PykalaRun.run(["workflow", "load", TestPostgres.resources.root.appendingPathComponent("workflows/council-decision.yaml").path,
                               "--database", database.conninfo])
        let step = ["submit", "2265/15.151/2020", "--request-id", UUID().uuidString, "--database", database.conninfo]
        let killedStep = try Self.start(step, environment: ["PYKALA_FAULT": "kill-after-commit"])
        killedStep.waitUntilExit()
        let again = try PykalaRun.run(step)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try Self.count("decision_history WHERE action = 'submit'", database) == 1)
    }

    @Test("a statement timeout gives a clear error, a non-zero exit, and stores nothing")
    func statementTimeout() throws {
        let database = try TestPostgres.migratedDatabase()
        let file = try Self.decisions(300)
        defer { try? FileManager.default.removeItem(at: file) }
        let run = try PykalaRun.run(["register", file.path, "--create-missing", "--database", database.conninfo],
                                    environment: ["PGOPTIONS": "-c statement_timeout=20"])
        #expect(run.status != 0)
        #expect(run.stderr.contains("it ran longer than the server's statement_timeout allows"), "\(run.stderr)")
        #expect(run.stderr.contains("Nothing was stored"))
        #expect(try Self.count("decision", database) == 0)
    }

    @Test("the server stopped in the middle of a command: a clear error and non-zero exit; after a restart the next command works")
    func serverStopped() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pykala-stop-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        chmod(directory.path, 0o711)
        let data = ["--data-dir", directory.appendingPathComponent("cluster").path]
        defer {
            _ = try? PykalaRun.run(["local", "stop"] + data)
            try? FileManager.default.removeItem(at: directory)
        }
        #expect(try PykalaRun.run(["db", "migrate"] + data).status == 0)
        #expect(try PykalaRun.run(["org", "add", "Ranuan kunta"] + data).status == 0)
        #expect(try PykalaRun.run(["body", "add", "Kunnanhallitus", "--kind", "board"] + data).status == 0)
        let file = try Self.decisions(3000)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = try Self.start(["register", file.path, "--create-missing"] + data)
        let status = try PykalaRun.run(["local", "status", "--format", "json"] + data)
        let conninfo = try #require(
            (try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any])?["conninfo"] as? String)
        try Self.waitForStatement("register_staged_decisions", on: try Connection.connect(conninfo))
        #expect(try PykalaRun.run(["local", "stop"] + data).status == 0)
        process.waitUntilExit()
        let errors = String(decoding: (process.standardError as? Pipe)?.fileHandleForReading.readDataToEndOfFile() ?? Data(), as: UTF8.self)
        #expect(process.terminationStatus != 0)
        #expect(errors.contains("the connection to PostgreSQL was lost"), "\(errors)")
        #expect(!errors.contains("Fatal error"), "\(errors)")
        let list = try PykalaRun.run(["decision", "list", "--format", "json"] + data)
        #expect(list.status == 0, "\(list.stderr) \(errors)")
        #expect((try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [Any])?.isEmpty == true, "\(list.stdout)")
    }

    @Test("a workflow step the command reported done survives a crash of the server right after it")
    func stepSurvivesCrash() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pykala-crash-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        chmod(directory.path, 0o711)
        let cluster = directory.appendingPathComponent("cluster")
        let data = ["--data-dir", cluster.path]
        defer {
            _ = try? PykalaRun.run(["local", "stop"] + data)
            try? FileManager.default.removeItem(at: directory)
        }
        let resources = TestPostgres.resources.root
        for step in [["db", "migrate"], ["org", "add", "Ranuan kunta"], ["workflow", "load", resources.appendingPathComponent("workflows/council-decision.yaml").path],
                     ["register", resources.appendingPathComponent("examples/ranua-2020-39.yaml").path, "--create-missing"]] {
            let run = try PykalaRun.run(step + data)
            #expect(run.status == 0, "\(step): \(run.stderr)")
        }
        // The WAL writer would flush a commit that did not wait for the disk within 200 ms;
        // make it wait 10 s, so only the command's own commit can have written the step.
        let status = try PykalaRun.run(["local", "status", "--format", "json"] + data)
        let conninfo = try #require(
            (try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any])?["conninfo"] as? String)
        let superuser = try Connection.connect(conninfo)
        try superuser.execute("ALTER SYSTEM SET wal_writer_delay = '10s'")
        try superuser.execute("SELECT pg_reload_conf()")
        Thread.sleep(forTimeInterval: 0.2)
        let submit = try PykalaRun.run(["submit", "2265/15.151/2020"] + data)
        #expect(submit.status == 0, "\(submit.stderr)")
        // An immediate shutdown, as a crash: WAL still in the server's buffers is gone.
        #expect(try LocalCluster(root: cluster).stop(mode: .immediate))
        let show = try PykalaRun.run(["decision", "show", "2265/15.151/2020", "--format", "json"] + data)
        #expect(show.status == 0, "\(show.stderr)")
        let decision = try JSONSerialization.jsonObject(with: Data(show.stdout.utf8)) as? [String: Any]
        #expect(decision?["state"] as? String == "proposed", "\(show.stdout)")
        let verify = try PykalaRun.run(["audit", "verify"] + data)
        #expect(verify.status == 0, "\(verify.stdout) \(verify.stderr)")
    }
}
