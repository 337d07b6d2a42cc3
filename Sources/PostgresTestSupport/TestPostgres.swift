public import Postgres
public import DecisionStore
internal import Foundation
internal import Synchronization

/// A database of its own for one test, on the test run's throwaway server.
public struct TestDatabase: Sendable {
    public let name: String
    /// A libpq connection string for this database, as the cluster's superuser.
    public let conninfo: String

    public func connect() throws -> Connection { try Connection.connect(conninfo) }

    /// The connection string for logging in as `role` (trust on the private socket).
    public func conninfo(as role: String) -> String { conninfo + " user='\(role)'" }

    /// A connection as `role`, e.g. one made by ``TestPostgres/loginRole(_:in:)``.
    public func connect(as role: String) throws -> Connection { try Connection.connect(conninfo(as: role)) }
}

/// The test run's PostgreSQL: started on first use in a temporary directory, on a Unix
/// socket, and stopped when the test process ends (at exit, or by a watchdog process if
/// the test process is killed). Each test asks for its own database.
public enum TestPostgres {
    /// A new database holding the migrated schema (copied from a template database).
    public static func migratedDatabase() throws -> TestDatabase {
        let server = try TestServer.shared()
        return try server.createDatabase(template: TestServer.templateName)
    }

    /// A new, empty database (no migrations applied).
    public static func emptyDatabase() throws -> TestDatabase {
        try TestServer.shared().createDatabase(template: "template0")
    }

    /// A login role that is a member of `group` (e.g. `pykala_manager`), created once per
    /// test run. Roles are cluster-wide, so every test of the process shares it.
    @discardableResult
    public static func loginRole(_ name: String, in group: String) throws -> String {
        try TestServer.shared().ensureRole(name, in: group)
        return name
    }

    /// The test run's cluster, for tests of the server's life cycle itself.
    public static func cluster() throws -> LocalCluster { try TestServer.shared().cluster }

    /// The repository's resource directory (`db/migrations`, `workflows`, `templates`).
    public static var resources: ResourceDirectory {
        ResourceDirectory(root: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent())
    }
}

/// The started server; created once per process.
final class TestServer: Sendable {
    static let templateName = "pykala_template"
    private static let state = Mutex<Result<TestServer, PostgresError>?>(nil)

    let cluster: LocalCluster
    private let counter = Mutex(0)

    static func shared() throws -> TestServer {
        try state.withLock { state in
            if state == nil {
                do {
                    state = .success(try TestServer())
                } catch let error as PostgresError {
                    state = .failure(error)
                } catch {
                    state = .failure(PostgresError(.connectionFailed, "the test server could not start: \(error)"))
                }
            }
            return try state!.get()
        }
    }

    private init() throws {
        var template = Array("/tmp/pykala-test-XXXXXX".utf8CString)
        guard let created = mkdtemp(&template) else {
            throw PostgresError(.connectionFailed, "could not create a temporary directory (errno \(errno))")
        }
        let root = String(cString: created)
        // The server may run as another user (postgres, when we are root): let it pass through.
        chmod(root, 0o711)
        cluster = LocalCluster(
            root: URL(fileURLWithPath: root),
            settings: [
                "fsync": "off", "synchronous_commit": "off", "full_page_writes": "off",
                "max_connections": "200", "shared_buffers": "64MB",
            ])
        TestServerCleanup.register(cluster: cluster)
        try cluster.start()
        try migrateTemplate()
    }

    private func migrateTemplate() throws {
        let admin = try Connection.connect(cluster.connectionString(database: "postgres"))
        try admin.execute("CREATE DATABASE \(SQLIdentifier.quoted(Self.templateName))")
        do {
            let connection = try Connection.connect(cluster.connectionString(database: Self.templateName))
            try Migrator(directory: TestPostgres.resources.migrations).migrate(on: connection)
        }
        try admin.execute("ALTER DATABASE \(SQLIdentifier.quoted(Self.templateName)) WITH IS_TEMPLATE true ALLOW_CONNECTIONS false")
    }

    private let roles = Mutex<Set<String>>([])

    func ensureRole(_ name: String, in group: String) throws {
        try roles.withLock { roles in
            guard !roles.contains(name) else { return }
            let admin = try Connection.connect(cluster.connectionString(database: "postgres"))
            let exists = try admin.execute("SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = $1", [name])
            if exists.isEmpty {
                try admin.execute("CREATE ROLE \(SQLIdentifier.quoted(name)) LOGIN IN ROLE \(SQLIdentifier.quoted(group))")
            }
            roles.insert(name)
        }
    }

    func createDatabase(template: String) throws -> TestDatabase {
        let number = counter.withLock { value in
            value += 1
            return value
        }
        let name = "test_\(getpid())_\(number)"
        let admin = try Connection.connect(cluster.connectionString(database: "postgres"))
        try admin.execute("CREATE DATABASE \(SQLIdentifier.quoted(name)) TEMPLATE \(SQLIdentifier.quoted(template))")
        return TestDatabase(name: name, conninfo: cluster.connectionString(database: name))
    }
}

/// Stops the test server when the test process ends, however it ends.
enum TestServerCleanup {
    private static let registered = Mutex<LocalCluster?>(nil)
    private static let watchdog = Mutex<pid_t?>(nil)

    static func register(cluster: LocalCluster) {
        registered.withLock { $0 = cluster }
        // A watchdog stops the server when the process is killed and `atexit` never runs.
        let watchdogPID = try? cluster.stopWhenThisProcessEnds()
        watchdog.withLock { $0 = watchdogPID }
        atexit {
            TestServerCleanup.stopNow()
        }
    }

    /// Stops the server at once and removes its directory.
    static func stopNow() {
        guard let cluster = registered.withLock({ value -> LocalCluster? in
            defer { value = nil }
            return value
        }) else { return }
        _ = try? cluster.stop(mode: .immediate)
        if let pid = watchdog.withLock({ $0 }) { kill(pid, SIGTERM) }
        try? FileManager.default.removeItem(at: cluster.root)
        if cluster.socketDirectory.path.hasPrefix("/tmp/pykala-") {
            try? FileManager.default.removeItem(at: cluster.socketDirectory)
        }
    }
}
