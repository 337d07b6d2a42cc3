public import Postgres
public import Foundation

/// Applies `db/migrations` in order, each in its own transaction, and records what it applied.
///
/// Applied migrations are listed in `pykala_meta.schema_migration` with their SHA-256; a
/// file whose content changed after it was applied is refused, as is a database that has
/// migrations this build does not know. Concurrent runs are serialised by an advisory lock.
public struct Migrator: Sendable {
    public let migrations: [Migration]

    public init(migrations: [Migration]) { self.migrations = migrations }

    public init(directory: URL) throws {
        self.migrations = try Migration.load(from: directory)
    }

    /// One migration as the database sees it.
    public struct Entry: Sendable, Equatable, Codable {
        public enum State: String, Sendable, Codable { case applied, pending, changed, unknown }
        public let name: String
        public let state: State
        public let appliedAt: Date?
        public let appliedBy: String?
        /// SHA-256 of the file, and of what was applied (they differ when `changed`).
        public let fileChecksum: String?
        public let appliedChecksum: String?
    }

    /// Applied, pending, changed and unknown migrations, in order.
    public func status(on connection: Connection) throws -> [Entry] {
        let applied = try appliedMigrations(on: connection)
        var entries: [Entry] = migrations.map { migration in
            guard let record = applied[migration.version] else {
                return Entry(
                    name: migration.name, state: .pending, appliedAt: nil, appliedBy: nil,
                    fileChecksum: migration.checksum, appliedChecksum: nil)
            }
            let state: Entry.State = record.checksum == migration.checksum ? .applied : .changed
            return Entry(
                name: migration.name, state: state, appliedAt: record.appliedAt, appliedBy: record.appliedBy,
                fileChecksum: migration.checksum, appliedChecksum: record.checksum)
        }
        let known = Set(migrations.map(\.version))
        for (version, record) in applied.sorted(by: { $0.key < $1.key }) where !known.contains(version) {
            entries.append(
                Entry(
                    name: record.name, state: .unknown, appliedAt: record.appliedAt, appliedBy: record.appliedBy,
                    fileChecksum: nil, appliedChecksum: record.checksum))
        }
        return entries
    }

    /// Applies every pending migration; returns the names applied (none on a second run).
    @discardableResult
    public func migrate(on connection: Connection) throws -> [String] {
        try connection.withTransaction { tx in
            try tx.execute("SELECT pg_advisory_xact_lock($1)", [Self.lockKey])
            try tx.runScript(Self.bookkeeping)
        }
        try refuseInconsistencies(try status(on: connection))
        var appliedNow: [String] = []
        for migration in migrations {
            let done = try connection.withTransaction { tx -> Bool in
                try tx.execute("SELECT pg_advisory_xact_lock($1)", [Self.lockKey])
                let existing = try tx.execute(
                    "SELECT checksum FROM pykala_meta.schema_migration WHERE version = $1", [migration.version])
                if let row = existing.first {
                    let checksum = try row.get("checksum", as: String.self)
                    if checksum != migration.checksum {
                        throw MigrationError.changedAfterApplying(name: migration.name, applied: checksum, now: migration.checksum)
                    }
                    return false
                }
                do {
                    try tx.runScript(migration.sql)
                } catch let error as PostgresError where error.kind == .server {
                    let place = error.position.map { migration.lineAndColumn(ofCharacter: $0) }
                    throw MigrationError.failed(
                        file: migration.name, line: place?.line, column: place?.column,
                        message: error.description)
                }
                try tx.execute(
                    "INSERT INTO pykala_meta.schema_migration (version, name, checksum) VALUES ($1, $2, $3)",
                    [migration.version, migration.name, migration.checksum])
                return true
            }
            if done { appliedNow.append(migration.name) }
        }
        return appliedNow
    }

    private func refuseInconsistencies(_ entries: [Entry]) throws {
        for entry in entries {
            switch entry.state {
            case .changed:
                throw MigrationError.changedAfterApplying(
                    name: entry.name, applied: entry.appliedChecksum ?? "", now: entry.fileChecksum ?? "")
            case .unknown:
                throw MigrationError.unknownInDatabase(name: entry.name)
            case .applied, .pending:
                continue
            }
        }
    }

    private struct AppliedRecord {
        let name: String
        let checksum: String
        let appliedAt: Date
        let appliedBy: String
    }

    private func appliedMigrations(on connection: Connection) throws -> [Int: AppliedRecord] {
        let exists = try connection.execute("SELECT to_regclass('pykala_meta.schema_migration') IS NOT NULL AS present")
        guard try exists.first?.get("present", as: Bool.self) == true else { return [:] }
        let rows = try connection.execute(
            "SELECT version, name, checksum, applied_at, applied_by FROM pykala_meta.schema_migration ORDER BY version")
        var records: [Int: AppliedRecord] = [:]
        for row in rows {
            records[try row.get("version")] = AppliedRecord(
                name: try row.get("name"), checksum: try row.get("checksum"), appliedAt: try row.get("applied_at"),
                appliedBy: try row.get("applied_by"))
        }
        return records
    }

    /// Serialises concurrent migration runs on one database.
    static let lockKey: Int64 = 0x7079_6B61_6C61  // "pykala"

    static let bookkeeping = """
        CREATE SCHEMA IF NOT EXISTS pykala_meta;
        REVOKE ALL ON SCHEMA pykala_meta FROM PUBLIC;
        CREATE TABLE IF NOT EXISTS pykala_meta.schema_migration (
            version    integer PRIMARY KEY CHECK (version > 0),
            name       text NOT NULL UNIQUE,
            checksum   text NOT NULL CHECK (checksum ~ '^[0-9a-f]{64}$'),
            applied_at timestamptz NOT NULL DEFAULT now(),
            applied_by text NOT NULL DEFAULT session_user
        );
        """
}
