internal import CLibPQ
internal import Foundation

/// One libpq connection to a PostgreSQL server.
///
/// `Connection` is a class that is deliberately not `Sendable`: under Swift 6 strict
/// concurrency the compiler keeps each connection inside the one isolation domain (task,
/// actor or thread) that opened it, so it is never used by two tasks at a time — libpq's
/// connections are not thread-safe. Open one connection per task that needs the database.
///
/// Every statement that takes values goes through ``execute(_:_:)`` with `$1, $2, …`
/// placeholders (libpq's `PQexecParams`); SQL is never built from values.
///
/// ## Topics
/// - ``connect(_:applicationName:)``
/// - ``execute(_:_:)``
/// - ``withTransaction(_:_:)``
/// - ``copyIn(_:_:)``
/// - ``copyOut(_:_:)``
public final class Connection {
    let handle: OpaquePointer
    private let noticeSink: NoticeSink
    var transactionDepth = 0
    /// The names of the statements ``executePrepared(_:_:)`` prepared, by their SQL.
    private var preparedNames: [String: String] = [:]
    /// The statements ``executeRepeatable(_:_:)`` has run here unprepared, once each.
    private var ranOnce: Set<String> = []

    /// Opens a connection.
    ///
    /// - Parameter conninfo: a `key=value` string or a `postgresql://` URI. Whatever it
    ///   leaves out, libpq takes from its environment (`PGHOST`, `PGPORT`, `PGUSER`,
    ///   `PGDATABASE`, `PGPASSWORD`, `PGSERVICE`, `~/.pgpass`, …); `""` uses only those.
    public static func connect(_ conninfo: String = "", applicationName: String = "pykala") throws -> Connection {
        try refuseNUL(conninfo, what: "the connection string")
        let keywords = ["dbname", "client_encoding", "fallback_application_name"]
        let values = [conninfo, "UTF8", applicationName]
        let handle = withCStringArray(keywords) { keywordPointers in
            withCStringArray(values) { valuePointers in
                PQconnectdbParams(keywordPointers, valuePointers, 1)
            }
        }
        guard let handle else {
            throw PostgresError(.connectionFailed, "out of memory while connecting to PostgreSQL")
        }
        guard PQstatus(handle) == CONNECTION_OK else {
            let message = lastErrorMessage(handle)
            PQfinish(handle)
            throw PostgresError(.connectionFailed, "could not connect to PostgreSQL: \(message)")
        }
        let connection = Connection(handle: handle)
        try connection.useISODates()
        return connection
    }

    private init(handle: OpaquePointer) {
        self.handle = handle
        self.noticeSink = NoticeSink()
        noticeSink.install(on: handle)
    }

    deinit {
        PQfinish(handle)
    }

    /// The server's version number, e.g. `150018` for 15.18.
    public var serverVersion: Int { Int(PQserverVersion(handle)) }

    /// True while the connection is usable; false after the server went away.
    public var isOpen: Bool { PQstatus(handle) == CONNECTION_OK }

    /// A run-time parameter the server reports on its own (`server_version`, `DateStyle`, …).
    public func parameterStatus(_ name: String) -> String? {
        PQparameterStatus(handle, name).map { String(cString: $0) }
    }

    /// Called with every notice and warning the server sends (`RAISE NOTICE`, …).
    /// Without a handler, notices are kept in ``notices`` (the last 100).
    public var onNotice: ((PostgresNotice) -> Void)? {
        get { noticeSink.handler }
        set { noticeSink.handler = newValue }
    }

    /// The last notices received when no ``onNotice`` handler is set.
    public var notices: [PostgresNotice] { noticeSink.kept }

    /// Runs one statement with `$1 …` parameters and returns its whole result.
    @discardableResult
    public func execute(_ sql: String, _ parameters: [any PostgresEncodable] = []) throws -> QueryResult {
        let result = try execParams(sql, parameters)
        return try QueryResult(checking: result, connection: self, statement: sql)
    }

    /// Runs one statement like ``execute(_:_:)``, planned once per connection: prepared
    /// (libpq's `PQprepare`, parameter types left to the server) the first time this SQL
    /// runs here, executed (`PQexecPrepared`) every time. For statements run again and again
    /// whose planning costs more than their work, such as the public portal's reads.
    @discardableResult
    public func executePrepared(_ sql: String, _ parameters: [any PostgresEncodable] = []) throws -> QueryResult {
        let bindings = try checkedBindings(sql, parameters)
        let name: String
        if let known = preparedNames[sql] {
            name = known
        } else {
            name = "pykala_\(preparedNames.count + 1)"
            let prepared = PQprepare(handle, name, sql, Int32(bindings.count), nil)
            _ = try QueryResult(checking: prepared, connection: self, statement: sql)
            preparedNames[sql] = name
        }
        let buffers = ParameterBuffers(bindings)
        defer { buffers.deallocate() }
        let result = PQexecPrepared(handle, name, Int32(bindings.count), buffers.values, buffers.lengths, buffers.formats, 0)
        return try QueryResult(checking: result, connection: self, statement: sql)
    }

