import Foundation
import PostgresTestSupport
import Testing

@Suite("pykala db and pykala local")
struct DatabaseCommandTests {
    @Test("db migrate applies once, then says there is nothing to do; db status lists them")
    func migrateTwice() throws {
        let database = try TestPostgres.emptyDatabase()
        let first = try PykalaRun.run(["db", "migrate", "--database", database.conninfo])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("applied 0001_foundation"))
        let second = try PykalaRun.run(["db", "migrate", "--database", database.conninfo])
        #expect(second.status == 0)
        #expect(second.stdout.hasPrefix("nothing to apply"))
        let status = try PykalaRun.run(["db", "status", "--database", database.conninfo, "--format", "json"])
        #expect(status.status == 0)
        let entries = try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [[String: Any]]
        #expect(entries?.first?["name"] as? String == "0001_foundation")
        #expect(entries?.first?["state"] as? String == "applied")
    }

    @Test("DATABASE_URL is used when --database is not given")
    func databaseURL() throws {
        let database = try TestPostgres.emptyDatabase()
        let run = try PykalaRun.run(["db", "migrate"], environment: ["DATABASE_URL": database.conninfo])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("applied 0001_foundation"))
    }

    @Test("a wrong connection string ends in one clear message and exit code 1, no backtrace")
    func wrongConnection() throws {
        let run = try PykalaRun.run(["db", "status", "--database", "host=/nonexistent-pykala dbname=x"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("could not connect to PostgreSQL"))
        #expect(run.stderr.contains("Hint: Check the connection settings given by --database"))
        #expect(!run.stderr.contains("Fatal error"))
        #expect(run.stdout.isEmpty)
    }

    @Test("with connection settings given, no local cluster is started")
    func noEmbeddedWhenConfigured() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pykala-cwd-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = try PykalaRun.run(["db", "status"], in: directory, environment: ["PGHOST": "/nonexistent-pykala"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("PGHOST"))
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent(".pykala").path))
    }

    @Test("local status reports a cluster that does not exist yet")
    func statusBeforeCreation() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pykala-cwd-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = try PykalaRun.run(["local", "status", "--format", "json"], in: directory)
        #expect(run.status == 0)
        #expect(run.stdout.contains("\"state\" : \"not created\""))
        #expect(run.stdout.contains(directory.appendingPathComponent(".pykala/pg").path))
    }
}
