internal import CLibPQ
internal import Foundation

extension Connection {
    /// Streams data into `COPY … FROM STDIN`; returns the number of rows copied.
    ///
    /// `body` writes with the ``CopyInWriter``; when it throws, the COPY is aborted, nothing
    /// of it is stored, and the error is rethrown.
    @discardableResult
    public func copyIn(_ sql: String, _ body: (CopyInWriter) throws -> Void) throws -> Int {
        try Self.refuseNUL(sql, what: "the COPY statement")
        try startCopy(sql, expecting: PGRES_COPY_IN)
        let writer = CopyInWriter(connection: self, statement: sql)
        do {
            try body(writer)
            try writer.flush()
        } catch {
            _ = PQputCopyEnd(handle, "aborted by the client")
            drainResults()
            throw error
        }
        guard PQputCopyEnd(handle, nil) == 1 else { throw connectionError(statement: sql) }
        return try finishCopy(sql)
    }

    /// Streams the output of `COPY … TO STDOUT` to `body`, one chunk (normally one row) at
    /// a time, without holding the whole output; returns the number of rows.
    ///
    /// When `body` throws, the server is asked to cancel and the error is rethrown.
    @discardableResult
    public func copyOut(_ sql: String, _ body: (UnsafeRawBufferPointer) throws -> Void) throws -> Int {
        try Self.refuseNUL(sql, what: "the COPY statement")
        try startCopy(sql, expecting: PGRES_COPY_OUT)
        while true {
            var buffer: UnsafeMutablePointer<CChar>?
            let length = PQgetCopyData(handle, &buffer, 0)
            if length > 0, let buffer {
                defer { PQfreemem(buffer) }
                do {
                    try body(UnsafeRawBufferPointer(start: buffer, count: Int(length)))
                } catch {
                    cancelRunningStatement()
                    drainCopyOut()
                    throw error
                }
            } else if length == -1 {
                return try finishCopy(sql)
            } else {
                if let buffer { PQfreemem(buffer) }
                throw connectionError(statement: sql)
            }
        }
    }

    private func startCopy(_ sql: String, expecting expected: ExecStatusType) throws {
        guard let result = PQexec(handle, sql) else { throw connectionError(statement: sql) }
        let status = PQresultStatus(result)
        if status == expected {
            PQclear(result)
            return
        }
        if status == PGRES_FATAL_ERROR || status == PGRES_NONFATAL_ERROR || status == PGRES_BAD_RESPONSE {
            let error = QueryResult.serverError(result, connection: self, statement: sql)
            PQclear(result)
            throw error
        }
        PQclear(result)
        abandonCopy(status: status)
        throw PostgresError(.misuse, "this statement is not a COPY in the expected direction", statement: sql)
    }

    private func finishCopy(_ sql: String) throws -> Int {
        var rows = 0
        var failure: PostgresError?
        while let result = PQgetResult(handle) {
            let status = PQresultStatus(result)
            if status == PGRES_COMMAND_OK {
                rows = PQcmdTuples(result).flatMap { Int(String(cString: $0)) } ?? 0
            } else if failure == nil {
                failure = QueryResult.serverError(result, connection: self, statement: sql)
            }
            PQclear(result)
        }
        if let failure { throw failure }
        if !isOpen { throw connectionError(statement: sql) }
        return rows
    }

    /// Ends a COPY that a plain statement started by mistake, so the connection stays usable.
    func abandonCopy(status: ExecStatusType) {
        if status == PGRES_COPY_IN {
            _ = PQputCopyEnd(handle, "COPY must go through copyIn")
        } else if status == PGRES_COPY_OUT {
            drainCopyOut()
            return
        }
        drainResults()
    }

    private func drainCopyOut() {
        while true {
            var buffer: UnsafeMutablePointer<CChar>?
            let length = PQgetCopyData(handle, &buffer, 0)
            if let buffer { PQfreemem(buffer) }
            if length < 0 { break }
        }
        drainResults()
    }

    func drainResults() {
        while let result = PQgetResult(handle) { PQclear(result) }
    }

    /// Asks the server to cancel the statement running on this connection.
    func cancelRunningStatement() {
        guard let cancel = PQgetCancel(handle) else { return }
        defer { PQfreeCancel(cancel) }
        var message = [CChar](repeating: 0, count: 256)
        _ = PQcancel(cancel, &message, Int32(message.count))
    }
}

/// Writes data into a running `COPY … FROM STDIN`, buffered in blocks of 64 KiB.
public final class CopyInWriter {
    private unowned let connection: Connection
    private let statement: String
    private var buffer: [UInt8] = []
    private static let blockSize = 1 << 16

    init(connection: Connection, statement: String) {
        self.connection = connection
        self.statement = statement
        buffer.reserveCapacity(Self.blockSize)
    }

    /// Writes raw bytes in the COPY's format.
    public func write(_ bytes: some Sequence<UInt8>) throws {
        buffer.append(contentsOf: bytes)
        if buffer.count >= Self.blockSize { try flush() }
    }

    /// Writes one row in COPY's text format (tab-separated, `\N` for NULL, escaped).
    /// A field holding a NUL byte is refused.
    public func writeRow(_ fields: [String?]) throws {
        try CopyText.appendRow(fields, to: &buffer, statement: statement)
        if buffer.count >= Self.blockSize { try flush() }
    }

    func flush() throws {
        guard !buffer.isEmpty else { return }
        let sent = buffer.withUnsafeBufferPointer { pointer in
            pointer.withMemoryRebound(to: CChar.self) { chars in
                PQputCopyData(connection.handle, chars.baseAddress, Int32(chars.count))
            }
        }
        guard sent == 1 else { throw connection.connectionError(statement: statement) }
        buffer.removeAll(keepingCapacity: true)
    }
}
