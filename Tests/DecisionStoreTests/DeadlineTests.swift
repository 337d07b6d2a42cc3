import DecisionStore
import Decisions
import Postgres
import PostgresTestSupport
import Testing

@Suite("deadlines across decisions")
struct DeadlineTests {
    let connection: Connection

    init() throws {
        connection = try TestPostgres.migratedDatabase().connect()
        try DecisionRegistry.register([try RegisterTests.workedExample()], createMissing: true, on: connection)
    }

    private func day(_ text: String) throws -> CalendarDate { try CalendarDate(parsing: text) }

    private func listed(_ window: DeadlineWindow) throws -> [String] {
        try Deadlines.list(window, organization: nil, on: connection).map { "\($0.date) \($0.kind.rawValue)" }
    }

    @Test("within 14 days of 10.2.2020: the reply-by of 20.2.; the done one of 11.2. is left out")
    func within() throws {
        #expect(try listed(.within(DayCount(days: 14), of: day("10.2.2020"))) == ["20.2.2020 reply_by"])
        #expect(try listed(.within(DayCount(days: 9), of: day("10.2.2020"))) == [])
        #expect(try listed(.within(DayCount(days: 0), of: day("20.2.2020"))) == ["20.2.2020 reply_by"])
    }

    @Test("\"by 20.2.2020\" is overdue from 21.2.2020, not on the day itself")
    func overdue() throws {
        #expect(try listed(.overdue(on: day("20.2.2020"))) == [])
        #expect(try listed(.overdue(on: day("21.2.2020"))) == ["20.2.2020 reply_by"])
        let item = try #require(try Deadlines.list(.overdue(on: day("24.2.2020")), organization: nil, on: connection).first)
        #expect(item.daysLeft(from: try day("24.2.2020")) == -4)
        #expect(item.reference == "Kunnanhallitus/2020/§39")
    }

    @Test("marking done takes it off the open lists; --all shows both")
    func markDone() throws {
        let open = try #require(try Deadlines.list(DeadlineWindow(), organization: nil, on: connection).first)
        let done = try Deadlines.markDone(open.id, organization: nil, on: connection)
        #expect(done.done)
        #expect(try listed(.overdue(on: day("1.3.2020"))) == [])
        #expect(try listed(DeadlineWindow(includeDone: true)) == ["11.2.2020 other", "20.2.2020 reply_by"])
        #expect(try Deadlines.markDone(open.id, done: false, organization: nil, on: connection).done == false)
        let missing = #expect(throws: StoreError.self) { try Deadlines.markDone(9_999, organization: nil, on: connection) }
        #expect(missing?.kind == .notFound)
    }

    @Test("today is a calendar day in Helsinki")
    func today() throws {
        let today = try Deadlines.today(on: connection)
        let expected = try connection.execute("SELECT to_char(now() AT TIME ZONE 'Europe/Helsinki', 'YYYY-MM-DD') AS d")[0]
        #expect(today.iso == (try expected.get("d", as: String.self)))
    }
}
