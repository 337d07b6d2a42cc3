internal import CLibPQ

/// A statement sent by ``Connection/send(_:_:)`` whose result has not been read yet: the
/// server runs it while the caller does other work. Read its result with
/// ``Connection/result(of:)`` before anything else runs on the connection.
public struct SentStatement {
    let sql: String
}

extension Connection {
    /// Sends one statement with `$1 …` parameters without waiting for its result (libpq's
    /// `PQsendQueryParams`), so the server starts on it while the caller goes on (say, to
    /// decode the previous result). One statement at a time: read its result with
    /// ``result(of:)`` before sending another. Should the caller throw first, the next
    /// statement run here (``withTransaction(_:_:)``'s ROLLBACK) reads and drops it first,
    /// as libpq's `PQexecParams` does with any result left unread.
    public func send(_ sql: String, _ parameters: [any PostgresEncodable] = []) throws -> SentStatement {
        let sent = try withParameters(sql, parameters) { count, buffers in
            PQsendQueryParams(handle, sql, count, buffers.types, buffers.values, buffers.lengths, buffers.formats, 0)
        }
        guard sent == 1 else { throw connectionError(statement: sql) }
        return SentStatement(sql: sql)
    }

    /// Waits for the result of a statement ``send(_:_:)`` sent, and checks it as
    /// ``execute(_:_:)`` does.
    public func result(of sent: SentStatement) throws -> QueryResult {
        let result = PQgetResult(handle)
        // A statement gives one result, then NULL: read up to it, or libpq refuses the next send.
        drainResults()
        return try QueryResult(checking: result, connection: self, statement: sent.sql)
    }
}
