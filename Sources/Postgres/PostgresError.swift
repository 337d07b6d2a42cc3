/// Every error the `Postgres` module throws.
///
/// A server error carries the SQLSTATE and the server's message, detail and hint, and the
/// statement that failed, so callers match on meaning rather than on text:
/// `catch let error as PostgresError where error.sqlState == .uniqueViolation`.
///
/// ## Topics
/// - ``Kind``
/// - ``SQLState``
public struct PostgresError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, at the level a caller reacts to.
    public enum Kind: Sendable, Equatable {
        /// The server refused the statement (see ``sqlState``).
        case server
        /// No connection could be made (wrong address, server down, authentication).
        case connectionFailed
        /// The connection broke while in use: the outcome of the last statement is unknown.
        case connectionLost
        /// A parameter could not be sent as given (e.g. text holding a NUL byte).
        case invalidParameter
        /// A value that came back does not fit the Swift type asked for.
        case decoding
        /// The API was used in a way it does not allow (e.g. nested transactions).
        case misuse
    }

    public var kind: Kind
    /// The server's five-character error code, when the server sent one.
    public var sqlState: SQLState?
    public var message: String
    public var detail: String?
    public var hint: String?
    /// The statement that failed; never the parameter values.
    public var statement: String?
    /// 1-based character position in ``statement`` that the server pointed at.
    public var position: Int?
    /// Constraint, table and column the server named, when it did.
    public var constraint: String?
    public var table: String?
    public var column: String?

    public init(
        _ kind: Kind, _ message: String, sqlState: SQLState? = nil, detail: String? = nil,
        hint: String? = nil, statement: String? = nil
    ) {
        self.kind = kind
        self.message = message
        self.sqlState = sqlState
        self.detail = detail
        self.hint = hint
        self.statement = statement
    }

    /// True when the connection is gone and must be reopened.
    public var isConnectionProblem: Bool {
        kind == .connectionFailed || kind == .connectionLost
            || sqlState?.code.hasPrefix("08") == true
            || sqlState == .adminShutdown || sqlState == .crashShutdown
            || sqlState == .cannotConnectNow
    }

    public var description: String {
        var text = message
        if let sqlState { text += " (SQLSTATE \(sqlState.code))" }
        if let detail, !detail.isEmpty { text += "\nDetail: \(detail)" }
        if let hint, !hint.isEmpty { text += "\nHint: \(hint)" }
        return text
    }
}

/// A SQLSTATE error code, e.g. `23505` for a unique violation.
public struct SQLState: Hashable, Sendable, CustomStringConvertible {
    public let code: String
    public init(_ code: String) { self.code = code }
    public var description: String { code }
    /// The two-character class, e.g. `23` for integrity constraint violations.
    public var errorClass: Substring { code.prefix(2) }

    public static let uniqueViolation = SQLState("23505")
    public static let foreignKeyViolation = SQLState("23503")
    public static let notNullViolation = SQLState("23502")
    public static let checkViolation = SQLState("23514")
    public static let exclusionViolation = SQLState("23P01")
    public static let serializationFailure = SQLState("40001")
    public static let deadlockDetected = SQLState("40P01")
    public static let insufficientPrivilege = SQLState("42501")
    public static let syntaxError = SQLState("42601")
    public static let undefinedTable = SQLState("42P01")
    public static let undefinedFunction = SQLState("42883")
    public static let duplicateObject = SQLState("42710")
    public static let duplicateDatabase = SQLState("42P04")
    public static let invalidCatalogName = SQLState("3D000")
    public static let readOnlySQLTransaction = SQLState("25006")
    public static let queryCanceled = SQLState("57014")
    public static let adminShutdown = SQLState("57P01")
    public static let crashShutdown = SQLState("57P02")
    public static let cannotConnectNow = SQLState("57P03")
    public static let invalidPassword = SQLState("28P01")
    public static let invalidAuthorization = SQLState("28000")
    public static let raiseException = SQLState("P0001")
}
