import DecisionStore
import Decisions
import Foundation
import Postgres
import PostgresTestSupport
import Synchronization
import Testing

@Suite("transitions: roles, guards, versions and races, decided inside PostgreSQL")
struct TransitionTests {
    let database: TestDatabase
    let connection: Connection
    let decision: DecisionReference = .diaryNumber("2265/15.151/2020")
    static let council = try? String(contentsOf: TestPostgres.resources.root.appendingPathComponent("workflows/council-decision.yaml"), encoding: .utf8)

    init() throws {
        database = try TestPostgres.migratedDatabase()
        connection = try database.connect()
        try DecisionRegistry.register([try RegisterTests.workedExample()], createMissing: true, on: connection)
        try Self.loadCouncil(on: connection)
    }

    static func loadCouncil(on connection: Connection) throws {
        let source = try #require(council)
        _ = try Workflows.load(try WorkflowReader.read(source, file: "council-decision.yaml"), source: source, organization: nil, on: connection)
    }

    @discardableResult
    private func take(_ action: String, version: Int? = nil, request: UUID = UUID(), on connection: Connection? = nil) throws
        -> Transitions.Result
    {
        let connection = connection ?? self.connection
        return try Transitions.take(
            action, on: decision, expectedVersion: version, comment: nil, requestID: request, organization: nil, connect: { connection })
    }

    private func state() throws -> String { try DecisionQueries.card(decision, on: connection).state }

    @Test("an action the workflow does not have, or one not taken from this state, is refused, naming it, and nothing is written")
    func unknownOrWrongAction() throws {
        let history = try Transitions.history(of: decision, organization: nil, on: connection).count
        let unknown = #expect(throws: StoreError.self) { try take("fly") }
        #expect(unknown?.kind == .notFound)
        #expect(unknown?.message == "the workflow council-decision has no action \"fly\"")
        let early = #expect(throws: StoreError.self) { try take("publish") }
        #expect(early?.kind == .conflict)
        #expect(early?.message.hasPrefix("cannot publish decision") == true, "\(String(describing: early))")
        #expect(try state() == "draft")
        #expect(try Transitions.history(of: decision, organization: nil, on: connection).count == history)
    }

