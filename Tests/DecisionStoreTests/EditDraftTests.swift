import DecisionStore
import Decisions
import Postgres
import PostgresTestSupport
import Testing

@Suite("editing a draft")
struct EditDraftTests {
    let connection: Connection
    let reference = DecisionReference.diaryNumber("2265/15.151/2020")

    init() throws {
        connection = try TestPostgres.migratedDatabase().connect()
        try DecisionRegistry.register([try RegisterTests.workedExample()], createMissing: true, on: connection)
    }

    private func changed() throws -> DecisionDocument {
        var document = try RegisterTests.workedExample()
        document.total = Money(cents: 120_000)
        document.costShares = [.init(year: 2020, amount: Money(cents: 40_000)), .init(year: 2021, amount: Money(cents: 80_000))]
        document.deadlines = [.init(kind: .executeBy, date: CalendarDate(year: 2020, month: 12, day: 31)!)]
        return document
    }

    @Test("the content is replaced and the version moves on")
    func replaces() throws {
        let edited = try DecisionRegistry.editDraft(
            reference, with: try changed(), expectedVersion: 1, createMissing: false, organization: nil, on: connection)
        #expect(edited.decision.version == 2)
        let card = try DecisionQueries.card(reference, on: connection)
        #expect(card.version == 2)
        #expect(card.total?.description == "1 200,00 €")
        #expect(card.costShares.map(\.year) == [2020, 2021])
        #expect(card.deadlines.map(\.kind) == ["execute_by"])
        #expect(card.contacts.count == 2)
    }

    @Test("an edit based on an old version is refused and changes nothing")
    func staleVersion() throws {
        _ = try DecisionRegistry.editDraft(reference, with: try changed(), expectedVersion: 1, createMissing: false, organization: nil, on: connection)
        let before = try DecisionQueries.card(reference, on: connection)
        let error = #expect(throws: StoreError.self) {
            try DecisionRegistry.editDraft(
                reference, with: try RegisterTests.workedExample(), expectedVersion: 1, createMissing: false, organization: nil,
                on: connection)
        }
        #expect(error?.kind == .conflict)
        #expect(error?.message.contains("has changed since version 1 (it is at version 2 now)") == true)
        #expect(try DecisionQueries.card(reference, on: connection) == before)
    }

    @Test("a decision past its draft cannot be edited")
    func onlyDrafts() throws {
        try connection.execute("UPDATE pykala.decision SET state = 'approved'")
        let before = try DecisionQueries.card(reference, on: connection)
        let error = #expect(throws: StoreError.self) {
            try DecisionRegistry.editDraft(reference, with: try changed(), expectedVersion: nil, createMissing: false, organization: nil, on: connection)
        }
        #expect(error?.message == "decision \(before.id) is approved, and only a draft can be edited")
        #expect(try DecisionQueries.card(reference, on: connection) == before)
    }

    @Test("shares that do not add up refuse the whole edit")
    func badShares() throws {
        var document = try changed()
        document.total = Money(cents: 100_000)
        let before = try DecisionQueries.card(reference, on: connection)
        #expect(throws: StoreError.self) {
            try DecisionRegistry.editDraft(reference, with: document, expectedVersion: nil, createMissing: false, organization: nil, on: connection)
        }
        #expect(try DecisionQueries.card(reference, on: connection) == before)
    }

    @Test("an auditor cannot edit, not even with plain SQL")
    func auditor() throws {
        try connection.execute("DO $$ BEGIN CREATE ROLE edit_test_auditor LOGIN IN ROLE pykala_auditor; EXCEPTION WHEN duplicate_object THEN NULL; END $$")
        try connection.execute("SET SESSION AUTHORIZATION edit_test_auditor")
        defer { _ = try? connection.execute("RESET SESSION AUTHORIZATION") }
        let call = #expect(throws: PostgresError.self) {
            try connection.execute("SELECT pykala.edit_draft(NULL, 1, NULL, '{}'::jsonb)")
        }
        #expect(call?.sqlState == .insufficientPrivilege)
        let update = #expect(throws: PostgresError.self) { try connection.execute("UPDATE pykala.decision SET title = 'x'") }
        #expect(update?.sqlState == .insufficientPrivilege)
    }
}
