import DecisionStore
import Foundation
import Postgres
import PostgresTestSupport
import Testing

/// Registration staged by COPY (migration 0031): the staging tables are the definer's, a
/// caller may only insert into them, and what is staged must hang together before anything
/// is stored.
@Suite("registration staged by COPY")
struct StagedRegistrationTests {
    let database: TestDatabase
    let connection: Connection

    init() throws {
        database = try TestPostgres.migratedDatabase()
        connection = try database.connect()
        try connection.execute("SELECT pykala.add_organization('Testilän kunta', NULL, NULL)")
        try connection.execute("SELECT pykala.add_body('Testilän kunta', 'Kunnanhallitus', 'board', NULL)")
    }

    private func count(_ table: String, on connection: Connection) throws -> Int {
        try connection.execute("SELECT count(*) AS n FROM pykala.\(SQLIdentifier.quoted(table))")[0].get("n", as: Int.self)
    }

    private static let documentCopy = "COPY pg_temp.staged_document (n, organization, body, title, total_cents) FROM STDIN"

    /// Stages `documents` rows (n, title, total cents) and `shares` rows (n, position, year, cents).
    private func stage(_ documents: [[String?]], shares: [[String?]] = [], on connection: Connection) throws {
        try connection.execute("SELECT pykala.open_registration()")
        try connection.copyIn(Self.documentCopy) { writer in
            for row in documents { try writer.writeRow([row[0], "Testilän kunta", "Kunnanhallitus", row[1], row[2]]) }
        }
        if !shares.isEmpty {
            try connection.copyIn("COPY pg_temp.staged_cost_share (n, position, year, amount_cents) FROM STDIN") { writer in
                for row in shares { try writer.writeRow(row) }
            }
        }
    }

    /// Runs `body` in a transaction that is rolled back, and returns the error it threw.
    private func refusal(on connection: Connection, _ body: () throws -> Void) throws -> PostgresError? {
        try connection.execute("BEGIN")
        defer { _ = try? connection.execute("ROLLBACK") }
        do {
            try body()
        } catch let error as PostgresError {
            return error
        }
        return nil
    }

    @Test("a secretary stages with COPY and registers; a manager may not open the staging tables")
    func secretaryStagesManagerMayNot() throws {
        let secretary = try database.connect(as: try TestPostgres.loginRole("staging_secretary", in: "pykala_secretary"))
        try secretary.execute("BEGIN")
        try stage([["1", "Ensimmäinen", "30000"], ["2", "Toinen", nil]],
                  shares: [["1", "0", "2021", "10000"], ["1", "1", "2022", "20000"]], on: secretary)
        let answer = try secretary.execute("SELECT pykala.register_staged_decisions(false)::text AS result")[0]
            .get("result", as: String.self)
        try secretary.execute("COMMIT")
        #expect(answer.contains("\"Ensimmäinen\"") && answer.contains("\"Toinen\""), "\(answer)")
        #expect(try count("decision", on: connection) == 2)
        #expect(try count("cost_share", on: connection) == 2)
        // Staging tables are dropped at commit: nothing staged is left for a next call.
        #expect(try connection.execute("SELECT count(*) AS n FROM pykala.event WHERE payload::jsonb->>'kind' = 'registered'")[0]
            .get("n", as: Int.self) == 2)