    @Test("the worked example walks the whole council flow, and publication starts the appeal period")
    func wholeFlow() throws {
        for action in ["submit", "approve", "put_on_agenda", "decide", "check_minutes"] { try take(action) }
        let published = try take("publish")
        let appeal = try #require(published.started.first)
        #expect(appeal.kind == "appeal_ends")
        let today = try Deadlines.today(on: connection)
        #expect(appeal.date == AppealPeriod(published: today)?.lastDay.iso)
        let early = #expect(throws: StoreError.self) { try take("enter_into_force") }
        // Without the started period the guard does not pass either: no period is not an ended period.
        let saved = try connection.execute("SELECT count(*) AS n FROM pykala.deadline WHERE kind = 'appeal_ends'")[0].get("n", as: Int.self)
        #expect(saved == 1)
        #expect(early?.message.contains("the appeal period runs until") == true)
        try connection.execute("UPDATE pykala.deadline SET due_date = current_date - 1 WHERE kind = 'appeal_ends'")
        for action in ["enter_into_force", "execute", "archive"] { try take(action) }
        #expect(try state() == "archived")
        let history = try Transitions.history(of: decision, organization: nil, on: connection)
        #expect(history.map(\.action) == [
            "register", "submit", "approve", "put_on_agenda", "decide", "check_minutes", "publish", "enter_into_force", "execute",
            "archive",
        ])
        #expect(history.map(\.version) == Array(1...10))
        #expect(history.last?.workflow == "council-decision v1")
    }

    @Test("a guard that fails names what is missing, in the refusal and in the list of actions")
    func guards() throws {
        try take("submit")
        try connection.execute("UPDATE pykala.cost_share SET amount_cents = 30000 WHERE year = 2022")
        let error = #expect(throws: StoreError.self) { try take("approve") }
        #expect(error?.message == "cannot approve: cost shares 900,00 € ≠ total 1 000,00 €")
        let actions = try Transitions.actions(for: decision, organization: nil, on: connection)
        #expect(actions.actions.first { $0.action == "approve" }?.reasons == ["cost shares 900,00 € ≠ total 1 000,00 €"])
        #expect(actions.actions.first { $0.action == "return" }?.allowed == true)
        #expect(try state() == "proposed")
    }

    @Test("a stale version is refused with what changed since; a retried request id acts once")
    func versionsAndRetries() throws {
        try take("submit", version: 1)
        let stale = #expect(throws: StoreError.self) { try take("approve", version: 1) }
        #expect(stale?.message == "decision 1 is at version 2, not 1: since then submit by \(LocalCluster.superuser) (version 2)")
        let request = UUID()
        let first = try take("approve", version: 2, request: request)
        let again = try take("approve", version: 2, request: request)
        #expect(!first.repeated)
        #expect(again.repeated)
        #expect(again.version == first.version)
        let approvals = try connection.execute("SELECT count(*) AS n FROM pykala.decision_history WHERE action = 'approve'")
        #expect(try approvals[0].get("n", as: Int.self) == 1)
        let reused = #expect(throws: StoreError.self) { try take("put_on_agenda", request: request) }
        #expect(reused?.kind == .conflict)
    }

    @Test("a decision keeps the workflow version it started on when a changed workflow is loaded")
    func pinnedVersion() throws {
        try take("submit")
        let source = try #require(Self.council).replacingOccurrences(of: "roles: [manager]\n    requires: [proposal_present, cost_shares_balanced, contact_person_present]", with: "roles: [secretary]\n    requires: [proposal_present]")
        #expect(source != Self.council)
        let loaded = try Workflows.load(try WorkflowReader.read(source, file: "v2.yaml"), source: source, organization: nil, on: connection)
        #expect(loaded.version == 2)
        try take("approve")
        let history = try Transitions.history(of: decision, organization: nil, on: connection)
        #expect(history.last?.workflow == "council-decision v1")
        var fresh = try RegisterTests.workedExample()
        fresh.caseInfo = nil
        fresh.meeting = nil
        try DecisionRegistry.register([fresh], createMissing: false, on: connection)
        let second = DecisionReference.id(2)
        _ = try Transitions.take("submit", on: second, expectedVersion: nil, comment: nil, requestID: UUID(), organization: nil, connect: { connection })
        #expect(try Transitions.history(of: second, organization: nil, on: connection).last?.workflow == "council-decision v2")
    }

    @Test("a workflow a history row names cannot be removed, not even by the superuser; a step after the first locks no workflow row (0032)")
    func workflowsKept() throws {
        try take("submit")
        for sql in ["DELETE FROM pykala.workflow", "DELETE FROM pykala.workflow WHERE false", "TRUNCATE pykala.workflow CASCADE"] {
            var refused: PostgresError?
            try connection.execute("BEGIN")
            do { try connection.execute(sql) } catch let error as PostgresError { refused = error }
            try connection.execute("ROLLBACK")
            #expect(refused?.sqlState?.code == "PK403", "\(sql): \(String(describing: refused))")
            #expect(refused?.message == "workflows are kept: \(sql.hasPrefix("TRUNCATE") ? "TRUNCATE" : "DELETE") is refused")
        }
        #expect(try connection.execute("SELECT count(*) AS n FROM pykala.decision_history h JOIN pykala.workflow w ON w.id = h.workflow_id")[0]
            .get("n", as: Int.self) == 1)
        // A step locks its decision, but not the workflow every decision shares (only the
        // decision's first step checks its new key to it): a lock stays in the row's xmax.
        let lockedBy = "SELECT w.xmax::text AS locker FROM pykala.workflow w"
        let afterFirstStep = try connection.execute(lockedBy)[0].get("locker", as: String.self)
        try take("approve")
        #expect(try connection.execute(lockedBy)[0].get("locker", as: String.self) == afterFirstStep)
    }

    @Test("a stored workflow's steps are its transitions from each state they leave, with roles, guards and the deadlines the target starts")
    func stepsAsRows() throws {
        let definition = try WorkflowReader.read(try #require(Self.council), file: "council-decision.yaml")
        var expected: [String] = []
        for transition in definition.transitions {
            let starts = definition.states.first { $0.name == transition.to }?.starts.map(\.kind.rawValue) ?? []
            for from in transition.from {
                expected.append([
                    transition.name, from, transition.to, transition.roles.map(\.rawValue).joined(separator: ","),
                    transition.requires.map(\.rawValue).joined(separator: ","), starts.isEmpty ? "-" : starts.joined(separator: ","),
                ].joined(separator: " "))
            }
        }
        let stored = try connection.execute(
            """
            SELECT concat_ws(' ', s.action, s.from_state, s.to_state, array_to_string(s.roles, ','), array_to_string(s.requires, ','),
                             coalesce((SELECT string_agg(x->>'kind', ',') FROM jsonb_array_elements(s.starts) AS x), '-')) AS step
              FROM pykala.workflow_step s JOIN pykala.workflow w ON w.id = s.workflow_id
             WHERE w.name = 'council-decision'
            """
        ).map { try $0.get("step", as: String.self) }
        #expect(stored.sorted() == expected.sorted())
        #expect(expected.contains("publish minutes_checked published secretary  appeal_ends"))
        #expect(expected.count == 15)
    }

    @Test("a workflow stored by SQL with a list given as one string, or a transition given twice, steps as the definition reads")
    func stepsOfALooseDefinition() throws {
        let definition = """
            {"name": "loose", "initial": "draft", "states": [{"name": "draft"}, {"name": "proposed"}, {"name": "approved"}],
             "transitions": [{"name": "submit", "from": "draft", "to": "proposed", "roles": "secretary", "requires": "proposal_present"},
                             {"name": "submit", "from": ["draft"], "to": "approved", "roles": ["manager"]},
                             {"name": "nowhere", "from": ["draft"]}]}
            """
        try connection.execute(
            """
            INSERT INTO pykala.workflow (organization_id, name, version, content_hash, definition, source)
            SELECT id, 'loose', 1, repeat('a', 64), $1::jsonb, '' FROM pykala.organization
            """, [definition])
        let steps = try connection.execute(
            """
            SELECT concat_ws(' ', s.action, s.from_state, s.to_state, array_to_string(s.roles, ','), array_to_string(s.requires, ','),
                             coalesce(s.starts::text, '-')) AS step
              FROM pykala.workflow_step s JOIN pykala.workflow w ON w.id = s.workflow_id WHERE w.name = 'loose'
            """
        ).map { try $0.get("step", as: String.self) }
        #expect(steps == ["submit draft proposed secretary proposal_present -"])
        try connection.execute("UPDATE pykala.decision SET workflow_id = (SELECT id FROM pykala.workflow WHERE name = 'loose')")
        #expect(try take("submit").to == "proposed")
        let nowhere = #expect(throws: StoreError.self) { try take("nowhere") }
        #expect(nowhere?.message.hasPrefix("cannot nowhere decision 1: it is proposed") == true, "\(String(describing: nowhere))")
    }

    @Test("with two organizations a step names its own: none named, an unknown one and the other's decision are each refused")
    func organizationOfAStep() throws {
        _ = try Organizations.add(try NewOrganization(name: "Posion kunta"), on: connection)
        func take(in organization: String?) throws -> Transitions.Result {
            try Transitions.take(
                "submit", on: .id(1), expectedVersion: nil, comment: nil, requestID: UUID(), organization: organization,
                connect: { connection })
        }
        let none = #expect(throws: StoreError.self) { try take(in: nil) }
        #expect(none?.message == "the register has 2 organizations, and none was named")
        let unknown = #expect(throws: StoreError.self) { try take(in: "Sallan kunta") }
        #expect(unknown?.message == "organization \"Sallan kunta\" does not exist")
        let other = #expect(throws: StoreError.self) { try take(in: "Posion kunta") }
        #expect(other?.kind == .notFound)
        #expect(other?.message == "no decision has id 1")
        #expect(try connection.execute("SELECT state FROM pykala.decision WHERE id = 1")[0].get("state", as: String.self) == "draft")
        #expect(try take(in: "Ranuan kunta").to == "proposed")
    }

    @Test("after VACUUM has seen one decision, its steps find it by index, not by reading the dead rows each step leaves")
    func stepsStayOnIndexes() throws {
        try connection.execute("VACUUM")
        let id = try DecisionQueries.card(decision, on: connection).id
        try connection.execute("BEGIN")
        for step in 0..<100 {
            try connection.execute(
                "SELECT pykala.transition(NULL, $1, $2, NULL, NULL, gen_random_uuid()) IS NOT NULL AS ok", [id, step % 2 == 0 ? "submit" : "return"])
        }
        let scans = try connection.execute(
            "SELECT seq_scan FROM pg_stat_xact_user_tables WHERE relid = 'pykala.decision'::regclass")[0].get("seq_scan", as: Int.self)
        try connection.execute("COMMIT")
        #expect(scans < 10, "sequential scans of pykala.decision: \(scans)")
        #expect(try state() == "draft")
    }

    @Test("16 clients racing on the same transition, 200 times: exactly one wins each time")
    func race() throws {
        let rounds = 200
        var draft = try RegisterTests.workedExample()
        draft.caseInfo = nil
        draft.meeting = nil
        try DecisionRegistry.register(Array(repeating: draft, count: rounds), createMissing: false, on: connection)
        try connection.execute("UPDATE pykala.decision SET state = 'proposed', workflow_id = (SELECT min(id) FROM pykala.workflow) WHERE id > 1")
        let ids = try connection.execute("SELECT id FROM pykala.decision WHERE id > 1 ORDER BY id").map { try $0.get("id", as: Int64.self) }
        #expect(ids.count == rounds)
        let wins = Mutex([Int64: Int]())
        let unexpected = Mutex([String]())
        let barrier = CyclicBarrier(parties: 16)
        let conninfo = database.conninfo
        together(16) { _, start in
            guard let connection = try? Connection.connect(conninfo) else { return }
            start()
            for id in ids {
                barrier.wait()
                do {
                    _ = try connection.execute("SELECT pykala.transition(NULL, $1, 'approve', NULL, NULL, NULL)", [id])
                    wins.withLock { $0[id, default: 0] += 1 }
                } catch let error as PostgresError where error.sqlState?.code == "PK409" {
                    // lost the race: the decision is approved already
                } catch {
                    unexpected.withLock { $0.append("\(error)") }
                }
            }
        }
        #expect(unexpected.withLock { $0 }.isEmpty)
        #expect(wins.withLock { $0.count } == rounds)
        #expect(wins.withLock { $0.values.allSatisfy { $0 == 1 } })
        let rows = try connection.execute(
            "SELECT count(*) AS n, count(DISTINCT decision_id) AS d FROM pykala.decision_history WHERE action = 'approve'")[0]
        #expect(try rows.get("n", as: Int.self) == rounds)
        #expect(try rows.get("d", as: Int.self) == rounds)
    }

    @Test("the database computes the appeal period exactly as pykala's calculator, day by day 2019–2031")
    func appealPeriodAgrees() throws {
        let rows = try connection.execute(
            """
            SELECT d::date AS published, pykala.rectification_last_day(d::date, 'public') AS public_day,
                   pykala.rectification_last_day(d::date, 'email') AS email_day, pykala.rectification_last_day(d::date, 'post') AS post_day
              FROM generate_series(date '2019-01-01', date '2031-12-31', interval '1 day') AS d
            """)
        #expect(rows.count == 4748)
        for row in rows {
            let published = try row.get("published", as: PostgresDate.self)
            let day = try #require(CalendarDate(year: published.year, month: published.month, day: published.day))
            for (column, notice) in [("public_day", NoticeMethod.public), ("email_day", .email), ("post_day", .post)] {
                let stored = try row.get(column, as: PostgresDate.self)
                #expect(AppealPeriod(published: day, notice: notice)?.lastDay.iso == "\(stored)", "\(day) \(notice)")
            }
        }
    }

    @Test("a decision that was never published has no appeal period that could have ended")
    func noAppealPeriod() throws {
        try connection.execute("UPDATE pykala.decision SET state = 'published', workflow_id = (SELECT id FROM pykala.workflow)")
        let error = #expect(throws: StoreError.self) { try take("enter_into_force") }
        #expect(error?.message == "cannot enter_into_force: no appeal period has started (the decision is not published)")
    }
}
