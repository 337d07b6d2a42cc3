import DecisionStore
@testable import Decisions
import Foundation
import Postgres
import PostgresTestSupport
import Synchronization
import Testing

/// Registration is set-based (migration 0013): these check that it stores and records what
/// one write per document did, for batches where documents share or clash.
@Suite("registering many decisions at once")
struct BulkRegisterTests {
    let database: TestDatabase
    let connection: Connection

    init() throws {
        database = try TestPostgres.migratedDatabase()
        connection = try database.connect()
    }

    private static func date(_ text: String) throws -> CalendarDate { try CalendarDate(parsing: text) }

    /// A decision of Kunnanhallitus with a new case `running/00.01/2021`, a new contact and § `section`.
    private static func document(_ running: Int, section: Int?, contact: String = "Ella Esimerkki") throws -> DecisionDocument {
        var document = DecisionDocument(body: "Kunnanhallitus", title: "Päätös \(running)")
        document.organization = "Testilän kunta"
        var info = DecisionDocument.CaseInfo()
        info.diaryNumber = DiaryNumber.structured(running: running, classification: "00.01", year: 2021)
        document.caseInfo = info
        document.meeting = DecisionDocument.MeetingReference(date: try date("1.3.2021"), section: section)
        document.total = Money(cents: 30_000)
        document.costShares = [
            DecisionDocument.CostShare(year: 2021, amount: Money(cents: 10_000), source: "käyttötalous"),
            DecisionDocument.CostShare(year: 2022, amount: Money(cents: 20_000)),
        ]
        var contact = DecisionDocument.Contact(role: .contactPerson, name: contact)
        contact.title = "sihteeri"
        contact.phone = "040 123 4567"
        document.contacts = [contact]
        return document
    }

    private func count(_ table: String) throws -> Int {
        try connection.execute("SELECT count(*) AS n FROM pykala.\(SQLIdentifier.quoted(table))")[0].get("n", as: Int.self)
    }

    /// Where the chain breaks, checked as `pykala audit verify` checks it, or how the head row
    /// differs from the chain's last event; nil when both hold.
    private func chainProblem() throws -> String? {
        let (verifier, problem) = try verifyChain(on: connection)
        if let problem { return problem.description }
        let head = try connection.execute("SELECT last_seq, last_hash FROM pykala.event_head")[0]
        let (seq, hash) = (try head.get("last_seq", as: Int64.self), try head.get("last_hash", as: String.self))
        guard seq == verifier.count, hash == verifier.head else {
            return "the head names event \(seq) (\(hash.prefix(12))…), the chain ends at \(verifier.count) (\(verifier.head.prefix(12))…)"
        }
        return nil
    }

    private func kinds() throws -> [String] {
        try connection.execute("SELECT payload::jsonb->>'kind' AS kind FROM pykala.event ORDER BY seq").map { try $0.get("kind") }
    }

