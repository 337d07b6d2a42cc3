/// Why migrations could not be read or applied.
public enum MigrationError: Error, Sendable, CustomStringConvertible, Equatable {
    case unreadable(String, reason: String)
    case badFileName(String)
    case duplicateVersion(Int, String, String)
    case transactionControl(String, line: Int)
    /// An applied migration's file differs from what was applied.
    case changedAfterApplying(name: String, applied: String, now: String)
    /// The database has a migration this build does not know.
    case unknownInDatabase(name: String)
    /// A migration failed; the database is as it was before it.
    case failed(file: String, line: Int?, column: Int?, message: String)

    public var description: String {
        switch self {
        case .unreadable(let path, let reason):
            "cannot read migrations at \(path): \(reason)"
        case .badFileName(let file):
            "db/migrations/\(file): expected a name like 0001_what_it_does.sql (four digits, underscore, name)"
        case .duplicateVersion(let version, let first, let second):
            "db/migrations: \(first).sql and \(second).sql both have number \(version); give each migration its own number"
        case .transactionControl(let file, let line):
            "db/migrations/\(file):\(line): a migration must not BEGIN, COMMIT or ROLLBACK; "
                + "each migration already runs in its own transaction"
        case .changedAfterApplying(let name, let applied, let now):
            "db/migrations/\(name).sql was changed after it was applied (applied checksum \(applied.prefix(12))…, "
                + "file now \(now.prefix(12))…). Applied migrations are never edited: restore the file and put the "
                + "change in a new migration."
        case .unknownInDatabase(let name):
            "the database has migration \(name), which this pykala does not have; use the pykala version that applied it"
        case .failed(let file, let line, let column, let message):
            "db/migrations/\(file).sql\(line.map { ":\($0)" } ?? "")\(column.map { ":\($0)" } ?? ""): \(message)\n"
                + "The migration was rolled back; the database is as it was before it. Fix the file and run `pykala db migrate` again."
        }
    }
}
