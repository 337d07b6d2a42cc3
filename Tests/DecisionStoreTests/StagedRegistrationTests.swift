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
        #expect(try connection.execute("SELECT count(*) AS n FROM pykala.event WHERE payload::jsonb->>'kind' = 'registered'")[0]
            .get("n", as: Int.self) == 2)
        // The staging tables are dropped at commit: nothing staged is left for a next call.
        #expect(try secretary.execute("SELECT to_regclass('pg_temp.staged_document') IS NULL AS gone")[0].get("gone", as: Bool.self))

        let manager = try database.connect(as: try TestPostgres.loginRole("staging_manager", in: "pykala_manager"))
        let refused = try refusal(on: manager) { try manager.execute("SELECT pykala.open_registration()") }
        #expect(refused?.sqlState == .insufficientPrivilege, "\(String(describing: refused))")
        let registering = try refusal(on: manager) { try manager.execute("SELECT pykala.register_staged_decisions(true)") }
        #expect(registering?.sqlState == .insufficientPrivilege, "\(String(describing: registering))")
    }

    @Test("a staging or working table the caller made (table or view) is refused, not read with the definer's rights")
    func callersOwnTableRefused() throws {
        let secretary = try database.connect(as: try TestPostgres.loginRole("staging_intruder", in: "pykala_secretary"))
        for object in [
            "TABLE pg_temp.staged_document (n integer)", "VIEW pg_temp.staged_contact AS SELECT 1 AS n",
            // The working tables register_staged_decisions fills (0033).
            "TABLE pg_temp.registering_case (n integer)", "VIEW pg_temp.registering AS SELECT 1 AS n",
        ] {
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
        #expect(twice?.message == "document 2 is staged 2 times", "\(String(describing: twice))")
        let unnumbered = try refusal(on: connection) {
            try stage([["1", "Yksi", nil], [nil, "Ilman numeroa", nil]], on: connection)
            try connection.execute("SELECT pykala.register_staged_decisions(false)")
        }
        #expect(unnumbered?.message == "a document is staged without a number", "\(String(describing: unnumbered))")
        for (positions, message) in [(["0", "0"], "document 1 has two deadlines at position 0"),
                                     (["0", nil], "document 1 has a deadline without a position")] {
            let refused = try refusal(on: connection) {
                try stage([["1", "Yksi", nil]], on: connection)
                try connection.copyIn("COPY pg_temp.staged_deadline (n, position, kind, due_date) FROM STDIN") { writer in
                    for position in positions { try writer.writeRow(["1", position, "reply_by", "2021-04-01"]) }
                }
                try connection.execute("SELECT pykala.register_staged_decisions(false)")
            }
            #expect(refused?.message == message, "\(String(describing: refused))")
        }
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

    /// Registered and case_opened events that differ from what their stored rows read back as.
    private static let mismatchedEvents = """
        SELECT e.seq FROM pykala.event e
         WHERE (e.payload::jsonb->>'kind' = 'registered'
                AND (e.payload::jsonb->'changes') - 'created' <> pykala.jsonb_changes(NULL, pykala.decision_snapshot(e.decision_id)))
            OR (e.payload::jsonb->>'kind' = 'case_opened'
                AND e.payload::jsonb->'changes'
                    <> pykala.jsonb_changes(NULL, pykala.case_json((e.payload::jsonb->'changes'->'id'->>'after')::bigint)))
        """

    @Test("same-day deadlines copied out of their order keep their positions' order, in the stored ids and in the event")
    func deadlinesByPosition() throws {
        try connection.execute("BEGIN")
        try stage([["1", "Määräajat", nil]], on: connection)
        try connection.copyIn("COPY pg_temp.staged_deadline (n, position, kind, due_date, text) FROM STDIN") { writer in
            for (position, text) in [("2", "kolmas"), ("0", "ensimmäinen"), ("3", "aiempi päivä"), ("1", "toinen")] {
                try writer.writeRow(["1", position, "other", text == "aiempi päivä" ? "2021-03-01" : "2021-04-01", text])
            }
        }
        try connection.execute("SELECT pykala.register_staged_decisions(false)")
        try connection.execute("COMMIT")
        let stored = try connection.execute("SELECT text FROM pykala.deadline ORDER BY id").map { try $0.get("text", as: String.self) }
        #expect(stored == ["ensimmäinen", "toinen", "kolmas", "aiempi päivä"])
        let inEvent = try connection.execute(
            """
            SELECT d->>'text' AS text FROM pykala.event e,
                   jsonb_array_elements(e.payload::jsonb->'changes'->'deadlines'->'after') AS d
             WHERE e.payload::jsonb->>'kind' = 'registered'
            """).map { try $0.get("text", as: String.self) }
        #expect(inEvent == ["aiempi päivä", "ensimmäinen", "toinen", "kolmas"])
        #expect(try connection.execute(Self.mismatchedEvents).isEmpty)
    }

    @Test("register_decisions(jsonb) stages its array as COPY does: the same rows, and events that match them")
    func jsonPathMatchesStoredRows() throws {
        let document = """
            [{"organization": "Testilän kunta", "body": "Kunnanhallitus", "title": "JSON-tie",
              "case": {"diary_number": "12/00.01/2021", "running": 12, "classification": "00.01", "year": 2021},
              "meeting_date": "2021-03-01", "section": 7, "total_cents": 30000,
              "vote": {"yes": 5, "no": 2, "blank": 0, "absent": 1},
              "disqualified": [{"name": "Matti Meikäläinen", "ground": "asianosainen"}],
              "earlier_handlings": [{"body": "Lautakunta", "section": 3, "date": "2021-02-01"}],
              "cost_shares": [{"year": 2021, "amount_cents": 10000, "source": "käyttötalous"}, {"year": 2022, "amount_cents": 20000}],
              "deadlines": [{"kind": "reply_by", "date": "2021-04-01", "text": "B", "done": true},
                            {"kind": "other", "date": "2021-04-01", "text": "A", "done": false}],
              "contacts": [{"role": "contact_person", "name": "Ella Esimerkki", "title": "sihteeri", "private": false},
                           {"role": "further_information", "name": "Ella Esimerkki", "title": "sihteeri", "private": false},
                           {"role": "preparer", "name": "Pekka Puhelin", "phone": "040 1", "private": true}],
              "secrecy_basis": "JulkL 24 § 1 mom. 25 k"}]
            """
        try connection.execute("SELECT pykala.register_decisions($1::jsonb, true)", [document])
        #expect(try connection.execute(Self.mismatchedEvents).isEmpty)
        #expect(try count("cost_share", on: connection) == 2)
        #expect(try connection.execute("SELECT text FROM pykala.deadline ORDER BY id").map { try $0.get("text", as: String.self) } == ["B", "A"])
        // One person for the two contacts with the same fields; the third is another.
        #expect(try connection.execute("SELECT count(DISTINCT person_id) AS n FROM pykala.contact")[0].get("n", as: Int.self) == 2)
        #expect(try connection.execute("SELECT publicity, secrecy_basis FROM pykala.decision")[0].get("publicity", as: String.self) == "secret")
    }
}