    /// Runs one statement like ``execute(_:_:)`` the first time on this connection, and
    /// like ``executePrepared(_:_:)`` from the second time on: a connection that repeats it
    /// (a server, a benchmark) stops parsing and planning it each time, and a command that
    /// runs it once pays no round trip to prepare it.
    @discardableResult
    public func executeRepeatable(_ sql: String, _ parameters: [any PostgresEncodable] = []) throws -> QueryResult {
        guard ranOnce.contains(sql) else {
            let result = try execute(sql, parameters)
            ranOnce.insert(sql)
            return result
        }
        return try executePrepared(sql, parameters)
    }

    /// Runs a trusted script of several statements with no parameters (libpq's `PQexec`),
    /// such as a migration file. Never pass text that came from a user.
    public func runScript(_ trustedSQL: String) throws {
        try Self.refuseNUL(trustedSQL, what: "the SQL script")
        let result = PQexec(handle, trustedSQL)
        _ = try QueryResult(checking: result, connection: self, statement: trustedSQL)
    }

    private func execParams(_ sql: String, _ parameters: [any PostgresEncodable]) throws -> OpaquePointer? {
        try withParameters(sql, parameters) { count, buffers in
            PQexecParams(handle, sql, count, buffers.types, buffers.values, buffers.lengths, buffers.formats, 0)
        }
    }

    /// Calls `call` with the checked parameters of `sql` as libpq's C arrays, and how many
    /// there are; the arrays live for the call.
    func withParameters<R>(
        _ sql: String, _ parameters: [any PostgresEncodable], _ call: (Int32, ParameterBuffers) -> R
    ) throws -> R {
        let bindings = try checkedBindings(sql, parameters)
        let buffers = ParameterBuffers(bindings)
        defer { buffers.deallocate() }
        return call(Int32(bindings.count), buffers)
    }

    /// The parameters as libpq takes them; NUL (which ends a C string) refused in the SQL and in text values.
    private func checkedBindings(_ sql: String, _ parameters: [any PostgresEncodable]) throws -> [PostgresBinding] {
        try Self.refuseNUL(sql, what: "the SQL statement")
        return try parameters.enumerated().map { index, parameter in
            let binding = try parameter.postgresBinding()
            if case .text(let text) = binding, Self.containsNUL(text) {
                throw PostgresError(
                    .invalidParameter,
                    "parameter $\(index + 1) contains a NUL byte, which PostgreSQL text cannot hold",
                    statement: sql)
            }
            return binding
        }
    }

    /// Makes the server print dates as ISO 8601, which the decoders read.
    private func useISODates() throws {
        if parameterStatus("DateStyle")?.hasPrefix("ISO") != true {
            try execute("SET DateStyle = 'ISO, YMD'")
        }
    }

    func connectionError(statement: String?) -> PostgresError {
        let message = Self.lastErrorMessage(handle)
        if PQstatus(handle) == CONNECTION_BAD {
            return PostgresError(
                .connectionLost, "the connection to PostgreSQL was lost: \(message)",
                hint: "The server may have been stopped or restarted; the last statement may or may not have taken effect.",
                statement: statement)
        }
        return PostgresError(.connectionLost, message.isEmpty ? "no reply from PostgreSQL" : message, statement: statement)
    }

    static func lastErrorMessage(_ handle: OpaquePointer) -> String {
        guard let raw = PQerrorMessage(handle) else { return "" }
        return String(cString: raw).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func refuseNUL(_ text: String, what: String) throws {
        if containsNUL(text) {
            throw PostgresError(.invalidParameter, "\(what) contains a NUL byte, which PostgreSQL text cannot hold")
        }
    }
}

extension Connection {
    /// Whether `text` holds a NUL byte: `memchr` over its bytes in place (String's UTF-8
    /// view, byte by byte, took 0.2 s for the 115 MB a registration of 100 000 decisions sends).
    static func containsNUL(_ text: String) -> Bool {
        text.utf8.withContiguousStorageIfAvailable { bytes in
            guard let base = bytes.baseAddress else { return false }
            return memchr(base, 0, bytes.count) != nil
        } ?? text.utf8.contains(0)
    }
}

/// Calls `body` with a C array of C strings that live for the duration of the call.
func withCStringArray<R>(_ strings: [String], _ body: ([UnsafePointer<CChar>?]) -> R) -> R {
    let copies = strings.map { strdup($0) }
    defer { copies.forEach { free($0) } }
    return body(copies.map { $0.map { UnsafePointer($0) } } + [nil])
}
