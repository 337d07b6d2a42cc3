import DecisionStore
import Foundation
import Postgres
import PostgresTestSupport
import Testing

@Suite("migrations")
struct MigratorTests {
    let connection: Connection

    init() throws {
        connection = try TestPostgres.emptyDatabase().connect()
    }

    private func tableExists(_ name: String) throws -> Bool {
        try connection.execute("SELECT to_regclass($1) IS NOT NULL AS present", [name])[0].get("present", as: Bool.self)
    }

    @Test("the project's migrations apply once; a second run does nothing")
    func idempotent() throws {
        let migrator = try Migrator(directory: TestPostgres.resources.migrations)
        let first = try migrator.migrate(on: connection)
        #expect(first == migrator.migrations.map(\.name))
        #expect(first.first == "0001_foundation")
        #expect(try migrator.migrate(on: connection) == [])
        #expect(try migrator.status(on: connection).allSatisfy { $0.state == .applied })
    }

    @Test("the migrations create the schema, its NOLOGIN owner and the group roles; the portal's login is the one login, in pykala_web only")
    func foundationObjects() throws {
        try Migrator(directory: TestPostgres.resources.migrations).migrate(on: connection)
        let owner = try connection.execute(
            "SELECT pg_get_userbyid(nspowner) AS owner FROM pg_namespace WHERE nspname = 'pykala'")
        #expect(try owner[0].get("owner", as: String.self) == "pykala_owner")
        let roles = try connection.execute(
            "SELECT rolname, rolcanlogin FROM pg_roles WHERE rolname LIKE 'pykala\\_%' ORDER BY rolname")
        #expect(try roles.map { try $0.get("rolname", as: String.self) } == [
            "pykala_admin", "pykala_auditor", "pykala_manager", "pykala_owner", "pykala_portal", "pykala_secretary", "pykala_web",
        ])
        let logins = try roles.filter { try $0.get("rolcanlogin", as: Bool.self) }.map { try $0.get("rolname", as: String.self) }
        #expect(logins == ["pykala_portal"])
        let memberships = try connection.execute(
            "SELECT r.rolname FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.roleid WHERE m.member = 'pykala_portal'::regrole")
        #expect(try memberships.map { try $0.get("rolname", as: String.self) } == ["pykala_web"])
        let publicUsage = try connection.execute("SELECT has_schema_privilege('public', 'pykala', 'USAGE') AS usage")
        #expect(try publicUsage[0].get("usage", as: Bool.self) == false)
        let auditorUsage = try connection.execute("SELECT has_schema_privilege('pykala_auditor', 'pykala', 'USAGE') AS usage")
        #expect(try auditorUsage[0].get("usage", as: Bool.self))
    }

    @Test("pending migrations are listed before they run")
    func status() throws {
        let migrator = Migrator(migrations: [
            Migration(version: 1, name: "0001_a", sql: "CREATE TABLE a (n int);"),
            Migration(version: 2, name: "0002_b", sql: "CREATE TABLE b (n int);"),
        ])
        #expect(try migrator.status(on: connection).map(\.state) == [.pending, .pending])
        try Migrator(migrations: [migrator.migrations[0]]).migrate(on: connection)
        let entries = try migrator.status(on: connection)
        #expect(entries.map(\.state) == [.applied, .pending])
        #expect(entries[0].appliedBy != nil)
    }

    @Test("an applied migration whose file changed is refused, and nothing runs")
    func checksumRefusal() throws {
        try Migrator(migrations: [Migration(version: 1, name: "0001_a", sql: "CREATE TABLE a (n int);")]).migrate(on: connection)
        let edited = Migrator(migrations: [
            Migration(version: 1, name: "0001_a", sql: "CREATE TABLE a (n bigint);"),
            Migration(version: 2, name: "0002_b", sql: "CREATE TABLE b (n int);"),
        ])
        let error = try #require(throws: MigrationError.self) { try edited.migrate(on: connection) }
        guard case .changedAfterApplying(let name, _, _) = error else {
            Issue.record("unexpected error \(error)")
            return
        }
        #expect(name == "0001_a")
        #expect(error.description.contains("new migration"))
        #expect(try !tableExists("b"))
        #expect(try edited.status(on: connection).map(\.state) == [.changed, .pending])
    }

    @Test("a failing migration leaves the database as it was, and names file, line and column")
    func failingMigrationRollsBack() throws {
        let migrator = Migrator(migrations: [
            Migration(version: 1, name: "0001_good", sql: "CREATE TABLE good (n int);"),
            Migration(
                version: 2, name: "0002_bad",
                sql: "CREATE TABLE half (n int);\nINSERT INTO half VALUES (1);\nCREATE TABLEX broken (n int);\n"),
        ])
        let error = try #require(throws: MigrationError.self) { try migrator.migrate(on: connection) }
        #expect(error == .failed(file: "0002_bad", line: 3, column: 8, message: error.failedMessage))
        #expect(error.description.hasPrefix("db/migrations/0002_bad.sql:3:8: syntax error"))
        #expect(try tableExists("good"))
        #expect(try !tableExists("half"))
        #expect(try migrator.status(on: connection).map(\.state) == [.applied, .pending])
    }

    @Test("a database with a migration this build lacks is refused")
    func unknownMigration() throws {
        try Migrator(migrations: [
            Migration(version: 1, name: "0001_a", sql: "SELECT 1;"), Migration(version: 2, name: "0002_newer", sql: "SELECT 2;"),
        ]).migrate(on: connection)
        let older = Migrator(migrations: [Migration(version: 1, name: "0001_a", sql: "SELECT 1;")])
        #expect(throws: MigrationError.unknownInDatabase(name: "0002_newer")) { try older.migrate(on: connection) }
    }

    @Test("two runs at once apply each migration exactly once")
    func concurrentRuns() async throws {
        let database = try TestPostgres.emptyDatabase()
        let migrator = try Migrator(directory: TestPostgres.resources.migrations)
        let applied = try await withThrowingTaskGroup(of: [String].self) { group in
            for _ in 0..<3 { group.addTask { try migrator.migrate(on: try database.connect()) } }
            return try await group.reduce(into: []) { $0 += $1 }
        }
        #expect(applied.sorted() == migrator.migrations.map(\.name).sorted())
    }
}

@Suite("migrations across databases")
struct CrossDatabaseMigrationTests {
    @Test("several databases of one cluster migrate at the same moment (roles are cluster-wide)")
    func parallelDatabases() async throws {
        let databases = try (0..<6).map { _ in try TestPostgres.emptyDatabase() }
        let migrator = try Migrator(directory: TestPostgres.resources.migrations)
        let counts = try await withThrowingTaskGroup(of: Int.self) { group in
            for database in databases {
                group.addTask { try migrator.migrate(on: try database.connect()).count }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(counts == Array(repeating: migrator.migrations.count, count: databases.count))
    }
}

extension MigrationError {
    /// The server message inside a `.failed` error, for comparing the other fields.
    var failedMessage: String {
        if case .failed(_, _, _, let message) = self { return message }
        return ""
    }
}
