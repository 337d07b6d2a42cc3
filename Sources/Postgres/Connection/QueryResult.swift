internal import CLibPQ
internal import Foundation

/// The whole result of one statement, held by libpq until this value goes away.
///
/// Rows are read with ``Row/get(_:as:)``, which names the column in any error.
public final class QueryResult: RandomAccessCollection {
    private let result: OpaquePointer?
    /// The column names, in order.
    public let columns: [String]
    /// Rows affected by INSERT, UPDATE, DELETE, COPY … (0 for other statements).
    public let affectedRows: Int
    private let nameIndex: [String: Int]

    /// Checks the outcome of a libpq call; on failure clears the result and throws.
    init(checking result: OpaquePointer?, connection: Connection, statement: String) throws {
        guard let result else { throw connection.connectionError(statement: statement) }
        let status = PQresultStatus(result)
        guard status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK || status == PGRES_EMPTY_QUERY else {
            let error: PostgresError
            if status == PGRES_COPY_IN || status == PGRES_COPY_OUT || status == PGRES_COPY_BOTH {
                error = PostgresError(.misuse, "COPY statements go through copyIn/copyOut", statement: statement)
                PQclear(result)
                // Leave the connection usable: end the COPY the server is waiting for.
                connection.abandonCopy(status: status)
            } else {
                error = Self.serverError(result, connection: connection, statement: statement)
                PQclear(result)
            }
            throw error
        }
        self.result = result
        let fieldCount = Int(PQnfields(result))
        let names = (0..<fieldCount).map { String(cString: PQfname(result, Int32($0))) }
        columns = names
        var index: [String: Int] = [:]
        for (position, name) in names.enumerated() where index[name] == nil { index[name] = position }
        nameIndex = index
        affectedRows = PQcmdTuples(result).flatMap { Int(String(cString: $0)) } ?? 0
    }

    deinit { PQclear(result) }

    public var startIndex: Int { 0 }
    public var endIndex: Int { result.map { Int(PQntuples($0)) } ?? 0 }
    public subscript(position: Int) -> Row { Row(result: self, index: position) }

    /// The position of a column, or nil.
    public func columnIndex(_ name: String) -> Int? { nameIndex[name] }

    func cell(row: Int, column: Int) -> PostgresCell {
        let type = PostgresType(oid: PQftype(result, Int32(column)))
        if PQgetisnull(result, Int32(row), Int32(column)) != 0 {
            return PostgresCell(bytes: nil, type: type, columnName: columns[column])
        }
        let length = Int(PQgetlength(result, Int32(row), Int32(column)))
        let pointer = PQgetvalue(result, Int32(row), Int32(column))
        return PostgresCell(
            bytes: UnsafeRawBufferPointer(start: pointer, count: length), type: type, columnName: columns[column])
    }

    static func serverError(_ result: OpaquePointer, connection: Connection, statement: String) -> PostgresError {
        func field(_ code: Int32) -> String? {
            PQresultErrorField(result, code).map { String(cString: $0) }
        }
        let code = field(pykala_diag_sqlstate)
        let message = field(pykala_diag_message_primary)
            ?? String(cString: PQresultErrorMessage(result)).trimmingCharacters(in: .whitespacesAndNewlines)
        if code == nil, !connection.isOpen {
            return connection.connectionError(statement: statement)
        }
        var error = PostgresError(
            .server, message, sqlState: code.map(SQLState.init), detail: field(pykala_diag_message_detail),
            hint: field(pykala_diag_message_hint), statement: statement)
        error.position = field(pykala_diag_statement_position).flatMap { Int($0) }
        error.constraint = field(pykala_diag_constraint_name)
        error.table = field(pykala_diag_table_name)
        error.column = field(pykala_diag_column_name)
        if let sqlState = error.sqlState, sqlState == .adminShutdown || sqlState == .crashShutdown || !connection.isOpen {
            error.kind = .connectionLost
        }
        return error
    }
}

/// One row of a ``QueryResult``.
public struct Row {
    let result: QueryResult
    let index: Int

    /// The value of column `name`, decoded as `T`; an error names the column.
    public func get<T: PostgresDecodable>(_ name: String, as type: T.Type = T.self) throws -> T {
        guard let column = result.columnIndex(name) else {
            throw PostgresError(
                .decoding, "the result has no column \"\(name)\" (columns: \(result.columns.joined(separator: ", ")))")
        }
        return try get(column, as: type)
    }

    /// The value of the column at `column` (0-based), decoded as `T`.
    public func get<T: PostgresDecodable>(_ column: Int, as type: T.Type = T.self) throws -> T {
        guard result.columns.indices.contains(column) else {
            throw PostgresError(.decoding, "the result has no column \(column); it has \(result.columns.count)")
        }
        let cell = result.cell(row: index, column: column)
        do {
            return try T(from: cell)
        } catch let failure as PostgresDecodingFailure {
            let name = result.columns[column]
            switch failure {
            case .unexpectedNull:
                throw PostgresError(.decoding, "column \"\(name)\" is NULL, but a \(T.self) was expected")
            case .typeMismatch:
                throw PostgresError(.decoding, "column \"\(name)\" is \(cell.type), which cannot be read as \(T.self)")
            case .invalid(let expected):
                throw PostgresError(.decoding, "column \"\(name)\" (\(cell.type)) does not hold \(expected)")
            }
        }
    }

    /// True when the column holds SQL `NULL`.
    public func isNull(_ name: String) -> Bool {
        guard let column = result.columnIndex(name) else { return true }
        return result.cell(row: index, column: column).bytes == nil
    }
}
