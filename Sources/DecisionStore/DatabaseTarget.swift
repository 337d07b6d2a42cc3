public import Postgres
public import Foundation

/// Which PostgreSQL server pykala uses: one the user configured, or the embedded default.
///
/// Connection settings win in this order: `--database`, `DATABASE_URL`, then libpq's own
/// environment (`PGHOST`, `PGDATABASE`, `PGSERVICE`). With none of them, pykala uses its
/// private cluster (``LocalCluster``), starting it on first use; it never starts a server
/// when settings were given.
public enum DatabaseTarget: Sendable {
    case configured(conninfo: String, source: String)
    /// The local cluster; `user` is the login role (libpq's `PGUSER`), else the superuser.
    case embedded(LocalCluster, database: String, user: String?)

    /// The database the embedded default keeps the register in.
    public static let embeddedDatabaseName = "pykala"

    public static func resolve(
        database: String?, dataDirectory: String?,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        currentDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    ) -> DatabaseTarget {
        if let database, !database.isEmpty { return .configured(conninfo: database, source: "--database") }
        if let url = environment["DATABASE_URL"], !url.isEmpty { return .configured(conninfo: url, source: "DATABASE_URL") }
        for key in ["PGHOST", "PGDATABASE", "PGSERVICE"] where !(environment[key] ?? "").isEmpty {
            return .configured(conninfo: "", source: key)
        }
        let user = environment["PGUSER"].flatMap { $0.isEmpty ? nil : $0 }
        return .embedded(localCluster(dataDirectory: dataDirectory, environment: environment, currentDirectory: currentDirectory),
                         database: embeddedDatabaseName, user: user)
    }

    /// The embedded cluster's place: `--data-dir`, `PYKALA_DATA_DIR`, or `.pykala` here.
    public static func localCluster(
        dataDirectory: String?, environment: [String: String] = ProcessInfo.processInfo.environment,
        currentDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    ) -> LocalCluster {
        if let dataDirectory, !dataDirectory.isEmpty {
            return LocalCluster(root: URL(fileURLWithPath: dataDirectory, relativeTo: currentDirectory))
        }
        if let configured = environment["PYKALA_DATA_DIR"], !configured.isEmpty {
            return LocalCluster(root: URL(fileURLWithPath: configured, relativeTo: currentDirectory))
        }
        return LocalCluster.inDirectory(currentDirectory)
    }

    /// The same server for the public portal: on the embedded default, as the portal's own
    /// login (``PortalLogin/role``) unless `PGUSER` names another; a configured server as configured.
    public var forPortal: DatabaseTarget {
        switch self {
        case .configured: self
        case .embedded(let cluster, let database, let user): .embedded(cluster, database: database, user: user ?? PortalLogin.role)
        }
    }

    /// Where the connection goes, for messages (never includes a password).
    public var summary: String {
        switch self {
        case .configured(_, let source): "the server configured by \(source)"
        case .embedded(let cluster, let database, let user):
            "the local cluster in \(cluster.root.path) (database \(database)\(user.map { ", user \($0)" } ?? ""))"
        }
    }

    /// Opens a connection; for the embedded default, starts the cluster and creates the
    /// database first when needed.
    public func connect() throws -> Connection {
        switch self {
        case .configured(let conninfo, let source):
            do {
                return try Connection.connect(conninfo)
            } catch var error as PostgresError where error.kind == .connectionFailed {
                error.hint = "Check the connection settings given by \(source), and that the server is running. "
                    + "Without any settings, pykala uses its own local cluster."
                throw error
            }
        case .embedded(let cluster, let database, let user):
            try cluster.start()
            try Self.createDatabaseIfMissing(database, on: cluster)
            return try Connection.connect(cluster.connectionString(database: database, user: user))
        }
    }

    /// Runs one write on a new connection. If the connection is lost before the answer
    /// arrives, runs it once more on a fresh one: with the same request id inside `body`,
    /// a write that did commit is not done twice, and the first answer comes back.
    public func writing<T>(_ body: (Connection) throws -> T) throws -> T {
        do {
            return try body(try connect())
        } catch let lost as PostgresError where lost.kind == .connectionLost {
            // Once more with the same request id: a write that did commit is not repeated. The
            // embedded cluster is not started again: if it stopped, someone stopped it.
            let connection: Connection
            do {
                connection = try reconnect()
            } catch {
                throw ConnectionLost(lost: lost, reconnecting: error)
            }
            return try body(connection)
        }
    }

    /// A new connection to a server that was running: for the embedded default, without
    /// starting the cluster.
    private func reconnect() throws -> Connection {
        switch self {
        case .configured: try connect()
        case .embedded(let cluster, let database, let user): try Connection.connect(cluster.connectionString(database: database, user: user))
        }
    }

    /// The connection was lost in the middle of a write, and could not be made again.
    public struct ConnectionLost: Error, CustomStringConvertible {
        public let lost: PostgresError
        public let reconnecting: any Error

        public var description: String {
            """
            the connection to PostgreSQL was lost during the command (\(lost.message)), and connecting again failed: \(reconnecting)
            Hint: A write is all or nothing: check with `pykala decision list` once the server runs again, and repeat the command with the same --request-id if it is not there.
            """
        }
    }

    private static func createDatabaseIfMissing(_ name: String, on cluster: LocalCluster) throws {
        let admin = try Connection.connect(cluster.connectionString(database: "postgres"))
        let existing = try admin.execute("SELECT 1 FROM pg_catalog.pg_database WHERE datname = $1", [name])
        guard existing.isEmpty else { return }
        do {
            try admin.execute("CREATE DATABASE \(SQLIdentifier.quoted(name)) ENCODING 'UTF8' TEMPLATE template0")
        } catch let error as PostgresError where error.sqlState == .duplicateDatabase || error.sqlState == .uniqueViolation {
            return  // another pykala created it at the same moment
        }
    }
}
