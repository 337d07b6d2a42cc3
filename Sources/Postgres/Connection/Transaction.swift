/// The isolation levels PostgreSQL offers.
public enum IsolationLevel: String, Sendable {
    case readCommitted = "READ COMMITTED"
    case repeatableRead = "REPEATABLE READ"
    case serializable = "SERIALIZABLE"
}

extension Connection {
    /// Runs `body` in a transaction: commits when it returns, rolls back when it throws.
    ///
    /// Transactions do not nest; calling this inside `body` throws a ``PostgresError`` of
    /// kind `misuse`.
    @discardableResult
    public func withTransaction<T>(
        _ isolation: IsolationLevel = .readCommitted, _ body: (Connection) throws -> T
    ) throws -> T {
        guard transactionDepth == 0 else {
            throw PostgresError(.misuse, "a transaction is already open on this connection; transactions do not nest")
        }
        try execute("BEGIN ISOLATION LEVEL \(isolation.rawValue)")
        transactionDepth = 1
        defer { transactionDepth = 0 }
        let value: T
        do {
            value = try body(self)
        } catch {
            // The first error is what the caller needs; a failed rollback (e.g. a lost
            // connection) is already implied by it and ends the transaction anyway.
            _ = try? execute("ROLLBACK")
            throw error
        }
        try execute("COMMIT")
        return value
    }
}
