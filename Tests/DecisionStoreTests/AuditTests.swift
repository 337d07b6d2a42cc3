import DecisionStore
import Decisions
import Foundation
import Postgres
import PostgresTestSupport
import Synchronization
import Testing

@Suite("the audit trail: append-only, hash-chained, verified in Swift")
struct AuditTests {
    let database: TestDatabase
    let connection: Connection

    init() throws {
        database = try TestPostgres.migratedDatabase()
        connection = try database.connect()
        try DecisionRegistry.register([try RegisterTests.workedExample()], createMissing: true, on: connection)
        try TransitionTests.loadCouncil(on: connection)
        for action in ["submit", "approve", "put_on_agenda"] {
            _ = try Transitions.take(action, on: .id(1), expectedVersion: nil, comment: "\(action) ok", requestID: UUID(), organization: nil, connect: { connection })
        }
    }

    /// Verifies the whole chain; the break, if any.
    private func verify(digest: String? = nil) throws -> (verifier: ChainVerifier, problem: ChainVerifier.Break?) {
        try verifyChain(on: connection, digest: digest)
    }

    /// Runs `sql` as the superuser with the append-only triggers off, as an attacker with full access would.
    private func tamper(_ sql: String) throws {
        try connection.execute("ALTER TABLE pykala.event DISABLE TRIGGER USER")
        defer { _ = try? connection.execute("ALTER TABLE pykala.event ENABLE TRIGGER USER") }
        try connection.execute(sql)
    }