    @Test("each registered and case_opened event holds exactly what the stored rows read back as")
    func eventsMatchSnapshots() throws {
        var rich = try RegisterTests.workedExample()
        rich.vote = DecisionDocument.VoteCount(yes: 7, no: 2, blank: 1, absent: 1)
        rich.disqualified = [DecisionDocument.Disqualification(name: "Matti Meikäläinen", ground: "asianosainen")]
        rich.earlierHandlings = [DecisionDocument.EarlierHandling(body: "Hyvinvointilautakunta", section: 5, date: try Self.date("3.2.2020"))]
        var secret = try Self.document(7, section: 2)
        secret.publicity = .secret(basis: "JulkL 24 § 1 mom. 25 k")
        secret.deadlines = [
            DecisionDocument.Deadline(kind: .replyBy, date: try Self.date("1.4.2021"), text: "Vastaus", done: true),
            DecisionDocument.Deadline(kind: .executeBy, date: try Self.date("1.2.2021")),
            // The same day as the first: the two stay in their document order.
            DecisionDocument.Deadline(kind: .notifyBy, date: try Self.date("1.4.2021"), text: "Tiedoksi"),
        ]
        var bare = DecisionDocument(body: "Kunnanhallitus", title: "Ilman asiaa")
        bare.organization = "Testilän kunta"
        bare.description = "Lainaus \"näin\" ja \\ kenoviiva,\tsarkain\nja rivinvaihto: 1 000 € / 𝄞"
        try DecisionRegistry.register([rich], createMissing: true, on: connection)
        try DecisionRegistry.register([secret, bare, try Self.document(8, section: 3)], createMissing: true, on: connection)

        let mismatches = try connection.execute(
            """
            SELECT e.seq, e.payload::jsonb->>'kind' AS kind FROM pykala.event e
             WHERE (e.payload::jsonb->>'kind' = 'registered'
                    AND (e.payload::jsonb->'changes') - 'created' <> pykala.jsonb_changes(NULL, pykala.decision_snapshot(e.decision_id)))
                OR (e.payload::jsonb->>'kind' = 'case_opened'
                    AND e.payload::jsonb->'changes'
                        <> pykala.jsonb_changes(NULL, pykala.case_json((e.payload::jsonb->'changes'->'id'->>'after')::bigint)))
            """)
        #expect(mismatches.isEmpty)
        #expect(try connection.execute("SELECT count(*) AS n FROM pykala.event WHERE payload::jsonb->>'kind' = 'registered'")[0]
            .get("n", as: Int.self) == 4)
        // Registration writes its payloads as text (0021): exactly the text jsonb gives them, as append_event's are.
        let unlike = try connection.execute("SELECT payload FROM pykala.event WHERE payload <> payload::jsonb::text")
            .map { try $0.get("payload", as: String.self) }
        #expect(unlike.isEmpty, "\(unlike)")
    }

    @Test("an event's changes leave out the fields unset before and after; a value set to null stays (0030)")
    func changesLeaveOutUnsetFields() throws {
        var bare = DecisionDocument(body: "Kunnanhallitus", title: "Ilman asiaa")
        bare.organization = "Testilän kunta"
        bare.description = "Kuvaus"
        try DecisionRegistry.register([bare], createMissing: true, on: connection)
        let keys = try connection.execute(
            """
            SELECT k.key FROM pykala.event e, jsonb_object_keys(e.payload::jsonb->'changes') AS k(key)
             WHERE e.payload::jsonb->>'kind' = 'registered' ORDER BY 1
            """
        ).map { try $0.get("key", as: String.self) }
        // "created": the organization this registration created.
        #expect(keys == [
            "body", "contacts", "cost_shares", "created", "deadlines", "description", "disqualified", "earlier_handlings",
            "publicity", "title",
        ])
        let changes = try connection.execute(
            """
            SELECT pykala.jsonb_changes('{"a": 1, "b": null, "c": null, "e": "x"}',
                                        '{"a": null, "b": null, "d": 2, "e": "x"}')::text AS changes
            """
        )[0].get("changes", as: String.self)
        #expect(changes == #"{"a": {"after": null, "before": 1}, "d": {"after": 2, "before": null}}"#)
    }

    @Test("the answer names each decision as its document does, whatever characters its title holds")
    func answerEchoesDocuments() throws {
        var quoted = try Self.document(9, section: 4)
        quoted.title = "Lainaus \"näin\", \\ kenoviiva ja <b>&amp;</b> – 𝄞 🎉"
        var bare = DecisionDocument(body: "Kunnanhallitus", title: "Ilman asiaa ja pykälää")
        bare.organization = "Testilän kunta"
        let result = try DecisionRegistry.register([quoted, bare], createMissing: true, on: connection)
        #expect(result.decisions.map(\.title) == [quoted.title, bare.title])
        #expect(result.decisions.map(\.diaryNumber) == ["9/00.01/2021", nil])
        #expect(result.decisions.map(\.section) == [4, nil])
        #expect(result.decisions.map(\.meetingDate) == ["2021-03-01", nil])
        #expect(result.decisions.map(\.body) == ["Kunnanhallitus", "Kunnanhallitus"])
        #expect(result.decisions.map(\.version) == [1, 1])
        let stored = try connection.execute("SELECT id FROM pykala.decision ORDER BY id").map { try $0.get("id", as: Int64.self) }
        #expect(result.decisions.map(\.id) == stored)
    }

    @Test("documents sharing a new body and person create each once, credited to the first that names it")
    func sharedCreations() throws {
        let result = try DecisionRegistry.register(
            [try Self.document(1, section: 1), try Self.document(2, section: 2), try Self.document(3, section: 3, contact: "Uusi Henkilö")],
            createMissing: true, on: connection)
        #expect(result.created.map { "\($0.kind) \($0.name)" } == [
            "organization Testilän kunta", "body Kunnanhallitus", "person Ella Esimerkki", "person Uusi Henkilö",
        ])
        #expect(result.decisions.map(\.section) == [1, 2, 3])
        #expect(result.decisions.map(\.diaryNumber) == ["1/00.01/2021", "2/00.01/2021", "3/00.01/2021"])
        #expect(try count("person") == 2)
        #expect(try count("contact") == 3)
        #expect(try count("cost_share") == 6)
        let credited = try connection.execute(
            """
            SELECT decision_id, jsonb_array_length(payload::jsonb->'changes'->'created'->'after') AS created
              FROM pykala.event WHERE payload::jsonb->>'kind' = 'registered' ORDER BY seq
            """).map { try $0.get("created", as: Int?.self) }
        #expect(credited == [3, nil, 1])
        #expect(try kinds() == [
            "organization_added", "body_added", "person_added", "person_added",
            "case_opened", "registered", "case_opened", "registered", "case_opened", "registered",
        ])
        let last = try connection.execute("SELECT last_running FROM pykala.diary_counter WHERE year = 2021")[0]
        #expect(try last.get("last_running", as: Int.self) == 3)
    }

    @Test("one new diary number in two documents opens one case that both join")
    func sameNewCaseTwice() throws {
        var council = try Self.document(5, section: 1)
        council.body = "Kunnanvaltuusto"
        try DecisionRegistry.register([try Self.document(5, section: 4), council], createMissing: true, on: connection)
        #expect(try count("case") == 1)
        #expect(try kinds().filter { $0 == "case_opened" }.count == 1)
        let cases = try connection.execute("SELECT count(DISTINCT case_id) AS n FROM pykala.decision WHERE case_id IS NOT NULL")
        #expect(try cases[0].get("n", as: Int.self) == 1)
    }

    @Test("a new diary number another registration opens at the same moment: the later one's document joins that case, opened once (0033)")
    func sameNewCaseAtTheSameMoment() throws {
        try DecisionRegistry.register([try Self.document(1, section: 1)], createMissing: true, on: connection)
        let conninfo = database.conninfo
        let failures = Mutex<[String]>([])
        let later = Mutex<DecisionRegistry.Result?>(nil)
        let pids = Mutex<[Int: Int]>([:])
        together(2) { index, start in
            do {
                let own = try Connection.connect(conninfo)
                let pid = try own.execute("SELECT pg_backend_pid() AS pid")[0].get("pid", as: Int.self)
                pids.withLock { $0[index] = pid }
                if index == 0 {
                    // The first opens 7/00.01/2021 and holds it, uncommitted, until the second waits for it.
                    try own.execute("BEGIN")
                    try own.execute(
                        "SELECT pykala.register_decisions($1::jsonb)",
                        [#"[{"organization": "Testilän kunta", "body": "Kunnanhallitus", "title": "Ensin", "case": {"diary_number": "7/00.01/2021", "running": 7, "classification": "00.01", "year": 2021}}]"#])
                    start()
                    // Until the second waits for this transaction (and for nothing of another test's).
                    let (first, second) = pids.withLock { ($0[0] ?? 0, $0[1] ?? 0) }
                    let monitor = try Connection.connect(conninfo)
                    var waited = false
                    for _ in 0..<600 where !waited {
                        waited = try monitor.execute(
                            "SELECT pg_blocking_pids($1) @> ARRAY[$2]::integer[] AS blocked", [second, first]
                        )[0].get("blocked", as: Bool.self)
                        if !waited { Thread.sleep(forTimeInterval: 0.1) }
                    }
                    if !waited { failures.withLock { $0.append("the second registration never waited for the first") } }
                    try own.execute("COMMIT")
                } else {
                    start()
                    let result = try DecisionRegistry.register(
                        [try Self.document(7, section: 2), try Self.document(9, section: 3)], createMissing: true, on: own)
                    later.withLock { $0 = result }
                }
            } catch {
                failures.withLock { $0.append("\(index): \(error)") }
            }
        }
        #expect(failures.withLock { $0 }.isEmpty, "\(failures.withLock { $0 })")
        #expect(later.withLock { $0 }?.decisions.map(\.diaryNumber) == ["7/00.01/2021", "9/00.01/2021"])
        let cases = try connection.execute(
            "SELECT count(DISTINCT c.id) AS cases, count(d.id) AS decisions FROM pykala.case c JOIN pykala.decision d ON d.case_id = c.id WHERE c.diary_number = '7/00.01/2021'")
        #expect(try cases[0].get("cases", as: Int.self) == 1)
        #expect(try cases[0].get("decisions", as: Int.self) == 2)
        // 1 and 7 were opened by the first two; 9, still free, by the later one, which opened 7 no second time.
        let opened = try connection.execute(
            "SELECT payload::jsonb->'changes'->'diary_number'->>'after' AS number FROM pykala.event WHERE payload::jsonb->>'kind' = 'case_opened' ORDER BY seq"
        ).map { try $0.get("number", as: String.self) }
        #expect(opened == ["1/00.01/2021", "7/00.01/2021", "9/00.01/2021"])
        #expect(try count("case") == 3)
        let last = try connection.execute("SELECT last_running FROM pykala.diary_counter WHERE year = 2021")[0]
        #expect(try last.get("last_running", as: Int.self) == 9)
        #expect(try chainProblem() == nil)
    }

    @Test("a § twice within one batch is refused, naming it, and nothing is stored")
    func sectionTwiceInBatch() throws {
        let error = try #require(throws: StoreError.self) {
            try DecisionRegistry.register(
                [try Self.document(1, section: 1), try Self.document(2, section: 9), try Self.document(3, section: 9)],
                createMissing: true, on: connection)
        }
        #expect(error.kind == .conflict)
        #expect(error.message == "Kunnanhallitus already has a § 9 in 2021")
        for table in ["organization", "body", "person", "case", "decision", "cost_share", "contact", "event", "diary_counter"] {
            #expect(try count(table) == 0, "\(table)")
        }
    }

    @Test("two new diary numbers with one running number in one batch are refused")
    func runningNumberTwiceInBatch() throws {
        var other = try Self.document(4, section: 2)
        other.caseInfo?.diaryNumber = DiaryNumber.structured(running: 4, classification: "02.05", year: 2021)
        let error = try #require(throws: StoreError.self) {
            try DecisionRegistry.register([try Self.document(4, section: 1), other], createMissing: true, on: connection)
        }
        #expect(error.kind == .conflict)
        #expect(error.message == "the running number 4 of 2021 is already taken by another case")
        #expect(try count("case") == 0)
        #expect(try count("event") == 0)
    }

    @Test("shares that do not add up are refused for the first document they fail in, nothing stored")
    func sumsCheckedInBatch() throws {
        var wrong = try Self.document(2, section: 2)
        wrong.total = Money(cents: 100)
        let error = try #require(throws: StoreError.self) {
            try DecisionRegistry.register([try Self.document(1, section: 1), wrong], createMissing: true, on: connection)
        }
        #expect(error.message == "the cost shares add up to 300,00 €, but the total is 1,00 €")
        #expect(try count("decision") == 0)
    }

    @Test("registering twice in one transaction works: the working tables start afresh")
    func twiceInOneTransaction() throws {
        func document(_ running: Int) -> String {
            """
            [{"organization": "Testilän kunta", "body": "Kunnanhallitus", "title": "Päätös \(running)",
              "case": {"diary_number": "\(running)/00.01/2021", "running": \(running), "classification": "00.01", "year": 2021}}]
            """
        }
        try connection.execute("BEGIN")
        let first = try connection.execute("SELECT pykala.register_decisions($1::jsonb, true)::text AS result", [document(1)])
        let second = try connection.execute("SELECT pykala.register_decisions($1::jsonb, true)::text AS result", [document(2)])
        try connection.execute("COMMIT")
        #expect(try first[0].get("result", as: String.self).contains("\"created\": [{"))
        #expect(try second[0].get("result", as: String.self).contains("\"created\": []"))
        #expect(try count("decision") == 2)
        #expect(try kinds().suffix(4) == ["case_opened", "registered", "case_opened", "registered"])
    }

    @Test("a file sent in batches registers as one batch would: the same rows, events and result, each name created once")
    func batchesLikeOne() throws {
        let documents = try (1...7).map { try Self.document($0, section: $0, contact: $0 == 6 ? "Uusi Henkilö" : "Ella Esimerkki") }
        var seen: [Int] = []
        let result = try DecisionRegistry.register(documents, createMissing: true, on: connection, batchSize: 3) { seen.append($0) }
        #expect(seen == [3, 6, 7])
        #expect(result.decisions.map(\.section) == Array(1...7))
        #expect(result.created.map { "\($0.kind) \($0.name)" } == [
            "organization Testilän kunta", "body Kunnanhallitus", "person Ella Esimerkki", "person Uusi Henkilö",
        ])
        #expect(try count("decision") == 7)
        #expect(try count("person") == 2)
        #expect(try count("cost_share") == 14)
        #expect(try kinds() == ["organization_added", "body_added", "person_added"]
            + ["case_opened", "registered"].repeated(3) + ["person_added"] + ["case_opened", "registered"].repeated(4))
        let last = try connection.execute("SELECT last_running FROM pykala.diary_counter WHERE year = 2021")[0]
        #expect(try last.get("last_running", as: Int.self) == 7)
        // Each batch's events continue the chain where the last left it, each hash as audit verify recomputes it.
        #expect(try chainProblem() == nil)
    }

    @Test("a refusal in a later batch leaves nothing of the earlier ones")
    func laterBatchRefused() throws {
        var documents = try (1...5).map { try Self.document($0, section: $0) }
        documents[4].total = Money(cents: 100)
        let error = try #require(throws: StoreError.self) {
            try DecisionRegistry.register(documents, createMissing: true, on: connection, batchSize: 2)
        }
        #expect(error.message == "the cost shares add up to 300,00 €, but the total is 1,00 €")
        for table in ["organization", "body", "person", "case", "decision", "cost_share", "contact", "event", "diary_counter"] {
            #expect(try count(table) == 0, "\(table)")
        }
    }

    @Test("a batched registration repeated with its request id returns the first result and stores nothing more")
    func batchesRepeated() throws {
        let documents = try (1...5).map { try Self.document($0, section: $0) }
        let request = UUID()
        let first = try DecisionRegistry.register(documents, createMissing: true, request: request, on: connection, batchSize: 2)
        let again = try DecisionRegistry.register(documents, createMissing: true, request: request, on: connection, batchSize: 2)
        #expect(again == first)
        #expect(first.decisions.count == 5)
        #expect(first.decisions.first?.diaryNumber == "1/00.01/2021")
        #expect(try count("decision") == 5)
    }

    @Test("after VACUUM has seen the register empty, a long registration finds each decision's case by index, not by reading every case stored so far")
    func checksStayOnIndexes() throws {
        // VACUUM records the new register's tables as empty; the first batch's foreign-key
        // checks are planned for tables that small, and the plans are kept for the session.
        try connection.execute("VACUUM")
        try connection.execute("BEGIN")
        for batch in 0..<3 {
            let documents = (1...100).map { n -> String in
                let running = batch * 100 + n
                return #"{"organization": "Testilän kunta", "body": "Kunnanhallitus", "title": "Päätös \#(running)", "#
                    + #""case": {"diary_number": "\#(running)/00.01/2021", "running": \#(running), "classification": "00.01", "year": 2021}}"#
            }
            try connection.execute("SELECT pykala.register_decisions($1::jsonb, true) IS NOT NULL AS ok", ["[" + documents.joined(separator: ",") + "]"])
        }
        let scans = try connection.execute(
            "SELECT seq_scan FROM pg_stat_xact_user_tables WHERE relid = 'pykala.case'::regclass")[0].get("seq_scan", as: Int.self)
        try connection.execute("COMMIT")
        // One scan per decision checked made the time grow with the square of the file's length.
        #expect(scans < 10, "sequential scans of pykala.case: \(scans)")
        #expect(try count("decision") == 300)
    }

    /// A JSON array of `count` decisions of Kunnanhallitus, § n and diary number n/00.01/2021; `broken` maps an index to extra keys.
    private static func fileText(_ count: Int, extra: [Int: String] = [:]) -> String {
        var lines: [String] = []
        for n in 1...count {
            let more: String = extra[n].map { ", " + $0 } ?? ""
            let head = #"{"organization": "Testilän kunta", "body": "Kunnanhallitus", "title": "Päätös \#(n)", "#
            let rest = #""case": {"diary_number": "\#(n)/00.01/2021"}, "meeting": {"date": "1.3.2021", "section": \#(n)}"#
            lines.append(head + rest + more + "}")
        }
        return "[\n" + lines.joined(separator: ",\n") + "\n]\n"
    }

    @Test("a file read a batch at a time while earlier batches are stored registers every decision, in order")
    func readWhileStoring() throws {
        let reader = try DocumentBatchReader(Self.fileText(7), file: "f.json", batchSize: 2)
        var seen: [Int] = []
        let result = try DecisionRegistry.register(reading: reader, createMissing: true, on: connection) { seen.append($0) }
        #expect(seen == [2, 4, 6, 7])
        #expect(result.decisions.map(\.section) == Array(1...7))
        #expect(try count("decision") == 7)
    }

    @Test("a long file goes first in a short batch, then in batches twice as long up to the batch size")
    func shortFirstBatch() throws {
        let reader = try DocumentBatchReader(Self.fileText(1_000), file: "f.json", batchSize: 600)
        var seen: [Int] = []
        let result = try DecisionRegistry.register(reading: reader, createMissing: true, on: connection) { seen.append($0) }
        #expect(seen == [250, 750, 1_000])
        #expect(result.decisions.map(\.section) == Array(1...1_000))
        #expect(result.decisions.map(\.id) == result.decisions.map(\.id).sorted())
        #expect(try count("decision") == 1_000)
    }

    @Test("problems in a late batch refuse the file with every problem, after earlier batches were sent: nothing stored")
    func lateProblems() throws {
        let text = Self.fileText(7, extra: [5: #""unknown": 1"#, 7: #""total": "12abc""#])
        let reader = try DocumentBatchReader(text, file: "f.json", batchSize: 2)
        let error = try #require(throws: DocumentError.self) {
            try DecisionRegistry.register(reading: reader, createMissing: true, on: connection)
        }
        #expect(error.problems.map(\.line) == [6, 8], "\(error.problems)")
        #expect(error.problems.map(\.field) == ["[4].unknown", "total"], "\(error.problems)")
        for table in ["organization", "body", "case", "decision", "event"] {
            #expect(try count(table) == 0, "\(table)")
        }
    }

    @Test("a file with problems is refused for them even when the database refused an earlier batch")
    func problemsBeforeRefusals() throws {
        try DecisionRegistry.register([try Self.document(90, section: 1)], createMissing: true, on: connection)
        let reader = try DocumentBatchReader(Self.fileText(7, extra: [7: #""unknown": 1"#]), file: "f.json", batchSize: 2)
        let error = try #require(throws: DocumentError.self) {
            try DecisionRegistry.register(reading: reader, createMissing: true, on: connection)
        }
        #expect(error.problems.map(\.line) == [8])
        #expect(try count("decision") == 1)
    }
}

extension Array {
    /// The array's elements `times` times over.
    fileprivate func repeated(_ times: Int) -> [Element] { (0..<times).flatMap { _ in self } }
}
