internal import Postgres

/// A refusal from the database, worded for the person at the keyboard.
public struct StoreError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable {
        /// PK401: the caller's role does not allow it.
        case forbidden
        /// PK404: a name the input gives does not exist.
        case notFound
        /// PK409: it clashes with what is stored.
        case conflict
        /// PK422 or a CHECK/NOT NULL constraint: the data is not acceptable.
        case invalid
        /// The schema is missing: the database has not been migrated.
        case notMigrated
        /// The server cancelled the statement (statement_timeout, or an operator): nothing was stored.
        case cancelled
    }

    public let kind: Kind
    public let message: String
    public let hint: String?

    public var description: String {
        hint.map { "\(message)\nHint: \($0)" } ?? message
    }

    public init(kind: Kind, message: String, hint: String?) {
        self.kind = kind
        self.message = message
        self.hint = hint
    }

    /// Runs `body`, turning the project's SQLSTATEs and constraint violations into StoreErrors.
    static func translating<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as PostgresError where error.kind == .server {
            throw StoreError(error) ?? error
        }
    }

    init?(_ error: PostgresError) {
        guard let code = error.sqlState?.code else { return nil }
        switch code {
        case "PK401": kind = .forbidden
        case "PK404": kind = .notFound
        case "PK409": kind = .conflict
        case "PK422": kind = .invalid
        case SQLState.checkViolation.code, SQLState.notNullViolation.code:
            kind = .invalid
            message = "the database refused a value: \(error.message)"
                + (error.constraint.map { " (rule \($0))" } ?? "")
            hint = "Nothing was stored. Check the value against docs/decision-document.md."
            return
        case SQLState.insufficientPrivilege.code:
            kind = .forbidden
            message = "your login has no pykala role that may do this (\(error.message))"
            hint = "An admin can grant one (`pykala user add`)."
            return
        case SQLState.queryCanceled.code:
            kind = .cancelled
            message = error.message.contains("statement timeout")
                ? "the database stopped the command: it ran longer than the server's statement_timeout allows"
                : "the database cancelled the command (\(error.message))"
            hint = "Nothing was stored. Try again; for a large file, split it, or ask the administrator to raise statement_timeout for your login."
            return
        case SQLState.undefinedTable.code, SQLState.undefinedFunction.code:
            kind = .notMigrated
            message = "the database has no Pykälä schema yet (\(error.message))"
            hint = "Run `pykala db migrate` first."
            return
        default: return nil
        }
        message = error.message
        hint = error.hint
    }
}
