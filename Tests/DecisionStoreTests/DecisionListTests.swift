import DecisionStore
import Decisions
import Postgres
import PostgresTestSupport
import Testing

@Suite("listing decisions")
struct DecisionListTests {
    let connection: Connection

    init() throws {
        connection = try TestPostgres.migratedDatabase().connect()
        var other = try RegisterTests.workedExample()
        other.caseInfo = nil
        other.meeting = DecisionDocument.MeetingReference(date: CalendarDate(year: 2021, month: 3, day: 15)!, section: 12)
        other.title = "Kirjaston aukioloajat"
        other.description = "Lähikirjaston aukioloajat muuttuvat."
        other.project = nil
        other.total = nil
        other.costShares = []
        other.deadlines = [.init(kind: .executeBy, date: CalendarDate(year: 2021, month: 6, day: 1)!)]
        try DecisionRegistry.register([try RegisterTests.workedExample(), other], createMissing: true, on: connection)
    }

    private func titles(_ configure: (inout DecisionFilter) -> Void) throws -> [String] {
        var filter = DecisionFilter()
        configure(&filter)
        return try DecisionQueries.list(filter, on: connection).map(\.title)
    }

    @Test("the worked example lists exactly as in the seed")
    func workedExample() throws {
        let summary = try #require(try DecisionQueries.list(DecisionFilter(), on: connection).last)
        #expect(summary.title == "Turvallisuus -hankeyhteistyöhön osallistuminen")
        #expect(summary.body == "Kunnanhallitus")
        #expect(summary.meetingDate?.description == "24.2.2020")
        #expect(summary.section == 39)
        #expect(summary.sectionReference == "Kunnanhallitus/2020/§39")
        #expect(summary.diaryNumber == "2265/15.151/2020")
        #expect(summary.total?.description == "1 000,00 €")
        #expect(summary.state == "draft")
        #expect(summary.project == "Turvallisuus -hankeyhteistyö")
    }

    @Test("newest first; every filter narrows")
    func filters() throws {
        let both = ["Kirjaston aukioloajat", "Turvallisuus -hankeyhteistyöhön osallistuminen"]
        #expect(try titles { _ in } == both)
        #expect(try titles { $0.year = 2020 } == [both[1]])
        #expect(try titles { $0.year = 2019 } == [])
        #expect(try titles { $0.body = "Kunnanhallitus" } == both)
        #expect(try titles { $0.state = "draft" } == both)
        #expect(try titles { $0.state = "published" } == [])
        #expect(try titles { $0.text = "HANKE" } == [both[1]])
        #expect(try titles { $0.text = "lähikirjaston" } == [both[0]])
        #expect(try titles { $0.text = "%" } == [])
        #expect(try titles { $0.project = "Turvallisuus -hankeyhteistyö" } == [both[1]])
        #expect(try titles { $0.limit = 1 } == [both[0]])
    }

    @Test("a deadline range keeps the decisions with a deadline in it, both ends included")
    func deadlineRange() throws {
        let day = { (text: String) in try CalendarDate(parsing: text) }
        #expect(try titles { $0.deadlineFrom = try? day("20.2.2020"); $0.deadlineTo = try? day("20.2.2020") } == ["Turvallisuus -hankeyhteistyöhön osallistuminen"])
        #expect(try titles { $0.deadlineFrom = try? day("21.2.2020"); $0.deadlineTo = try? day("31.5.2021") } == [])
        #expect(try titles { $0.deadlineFrom = try? day("1.6.2021") } == ["Kirjaston aukioloajat"])
        #expect(try titles { $0.deadlineTo = try? day("11.2.2020") } == ["Turvallisuus -hankeyhteistyöhön osallistuminen"])
    }

    @Test("an unknown body or project is an error, not an empty list")
    func unknownNames() throws {
        var filter = DecisionFilter()
        filter.body = "Kunnanhalitus"
        let error = #expect(throws: StoreError.self) { try DecisionQueries.list(filter, on: connection) }
        #expect(error?.message == "body \"Kunnanhalitus\" does not exist")
        filter = DecisionFilter()
        filter.project = "Tuntematon"
        #expect(throws: StoreError.self) { try DecisionQueries.list(filter, on: connection) }
    }
}
