import Postgres
import PostgresTestSupport
import Testing

@Suite("transactions")
struct TransactionTests {
    struct Refusal: Error {}

    let connection: Connection

    init() throws {
        connection = try TestPostgres.emptyDatabase().connect()
        try connection.execute("CREATE TABLE item (name text NOT NULL)")
    }

    private func count() throws -> Int {
        try connection.execute("SELECT count(*) AS n FROM item")[0].get("n", as: Int.self)
    }

    @Test("commits when the body returns")
    func commits() throws {
        let value = try connection.withTransaction { tx in
            try tx.execute("INSERT INTO item VALUES ($1)", ["a"])
            return 7
        }
        #expect(value == 7)
        #expect(try count() == 1)
    }

    @Test("rolls back when the body throws any error")
    func rollsBackOnThrow() throws {
        #expect(throws: Refusal.self) {
            try connection.withTransaction { tx in
                try tx.execute("INSERT INTO item VALUES ($1)", ["a"])
                throw Refusal()
            }
        }
        #expect(try count() == 0)
    }

    @Test("rolls back when a statement fails, and the connection stays usable")
    func rollsBackOnServerError() throws {
        #expect(throws: PostgresError.self) {
            try connection.withTransaction { tx in
                try tx.execute("INSERT INTO item VALUES ($1)", ["a"])
                try tx.execute("INSERT INTO item VALUES (NULL)")
            }
        }
        #expect(try count() == 0)
        try connection.withTransaction { tx in try tx.execute("INSERT INTO item VALUES ($1)", ["b"]) }
        #expect(try count() == 1)
    }

    @Test("a sent statement runs while the caller works, and its result is read later, checked as execute checks it")
    func sentStatement() throws {
        try connection.withTransaction { tx in
            let sent = try tx.send("INSERT INTO item SELECT $1 || n FROM generate_series(1, 3) AS n RETURNING name", ["x"])
            let result = try tx.result(of: sent)
            #expect(try result.map { try $0.get("name", as: String.self) } == ["x1", "x2", "x3"])
            let failing = try tx.send("INSERT INTO item VALUES (NULL)")
            let error = try #require(throws: PostgresError.self) { try tx.result(of: failing) }
            #expect(error.sqlState == .notNullViolation)
        }
        #expect(try count() == 0)
    }

    @Test("a statement sent and left unread when the body throws is rolled back, and the connection stays usable")
    func unreadSentStatement() throws {
        #expect(throws: Refusal.self) {
            try connection.withTransaction { tx in
                _ = try tx.send("INSERT INTO item SELECT 'a' FROM pg_sleep(0.05)")
                throw Refusal()
            }
        }
        #expect(try count() == 0)
        try connection.withTransaction { tx in try tx.execute("INSERT INTO item VALUES ($1)", ["b"]) }
        #expect(try count() == 1)
    }

    @Test("transactions do not nest")
    func noNesting() throws {
        let error = try #require(throws: PostgresError.self) {
            try connection.withTransaction { tx in
                try tx.withTransaction { _ in }
            }
        }
        #expect(error.kind == .misuse)
    }

    @Test("isolation level is applied")
    func isolation() throws {
        let level = try connection.withTransaction(.serializable) { tx in
            try tx.execute("SHOW transaction_isolation")[0].get(0, as: String.self)
        }
        #expect(level == "serializable")
    }

    @Test("a repeatable statement runs unprepared once, then prepared once and reused, with the same results")
    func repeatable() throws {
        func prepared() throws -> Int {
            try connection.execute("SELECT count(*) AS n FROM pg_prepared_statements")[0].get("n", as: Int.self)
        }
        let sql = "INSERT INTO item VALUES ($1) RETURNING name"
        #expect(try connection.executeRepeatable(sql, ["a"])[0].get("name", as: String.self) == "a")
        #expect(try prepared() == 0)
        #expect(try connection.executeRepeatable(sql, ["b"])[0].get("name", as: String.self) == "b")
        #expect(try prepared() == 1)
        #expect(try connection.executeRepeatable(sql, ["c"])[0].get("name", as: String.self) == "c")
        #expect(try prepared() == 1)
        #expect(try count() == 3)
    }
}