        let manager = try database.connect(as: try TestPostgres.loginRole("staging_manager", in: "pykala_manager"))
        let refused = try refusal(on: manager) { try manager.execute("SELECT pykala.open_registration()") }
        #expect(refused?.sqlState == .insufficientPrivilege, "\(String(describing: refused))")
        let registering = try refusal(on: manager) { try manager.execute("SELECT pykala.register_staged_decisions(true)") }
        #expect(registering?.sqlState == .insufficientPrivilege, "\(String(describing: registering))")
    }

    @Test("a staging table the caller made (table or view) is refused, not read with the definer's rights")
    func callersOwnTableRefused() throws {
        let secretary = try database.connect(as: try TestPostgres.loginRole("staging_intruder", in: "pykala_secretary"))
        for object in ["TABLE pg_temp.staged_document (n integer)", "VIEW pg_temp.staged_contact AS SELECT 1 AS n"] {
            let refused = try refusal(on: secretary) {
                try secretary.execute("CREATE TEMP \(object)")
                try secretary.execute("SELECT pykala.open_registration()")
            }
            #expect(refused?.sqlState?.code == "PK409", "\(object): \(String(describing: refused))")
            #expect(refused?.message.contains("was not made by pykala.open_registration()") == true)
            let registering = try refusal(on: secretary) {
                try secretary.execute("CREATE TEMP \(object)")
                try secretary.execute("SELECT pykala.register_staged_decisions(false)")
            }
            #expect(registering?.sqlState?.code == "PK409", "\(object): \(String(describing: registering))")
        }
        // Without open_registration there is nothing to register.
        let nothing = try refusal(on: secretary) { try secretary.execute("SELECT pykala.register_staged_decisions(false)") }
        #expect(nothing?.message == "nothing is staged")
        #expect(nothing?.hint?.contains("pykala.open_registration()") == true)
        // A caller may insert into the staging tables, but neither read nor change them.
        let reading = try refusal(on: secretary) {
            try secretary.execute("SELECT pykala.open_registration()")
            try secretary.execute("SELECT count(*) FROM pg_temp.staged_document")
        }
        #expect(reading?.sqlState == .insufficientPrivilege, "\(String(describing: reading))")
        let truncating = try refusal(on: secretary) {
            try secretary.execute("SELECT pykala.open_registration()")
            try secretary.execute("TRUNCATE pg_temp.staged_document")
        }
        #expect(truncating?.sqlState == .insufficientPrivilege, "\(String(describing: truncating))")
    }

    @Test("staged rows that do not hang together are refused, naming the document, and nothing is stored")
    func stagedRowsMustHangTogether() throws {
        let events = try count("event", on: connection)
        let twice = try refusal(on: connection) {
            try stage([["1", "Yksi", nil], ["2", "Kaksi", nil], ["2", "Kaksi taas", nil]], on: connection)
            try connection.execute("SELECT pykala.register_staged_decisions(false)")
        }
        #expect(twice?.message == "document 2 is staged more than once", "\(String(describing: twice))")
        let unnumbered = try refusal(on: connection) {
            try stage([["1", "Yksi", nil], [nil, "Ilman numeroa", nil]], on: connection)
            try connection.execute("SELECT pykala.register_staged_decisions(false)")
        }
        #expect(unnumbered?.message == "document without a number is staged more than once", "\(String(describing: unnumbered))")
        let orphan = try refusal(on: connection) {
            try stage([["1", "Yksi", "10000"]], shares: [["1", "0", "2021", "10000"], ["7", "0", "2021", "500"]], on: connection)
            try connection.execute("SELECT pykala.register_staged_decisions(false)")
        }
        #expect(orphan?.message == "a cost share, deadline or contact is staged for document 7, which is not staged",
                "\(String(describing: orphan))")
        #expect(orphan?.sqlState?.code == "PK422")
        #expect(try count("decision", on: connection) == 0)
        #expect(try count("event", on: connection) == events)
    }

    @Test("each call registers what was staged since the last: a second call in the transaction starts empty")
    func stagingEmptiedAfterEachCall() throws {
        try connection.execute("BEGIN")
        try stage([["1", "Ensimmäinen", nil]], on: connection)
        try connection.execute("SELECT pykala.register_staged_decisions(false)")
        try connection.copyIn(Self.documentCopy) { try $0.writeRow(["1", "Testilän kunta", "Kunnanhallitus", "Toinen", nil]) }
        let second = try connection.execute(
            "SELECT json_array_length(r->'decisions') AS n FROM pykala.register_staged_decisions(false) AS r")[0]
        let empty = try connection.execute(
            "SELECT json_array_length(r->'decisions') AS n FROM pykala.register_staged_decisions(false) AS r")[0]
        try connection.execute("COMMIT")
        #expect(try second.get("n", as: Int.self) == 1)
        #expect(try empty.get("n", as: Int.self) == 0)
        let titles = try connection.execute("SELECT title FROM pykala.decision ORDER BY id").map { try $0.get("title", as: String.self) }
        #expect(titles == ["Ensimmäinen", "Toinen"])
    }
}
