import Foundation
import Postgres
import PostgresTestSupport
import Testing

@Suite("errors carry their meaning")
struct ErrorTests {
    @Test("a unique violation has SQLSTATE 23505 and names its constraint")
    func uniqueViolation() throws {
        let connection = try TestPostgres.emptyDatabase().connect()
        try connection.execute("CREATE TABLE diary (number text CONSTRAINT diary_number_key UNIQUE)")
        try connection.execute("INSERT INTO diary VALUES ($1)", ["2265/15.151/2020"])
        let error = try #require(throws: PostgresError.self) {
            try connection.execute("INSERT INTO diary VALUES ($1)", ["2265/15.151/2020"])
        }
        #expect(error.kind == .server)
        #expect(error.sqlState == .uniqueViolation)
        #expect(error.sqlState?.code == "23505")
        #expect(error.constraint == "diary_number_key")
        #expect(error.detail?.contains("2265/15.151/2020") == true)
        #expect(error.statement == "INSERT INTO diary VALUES ($1)")
    }

    @Test("a syntax error points at its position")
    func syntaxError() throws {
        let connection = try TestPostgres.emptyDatabase().connect()
        let error = try #require(throws: PostgresError.self) { try connection.execute("SELECT 1 FROMM x") }
        #expect(error.sqlState == .syntaxError)
        #expect(error.position == 16)  // FROMM reads as a column alias; the stray "x" is the error
    }

    @Test("hints from RAISE reach the caller")
    func raiseWithHint() throws {
        let connection = try TestPostgres.emptyDatabase().connect()
        let error = try #require(throws: PostgresError.self) {
            try connection.execute(
                "DO $$ BEGIN RAISE EXCEPTION 'only a manager may approve' USING ERRCODE = 'PK001', HINT = 'ask a manager'; END $$")
        }
        #expect(error.sqlState == SQLState("PK001"))
        #expect(error.message == "only a manager may approve")
        #expect(error.hint == "ask a manager")
    }

    @Test("a killed session is recognised as a lost connection")
    func connectionLoss() throws {
        let database = try TestPostgres.emptyDatabase()
        let victim = try database.connect()
        let pid = try victim.execute("SELECT pg_backend_pid() AS pid")[0].get("pid", as: Int.self)
        let killer = try database.connect()
        try killer.execute("SELECT pg_terminate_backend($1::int)", [pid])
        let error = try #require(throws: PostgresError.self) { try victim.execute("SELECT 1") }
        #expect(error.kind == .connectionLost)
        #expect(error.isConnectionProblem)
        #expect(!victim.isOpen)
    }

    @Test("a statement timeout is a query_canceled error")
    func statementTimeout() throws {
        let connection = try TestPostgres.emptyDatabase().connect()
        try connection.execute("SET statement_timeout = '50ms'")
        let error = try #require(throws: PostgresError.self) { try connection.execute("SELECT pg_sleep(2)") }
        #expect(error.sqlState == .queryCanceled)
        #expect(connection.isOpen)
    }

    @Test("a wrong connection string fails to connect with libpq's reason")
    func badConnection() {
        let error = #expect(throws: PostgresError.self) {
            try Connection.connect("host=/nonexistent-pykala-dir dbname=x connect_timeout=2")
        }
        #expect(error?.kind == .connectionFailed)
        #expect(error?.message.contains("/nonexistent-pykala-dir") == true)
    }

    @Test("notices are kept, or handed to a handler")
    func notices() throws {
        let connection = try TestPostgres.emptyDatabase().connect()
        try connection.execute("DO $$ BEGIN RAISE NOTICE 'tabled to %', 'next meeting'; END $$")
        #expect(connection.notices.last?.message == "tabled to next meeting")
        var received: [String] = []
        connection.onNotice = { received.append($0.message) }
        try connection.execute("DO $$ BEGIN RAISE WARNING 'careful'; END $$")
        #expect(received == ["careful"])
    }
}
