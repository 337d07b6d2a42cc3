import DecisionStore
import Decisions
import Foundation
import Postgres
import PostgresTestSupport
import Testing

@Suite("registering decisions")
struct RegisterTests {
    let connection: Connection

    init() throws {
        connection = try TestPostgres.migratedDatabase().connect()
    }

    /// The worked example as a secretary completes it after registering the seed's text:
    /// the project's period, and the earlier expression of interest as a deadline already done.
    static func workedExample() throws -> DecisionDocument {
        var document = try exampleFile()
        document.project?.period = "2020–2022"
        document.deadlines.append(DecisionDocument.Deadline(
            kind: .other, date: try CalendarDate(parsing: "11.2.2020"), text: "Alustava kiinnostus hankkeeseen osallistumisesta annettu",
            done: true))
        return document
    }

    /// `examples/ranua-2020-39.yaml` as it stands: what the seed's text says.
    static func exampleFile() throws -> DecisionDocument {
        let url = TestPostgres.resources.root.appendingPathComponent("examples/ranua-2020-39.yaml")
        return try #require(try DocumentReader.read(String(contentsOf: url, encoding: .utf8), file: "ranua-2020-39.yaml").first)
    }

    /// Row counts of every register table: equal before and after a refused input.
    private func fingerprint() throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for table in ["organization", "body", "person", "project", "case", "decision", "cost_share", "deadline", "contact", "diary_counter", "project_contact"] {
            counts[table] = try connection.execute("SELECT count(*) AS n FROM pykala.\(SQLIdentifier.quoted(table))")[0].get("n", as: Int.self)
        }
        return counts
    }

    @Test("the worked example registers and shows exactly as in the seed")
    func workedExample() throws {
        let result = try DecisionRegistry.register([try Self.workedExample()], createMissing: true, on: connection)
        #expect(result.created.map(\.kind) == ["organization", "body", "project", "person", "person"])
        let id = try #require(result.decisions.first?.id)
        let card = try DecisionQueries.card(.diaryNumber("2265/15.151/2020"), on: connection)
        #expect(card.id == id)
        #expect(card.state == "draft")
        #expect(card.organization == "Ranuan kunta")
        #expect(card.sectionReference == "Kunnanhallitus/2020/§39")
        #expect(card.meetingDate?.description == "24.2.2020")
        #expect(card.total?.description == "1 000,00 €")
        #expect(card.costShares.map { "\($0.year): \($0.amount)" } == ["2020: 200,00 €", "2021: 400,00 €", "2022: 400,00 €"])
        #expect(card.deadlines.map(\.date.description) == ["11.2.2020", "20.2.2020"])
        #expect(card.deadlines.last?.kind == "reply_by")
        #expect(card.deadlines.last?.passedBeforeMeeting == true)
        #expect(card.contacts.map(\.name) == ["Anitta Jaakola", "Sirpa Hakala"])
        #expect(card.contacts.last?.phone == "040 539 4293")
        #expect(card.outcome == "approved")
        #expect(card.project == "Turvallisuus -hankeyhteistyö")
        #expect(try DecisionQueries.card(.section(body: "Kunnanhallitus", year: 2020, section: 39), on: connection).id == id)
        #expect(try DecisionQueries.card(.id(id), on: connection).title == card.title)
    }

    @Test("the diary counter never falls behind a registered number")
    func counterFollowsRegisteredNumbers() throws {
        try DecisionRegistry.register([try Self.workedExample()], createMissing: true, on: connection)
        let last = try connection.execute("SELECT last_running FROM pykala.diary_counter WHERE year = 2020")[0]
        #expect(try last.get("last_running", as: Int.self) == 2265)
    }

    @Test("without --create-missing an unknown organization is refused and nothing is stored")
    func unknownOrganization() throws {
        let before = try fingerprint()
        let error = try #require(throws: StoreError.self) {
            try DecisionRegistry.register([try Self.workedExample()], createMissing: false, on: connection)
        }
        #expect(error.kind == .notFound)
        #expect(error.message == "organization \"Ranuan kunta\" does not exist")
        #expect(try fingerprint() == before)
    }

    @Test("the same § twice is refused, and a batch with one bad decision stores none")
    func allOrNone() throws {
        try DecisionRegistry.register([try Self.workedExample()], createMissing: true, on: connection)
        let before = try fingerprint()
        var other = try Self.workedExample()
        other.meeting?.section = 40
        other.caseInfo = nil
        let error = try #require(throws: StoreError.self) {
            try DecisionRegistry.register([other, try Self.workedExample()], createMissing: true, on: connection)
        }
        #expect(error.kind == .conflict)
        #expect(error.message == "Kunnanhallitus already has a § 39 in 2020")
        #expect(try fingerprint() == before)
    }

    @Test("shares that do not add up are refused by the database too")
    func databaseChecksSums() throws {
        var document = try Self.workedExample()
        document.costShares[2].amount = Money(cents: 30_000)
        let before = try fingerprint()
        let error = try #require(throws: StoreError.self) {
            try DecisionRegistry.register([document], createMissing: true, on: connection)
        }
        #expect(error.message == "the cost shares add up to 900,00 €, but the total is 1 000,00 €")
        #expect(try fingerprint() == before)
    }

    @Test("plain SQL cannot store what the CLI refuses", arguments: [
        "INSERT INTO pykala.organization (name) VALUES (' padded ')",
        "INSERT INTO pykala.organization (name) VALUES ('')",
        "INSERT INTO pykala.organization (name, business_id) VALUES ('X', '123')",
    ])
    func checksHold(_ sql: String) throws {
        let error = try #require(throws: PostgresError.self) { try connection.execute(sql) }
        #expect(error.sqlState == .checkViolation)
    }

    @Test("negative amounts and unknown kinds are refused by CHECK constraints")
    func rowChecks() throws {
        try DecisionRegistry.register([try Self.workedExample()], createMissing: true, on: connection)
        for sql in [
            "UPDATE pykala.cost_share SET amount_cents = -1",
            "UPDATE pykala.deadline SET kind = 'soon'",
            "UPDATE pykala.decision SET outcome = 'accepted'",
            "UPDATE pykala.decision SET description = repeat('a', 200001)",
            "UPDATE pykala.decision SET publicity = 'secret'",
        ] {
            let error = try #require(throws: PostgresError.self) { try connection.execute(sql) }
            #expect(error.sqlState == .checkViolation, "\(sql)")
        }
    }

    /// 0020 checks the decision's content in a trigger that fires only when the content is
    /// written (a workflow step does not pay for it): each rule still holds, under its name.
    @Test("every content rule of a decision holds in plain SQL, under the name its CHECK constraint had", arguments: [
        ("publicity = 'secret'", "decision_check"),
        ("section = 5, meeting_date = NULL", "decision_check1"),
        ("decision_text = E'a\\x01b'", "decision_decision_text_check"),
        ("description = repeat('a', 200001)", "decision_description_check"),
        ("disqualified = '{}'", "decision_disqualified_check"),
        ("earlier_handlings = '{}'", "decision_earlier_handlings_check"),
        ("meeting_date = '1800-01-01'", "decision_meeting_date_check"),
        ("outcome = 'accepted'", "decision_outcome_check"),
        ("proposal = ''", "decision_proposal_check"),
        ("publicity = 'open'", "decision_publicity_check"),
        ("publicity = 'secret', secrecy_basis = ' JulkL 24 §'", "decision_secrecy_basis_check"),
        ("section = 0", "decision_section_check"),
        ("title = ' padded '", "decision_title_check"),
        ("total_cents = -1", "decision_total_cents_check"),
        ("vote = '[]'", "decision_vote_check"),
        // 0025: a step's own two rules, in a trigger of their own.
        ("state = 'Approved'", "decision_state_check"),
        ("state = ''", "decision_state_check"),
        ("version = 0", "decision_version_check"),
    ])
    func contentRules(_ assignments: String, _ rule: String) throws {
        try DecisionRegistry.register([try Self.workedExample()], createMissing: true, on: connection)
        func row() throws -> String {
            try connection.execute("SELECT to_jsonb(d)::text AS row FROM pykala.decision d")[0].get("row")
        }
        let before = try row()
        let update = #expect(throws: PostgresError.self) { try connection.execute("UPDATE pykala.decision SET \(assignments)") }
        #expect(update?.sqlState == .checkViolation)
        #expect(update?.constraint == rule)
        #expect(update?.message == "new row for relation \"decision\" violates check constraint \"\(rule)\"")
        #expect(try row() == before)
    }

    @Test("a decision inserted in plain SQL meets the same content rules")
    func contentRulesOnInsert() throws {
        try DecisionRegistry.register([try Self.workedExample()], createMissing: true, on: connection)
        let before = try fingerprint()
        let error = #expect(throws: PostgresError.self) {
            try connection.execute(
                "INSERT INTO pykala.decision (organization_id, body_id, title) SELECT organization_id, body_id, ' padded ' FROM pykala.decision")
        }
        #expect(error?.constraint == "decision_title_check")
        #expect(try fingerprint() == before)
    }

    @Test("a decision inserted in plain SQL with a bad state or version is refused under the rule's name", arguments: [
        ("'on agenda'", "1", "decision_state_check"),
        ("repeat('a', 41)", "1", "decision_state_check"),
        ("'draft'", "0", "decision_version_check"),
    ])
    func stepRulesOnInsert(_ state: String, _ version: String, _ rule: String) throws {
        try DecisionRegistry.register([try Self.workedExample()], createMissing: true, on: connection)
        let before = try fingerprint()
        let error = #expect(throws: PostgresError.self) {
            try connection.execute(
                "INSERT INTO pykala.decision (organization_id, body_id, title, state, version) SELECT organization_id, body_id, 'T', \(state), \(version) FROM pykala.decision")
        }
        #expect(error?.sqlState == .checkViolation)
        #expect(error?.constraint == rule)
        #expect(try fingerprint() == before)
    }

    @Test("a history row filed under another organization than its decision's is refused")
    func historyKeepsItsDecisionsOrganization() throws {
        try DecisionRegistry.register([try Self.workedExample()], createMissing: true, on: connection)
        try connection.execute("INSERT INTO pykala.organization (name) VALUES ('Toinen kunta')")
        let before = try fingerprint()
        let history = try connection.execute("SELECT count(*) AS n FROM pykala.decision_history")[0].get("n", as: Int.self)
        let error = #expect(throws: PostgresError.self) {
            try connection.execute(
                """
                INSERT INTO pykala.decision_history (organization_id, decision_id, action, from_state, to_state, version_after)
                SELECT o.id, d.id, 'submit', 'draft', 'proposed', 2 FROM pykala.decision d, pykala.organization o WHERE o.name = 'Toinen kunta'
                """)
        }
        #expect(error?.sqlState == .foreignKeyViolation)
        #expect(error?.constraint == "decision_history_decision_fkey")
        #expect(try fingerprint() == before)
        #expect(try connection.execute("SELECT count(*) AS n FROM pykala.decision_history")[0].get("n", as: Int.self) == history)
    }

    @Test("every rule of a history row holds in plain SQL, under the name its CHECK constraint had", arguments: [
        ("'Submit'", "NULL", "'draft'", "'proposed'", "2", "decision_history_action_check"),
        ("'submit'", "'line' || chr(7)", "'draft'", "'proposed'", "2", "decision_history_comment_check"),
        ("'submit'", "NULL", "''", "'proposed'", "2", "decision_history_from_state_check"),
        ("'submit'", "NULL", "'draft'", "repeat('x', 41)", "2", "decision_history_to_state_check"),
        ("'submit'", "NULL", "'draft'", "'proposed'", "0", "decision_history_version_after_check"),
    ])
    func historyRules(_ action: String, _ comment: String, _ from: String, _ to: String, _ version: String, _ rule: String) throws {
        try DecisionRegistry.register([try Self.workedExample()], createMissing: true, on: connection)
        let before = try fingerprint()
        let insert = #expect(throws: PostgresError.self) {
            try connection.execute(
                """
                INSERT INTO pykala.decision_history (organization_id, decision_id, action, comment, from_state, to_state, version_after)
                SELECT organization_id, id, \(action), \(comment), \(from), \(to), \(version) FROM pykala.decision
                """)
        }
        #expect(insert?.sqlState == .checkViolation)
        #expect(insert?.constraint == rule)
        #expect(insert?.message == "new row for relation \"decision_history\" violates check constraint \"\(rule)\"")
        #expect(try fingerprint() == before)
        let update = #expect(throws: PostgresError.self) {
            try connection.execute(
                "UPDATE pykala.decision_history SET action = \(action), comment = \(comment), from_state = \(from), to_state = \(to), version_after = \(version)")
        }
        #expect(update?.constraint == rule)
        #expect(try fingerprint() == before)
        // A good row still goes in.
        try connection.execute(
            """
            INSERT INTO pykala.decision_history (organization_id, decision_id, action, comment, from_state, to_state, version_after)
            SELECT organization_id, id, 'submit', 'ok', 'draft', 'proposed', 2 FROM pykala.decision
            """)
    }

    @Test("an auditor may read the register but not register, not even with plain SQL")
    func auditorCannotWrite() throws {
        try connection.execute("DROP ROLE IF EXISTS register_test_auditor")
        try connection.execute("CREATE ROLE register_test_auditor LOGIN IN ROLE pykala_auditor")
        try connection.execute("SET SESSION AUTHORIZATION register_test_auditor")
        let readable = try connection.execute("SELECT count(*) AS n FROM pykala.decision")
        #expect(try readable[0].get("n", as: Int.self) == 0)
        let insert = try #require(throws: PostgresError.self) {
            try connection.execute("INSERT INTO pykala.organization (name) VALUES ('X')")
        }
        #expect(insert.sqlState == .insufficientPrivilege)
        let call = try #require(throws: PostgresError.self) {
            try connection.execute("SELECT pykala.register_decisions('[]'::jsonb, true)")
        }
        #expect(call.sqlState == .insufficientPrivilege)
        try connection.execute("RESET SESSION AUTHORIZATION")
    }

    @Test("without --create-missing an unknown body or person is refused, naming it, and nothing is stored")
    func unknownBodyOrPerson() throws {
        _ = try Organizations.add(try NewOrganization(name: "Ranuan kunta"), on: connection)
        let before = try fingerprint()
        let body = #expect(throws: StoreError.self) {
            try DecisionRegistry.register([try Self.workedExample()], createMissing: false, on: connection)
        }
        #expect(body?.message == "body \"Kunnanhallitus\" does not exist")
        #expect(try fingerprint() == before)
        _ = try Bodies.add(try NewBody(name: "Kunnanhallitus", kind: "board"), organization: nil, on: connection)
        _ = try People.add(try NewPerson(name: "Anitta Jaakola", title: "hyvinvointikoordinaattori"), organization: nil, on: connection)
        let withPeople = try fingerprint()
        let person = #expect(throws: StoreError.self) {
            try DecisionRegistry.register([try Self.workedExample()], createMissing: false, on: connection)
        }
        #expect(person?.message == "person \"Sirpa Hakala\" does not exist")
        #expect(try fingerprint() == withPeople)
    }

    @Test("a diary number whose running number another case holds is refused, and nothing is stored")
    func takenRunningNumber() throws {
        try DecisionRegistry.register([try Self.workedExample()], createMissing: true, on: connection)
        let before = try fingerprint()
        var other = try Self.workedExample()
        other.caseInfo?.diaryNumber = .structured(running: 2265, classification: "00.01", year: 2020)
        other.meeting = nil
        let error = #expect(throws: StoreError.self) {
            try DecisionRegistry.register([other], createMissing: true, on: connection)
        }
        #expect(error?.kind == .conflict)
        #expect(error?.message == "the running number 2265 of 2020 is already taken by another case")
        #expect(try fingerprint() == before)
    }

    @Test("a second decision in the same case joins it")
    func sameCase() throws {
        try DecisionRegistry.register([try Self.workedExample()], createMissing: true, on: connection)
        var council = try Self.workedExample()
        council.body = "Kunnanvaltuusto"
        council.meeting = DecisionDocument.MeetingReference(date: CalendarDate(year: 2020, month: 3, day: 16)!, section: 12)
        try DecisionRegistry.register([council], createMissing: true, on: connection)
        let cases = try connection.execute("SELECT count(*) AS n FROM pykala.\"case\"")[0].get("n", as: Int.self)
        #expect(cases == 1)
        let error = #expect(throws: StoreError.self) {
            try DecisionQueries.card(.diaryNumber("2265/15.151/2020"), on: connection)
        }
        #expect(error?.kind == .conflict)
    }
}