    @Test("every change is an event with who, what and the diff; the chain verifies")
    func events() throws {
        var kinds: [String] = []
        var last: AuditEvent?
        _ = try AuditLog.forEachEvent(on: connection) { stored in
            let event = try stored.event()
            kinds.append(event.kind)
            last = event
        }
        // --create-missing made the organization, body, project, people and case: each an event of its own, the
        // directory's first, then the case opened just before the decision registered in it.
        #expect(kinds == [
            "organization_added", "body_added", "project_added", "person_added", "person_added", "case_opened", "registered",
            "workflow_loaded", "submit", "approve", "put_on_agenda",
        ])
        let event = try #require(last)
        #expect(event.actor == LocalCluster.superuser)
        #expect(event.decisionId == 1)
        #expect(event.from == "approved")
        #expect(event.to == "on_agenda")
        #expect(event.comment == "put_on_agenda ok")
        #expect(event.changes["state"] == AuditEvent.Change(before: .string("approved"), after: .string("on_agenda")))
        let (verifier, problem) = try verify()
        #expect(problem == nil)
        #expect(verifier.count == 11)
        #expect(verifier.head == (try AuditLog.digest(on: connection).head))
    }

    @Test("an edit records the fields that changed, before and after")
    func editDiff() throws {
        try connection.execute("UPDATE pykala.decision SET state = 'draft'")
        var document = try RegisterTests.workedExample()
        document.title = "Uusi otsikko"
        _ = try DecisionRegistry.editDraft(.id(1), with: document, expectedVersion: nil, createMissing: false, organization: nil, on: connection)
        var edited: AuditEvent?
        _ = try AuditLog.forEachEvent(on: connection) { stored in edited = try stored.event() }
        #expect(edited?.kind == "edited")
        #expect(edited.map { Array($0.changes.keys) } == ["title"])
        #expect(edited?.changes["title"]?.before == .string("Turvallisuus -hankeyhteistyöhön osallistuminen"))
    }

    @Test("not even the superuser may UPDATE, DELETE or TRUNCATE events while the triggers stand",
          arguments: ["UPDATE pykala.event SET at = now()", "UPDATE pykala.event SET payload = payload", "DELETE FROM pykala.event",
                      "TRUNCATE pykala.event", "TRUNCATE pykala.event_head", "DELETE FROM pykala.event_head"])
    func appendOnly(_ sql: String) throws {
        let error = #expect(throws: PostgresError.self) { try connection.execute(sql) }
        #expect(error?.sqlState?.code == "PK403", "\(error.map { "\($0)" } ?? "")")
        #expect(try verify().problem == nil)
    }

    @Test("an edited event is named exactly")
    func edited() throws {
        let approval = try connection.execute("SELECT seq FROM pykala.event WHERE payload LIKE '%approve ok%'")[0].get("seq", as: Int64.self)
        try tamper("UPDATE pykala.event SET payload = replace(payload, 'approve ok', 'reject ok') WHERE seq = \(approval)")
        let problem = try #require(try verify().problem)
        #expect(problem.seq == approval)
        #expect(problem.reason.hasPrefix("its content was changed"))
    }

    @Test("a deleted event is found")
    func deleted() throws {
        try tamper("DELETE FROM pykala.event WHERE seq = 3")
        let problem = try #require(try verify().problem)
        #expect(problem.description == "event 4: events 3–3 are missing: after 2 comes 4")
    }

    @Test("a reordered pair is found")
    func reordered() throws {
        try tamper("UPDATE pykala.event SET seq = seq + 1000000 WHERE seq IN (3, 4)")
        try tamper("UPDATE pykala.event SET seq = CASE seq WHEN 1000003 THEN 4 ELSE 3 END WHERE seq > 1000000")
        let problem = try #require(try verify().problem)
        #expect(problem.seq == 3)
    }

    @Test("a changed decision column is found even though the payload is intact")
    func column() throws {
        let last = try AuditLog.digest(on: connection).count
        try tamper("UPDATE pykala.event SET decision_id = NULL WHERE seq = \(last)")
        #expect(try verify().problem?.seq == last)
    }

    @Test("8 writers appending 500 events each make one unbroken chain of 4 000")
    func concurrentWriters() throws {
        try connection.execute("SELECT 1")
        let before = try AuditLog.digest(on: connection).count
        let failures = Mutex([String]())
        let conninfo = database.conninfo
        together(8) { writer, start in
            guard let connection = try? Connection.connect(conninfo) else { return }
            start()
            for index in 0..<500 {
                do {
                    _ = try connection.execute(
                        "SELECT pykala.append_event(NULL, 'test', NULL, NULL, NULL, $1, NULL)", ["writer \(writer) event \(index)"])
                } catch {
                    failures.withLock { $0.append("\(error)") }
                }
            }
        }
        #expect(failures.withLock { $0 }.isEmpty)
        let (verifier, problem) = try verify()
        #expect(problem == nil)
        #expect(verifier.count == before + 4_000)
        #expect(try pendingCount() == 0)
    }

    private func pendingCount() throws -> Int {
        try connection.execute("SELECT count(*) AS n FROM pykala.event_pending")[0].get("n", as: Int.self)
    }

    private func kinds(after seq: Int64) throws -> [String] {
        try connection.execute("SELECT payload::jsonb->>'kind' AS kind FROM pykala.event WHERE seq > $1 ORDER BY seq", [seq])
            .map { try $0.get("kind") }
    }

    /// Appends one event in its own transaction, as a change does: its pending id.
    private func append(_ comment: String) throws -> Int64 {
        try connection.execute("SELECT pykala.append_event(NULL, 'test', NULL, NULL, NULL, $1, NULL) AS id", [comment])[0]
            .get("id", as: Int64.self)
    }

    private func comments(after seq: Int64) throws -> [String] {
        try connection.execute("SELECT payload::jsonb->>'comment' AS comment FROM pykala.event WHERE seq > $1 ORDER BY seq", [seq])
            .map { try $0.get("comment") }
    }

    @Test("events enter the chain in groups: the commit of every eighth append chains all committed before it, in order; the rest wait for it or a reader")
    func eventsEnterInGroups() throws {
        let before = try AuditLog.digest(on: connection).count
        #expect(try pendingCount() == 0)
        var appended: [String] = []
        var waiting = 0
        var groups = 0
        for index in 0..<20 {
            appended.append("event \(index)")
            if try append(appended.last!) % 8 == 0 {
                groups += 1
                waiting = 0
                #expect(try comments(after: before) == appended)
            } else {
                waiting += 1
            }
            #expect(try pendingCount() == waiting, "after \(appended.last!)")
        }
        #expect(groups >= 2)
        #expect(waiting > 0)
        // A reader chains what waits, after the rest, in order.
        let (verifier, problem) = try verify()
        #expect(problem == nil)
        #expect(verifier.count == before + 20)
        #expect(try comments(after: before) == appended)
        #expect(try pendingCount() == 0)
    }

    @Test("a group committed while another transaction holds the chain's head is left to the next group, in order")
    func eventsWaitForTheHead() throws {
        let before = try AuditLog.digest(on: connection).count
        #expect(try pendingCount() == 0)
        // Another session holds the head, as a group's sealer does from its commit until its WAL flush.
        let holder = try database.connect()
        try holder.execute("BEGIN")
        try holder.execute("SELECT 1 FROM pykala.event_head WHERE id = 1 FOR UPDATE")
        // A whole group, its last append included, commits at once without waiting: stored, not yet chained.
        var appended: [String] = []
        repeat { appended.append("while held \(appended.count)") } while try append(appended.last!) % 8 != 0
        #expect(try pendingCount() == appended.count)
        #expect(try kinds(after: before) == [])
        try holder.execute("COMMIT")
        // The next group's last append chains the waiting events first, then its own group's.
        repeat { appended.append("after \(appended.count)") } while try append(appended.last!) % 8 != 0
        #expect(try pendingCount() == 0)
        #expect(try comments(after: before) == appended)
        let (verifier, problem) = try verify()
        #expect(problem == nil)
        #expect(verifier.count == before + Int64(appended.count))
    }

    @Test("a step's payload is the text jsonb prints for it, whatever its strings hold, and each field reads back as written")
    func payloadsAreJSONBText() throws {
        let odd = "quote \" backslash \\ tab \t bell \u{7} Å 😀 </script>"
        try connection.execute(
            "SELECT pykala.append_event(1, 'edited', 1, $1, $2, $3, jsonb_build_object('title', jsonb_build_object('before', $1::text, 'after', $2::text)), $4)",
            [odd, "to \(odd)", "comment \(odd)", "deputy \(odd)"])
        _ = try Transitions.take("return_for_preparation", on: .id(1), expectedVersion: nil, comment: "palautettu \"yksimielisesti\"", requestID: UUID(), organization: nil, connect: { connection })
        let (_, problem) = try verify()
        #expect(problem == nil)
        #expect(try connection.execute("SELECT count(*) AS n FROM pykala.event WHERE payload <> payload::jsonb::text")[0].get("n", as: Int.self) == 0)
        let row = try connection.execute(
            """
            SELECT payload::jsonb->>'from' AS "from", payload::jsonb->>'to' AS "to", payload::jsonb->>'comment' AS comment,
                   payload::jsonb->>'on_behalf_of' AS deputy, payload::jsonb->'changes'->'title'->>'before' AS before
              FROM pykala.event WHERE payload::jsonb->>'kind' = 'edited' ORDER BY seq DESC LIMIT 1
            """)[0]
        #expect(try row.get("from", as: String.self) == odd)
        #expect(try row.get("to", as: String.self) == "to \(odd)")
        #expect(try row.get("comment", as: String.self) == "comment \(odd)")
        #expect(try row.get("deputy", as: String.self) == "deputy \(odd)")
        #expect(try row.get("before", as: String.self) == odd)
        #expect(try connection.execute("SELECT payload::jsonb->>'comment' AS comment FROM pykala.event ORDER BY seq DESC LIMIT 1")[0]
            .get("comment", as: String.self) == "palautettu \"yksimielisesti\"")
    }

    @Test("a read-only session (a standby, say) still verifies and digests the chain as it stands")
    func readOnlyReaders() throws {
        let expected = try AuditLog.digest(on: connection)
        let reader = try database.connect()
        try reader.execute("SET default_transaction_read_only = on")
        #expect(try AuditLog.digest(on: reader) == expected)
        var count = 0
        _ = try AuditLog.forEachEvent(on: reader) { _ in count += 1 }
        #expect(Int64(count) == expected.count)
        #expect(try AuditLog.waitingCount(on: reader) == 0)
        // An event left waiting cannot be chained there: it is counted as waiting, not verified.
        try leaveOneEventWaiting()
        #expect(try AuditLog.digest(on: reader) == expected)
        #expect(try AuditLog.waitingCount(on: reader) == 1)
        #expect(try AuditLog.digest(on: connection).count == expected.count + 1)
        #expect(try AuditLog.waitingCount(on: reader) == 0)
    }

    /// A step committed while another session holds the head: its event waits in event_pending.
    private func leaveOneEventWaiting() throws {
        try connection.execute("SELECT pykala.seal_events()")
        let holder = try database.connect()
        try holder.execute("BEGIN")
        try holder.execute("SELECT 1 FROM pykala.event_head WHERE id = 1 FOR UPDATE")
        let state = try DecisionQueries.card(.id(1), on: connection).state
        _ = try Transitions.take(state == "draft" ? "submit" : "return_for_preparation", on: .id(1), expectedVersion: nil,
                                 comment: "while held", requestID: UUID(), organization: nil, connect: { connection })
        try holder.execute("COMMIT")
        #expect(try pendingCount() == 1)
    }

    @Test("not even the superuser may change or empty the events waiting for the chain; they enter it unchanged")
    func pendingIsAppendOnly() throws {
        try leaveOneEventWaiting()
        for sql in ["UPDATE pykala.event_pending SET comment = 'changed'", "TRUNCATE pykala.event_pending"] {
            let error = #expect(throws: PostgresError.self) { try connection.execute(sql) }
            #expect(error?.sqlState?.code == "PK403", "\(sql)")
        }
        let (verifier, problem) = try verify()
        #expect(problem == nil)
        #expect(try kinds(after: verifier.count - 1) == ["return_for_preparation"])
        #expect(try connection.execute("SELECT payload::jsonb->>'comment' AS comment FROM pykala.event ORDER BY seq DESC LIMIT 1")[0]
            .get("comment", as: String.self) == "while held")
    }

    @Test("a session's own settings cannot choose the head the chain continues from, not even an auditor's")
    func forgedHeadSetting() throws {
        try leaveOneEventWaiting()
        let login = try TestPostgres.loginRole("audit_forger_\(UUID().uuidString.prefix(8).lowercased())", in: "pykala_auditor")
        let auditor = try database.connect(as: login)
        try auditor.execute("BEGIN")
        try auditor.execute("SELECT set_config('pykala.event_head', txid_current() || ':999999:' || repeat('a', 64), true)")
        #expect(try auditor.execute("SELECT pykala.seal_events() AS n")[0].get("n", as: Int.self) == 1)
        try auditor.execute("COMMIT")
        let (verifier, problem) = try verify()
        #expect(problem == nil)
        #expect(verifier.count < 999_999)
        #expect(try pendingCount() == 0)
    }

    @Test("reading the chain waits for the head and chains what was left waiting, so every finished change is verified")
    func readersSealFirst() throws {
        let before = try AuditLog.digest(on: connection).count
        let holder = try database.connect()
        try holder.execute("BEGIN")
        try holder.execute("SELECT 1 FROM pykala.event_head WHERE id = 1 FOR UPDATE")
        _ = try Transitions.take("return_for_preparation", on: .id(1), expectedVersion: nil, comment: "while held", requestID: UUID(), organization: nil, connect: { connection })
        try holder.execute("COMMIT")
        #expect(try pendingCount() == 1)
        #expect(try AuditLog.digest(on: connection).count == before + 1)
        #expect(try pendingCount() == 0)
    }

    @Test("a rewrite of the whole chain passes alone but fails against a digest published before it; a digest stays valid as the chain grows")
    func rewrite() throws {
        let published = try AuditLog.digest(on: connection)
        _ = try Transitions.take("decide", on: .id(1), expectedVersion: nil, comment: nil, requestID: UUID(), organization: nil, connect: { connection })
        #expect(try verify(digest: published.head).verifier.digestFound)
        // The attacker changes who approved and recomputes every hash after it.
        try tamper(
            """
            DO $$
            DECLARE
                e record;
                previous text := repeat('0', 64);
                new_payload text;
                new_hash text;
            BEGIN
                -- Out of the way of the unique constraints while the chain is rebuilt.
                UPDATE pykala.event SET prev_hash = encode(sha256(convert_to('p' || seq, 'UTF8')), 'hex'),
                                        hash = encode(sha256(convert_to('h' || seq, 'UTF8')), 'hex');
                FOR e IN SELECT * FROM pykala.event ORDER BY seq LOOP
                    new_payload := replace(e.payload, '"approve ok"', '"approved by someone else"');
                    new_hash := encode(sha256(convert_to(previous || E'\\n' || new_payload, 'UTF8')), 'hex');
                    UPDATE pykala.event SET payload = new_payload, prev_hash = previous, hash = new_hash WHERE seq = e.seq;
                    previous := new_hash;
                END LOOP;
                UPDATE pykala.event_head SET last_hash = previous;
            END
            $$
            """)
        let alone = try verify()
        #expect(alone.problem == nil)
        let withDigest = try verify(digest: published.head)
        #expect(withDigest.problem == nil)
        #expect(!withDigest.verifier.digestFound)
    }
}
