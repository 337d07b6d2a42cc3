import DecisionStore
import Decisions
import Foundation
import Postgres
import PostgresTestSupport
import Synchronization
import Testing

@Suite("cases and diary numbers")
struct CaseTests {
    let database: TestDatabase
    let connection: Connection

    init() throws {
        database = try TestPostgres.migratedDatabase()
        connection = try database.connect()
        _ = try Organizations.add(try NewOrganization(name: "Ranuan kunta"), on: connection)
    }

    private func open(_ classification: String = "15.151", year: Int? = 2020, on connection: Connection? = nil) throws -> Case {
        try Cases.open(try NewCase(title: "Asia", classification: classification, year: year, number: nil), organization: nil,
                       on: connection ?? self.connection)
    }

    @Test("numbers run per organization and year, across classifications")
    func running() throws {
        #expect(try open().diaryNumber == "1/15.151/2020")
        #expect(try open("00.01").diaryNumber == "2/00.01/2020")
        #expect(try open(year: 2021).diaryNumber == "1/15.151/2021")
        _ = try Organizations.add(try NewOrganization(name: "Posion kunta"), on: connection)
        let posio = try Cases.open(try NewCase(title: "A", classification: "15.151", year: 2020, number: nil), organization: "Posion kunta", on: connection)
        #expect(posio.diaryNumber == "1/15.151/2020")
    }

    @Test("after the worked example's 2265/15.151/2020 the next case of 2020 is 2266")
    func followsRegistered() throws {
        let given = try Cases.open(try NewCase(title: "Turvallisuus", classification: nil, year: nil, number: "2265/15.151/2020"), organization: nil, on: connection)
        #expect(given.running == 2265)
        #expect(try open().diaryNumber == "2266/15.151/2020")
    }

    @Test("other systems' identifiers are kept verbatim and do not move the counter")
    func verbatim() throws {
        let lapland = try Cases.open(try NewCase(title: "Lapin asia", classification: nil, year: nil, number: "LAPDno-2025-763"), organization: nil, on: connection)
        #expect(lapland.diaryNumber == "LAPDno-2025-763")
        #expect(lapland.running == nil)
        #expect(try open().diaryNumber == "1/15.151/2020")
    }

    @Test("a number given twice, or a running number taken under another classification, is refused")
    func duplicates() throws {
        _ = try Cases.open(try NewCase(title: "A", classification: nil, year: nil, number: "2265/15.151/2020"), organization: nil, on: connection)
        let before = try Cases.list(organization: nil, on: connection)
        let twice = #expect(throws: StoreError.self) {
            try Cases.open(try NewCase(title: "A", classification: nil, year: nil, number: "2265/15.151/2020"), organization: nil, on: connection)
        }
        #expect(twice?.kind == .conflict)
        #expect(twice?.message == "case 2265/15.151/2020 already exists")
        let taken = #expect(throws: StoreError.self) {
            try Cases.open(try NewCase(title: "A", classification: nil, year: nil, number: "2265/00.01/2020"), organization: nil, on: connection)
        }
        #expect(taken?.kind == .conflict)
        #expect(try Cases.list(organization: nil, on: connection) == before)
    }

    @Test("a number given out in a transaction that rolls back is given out again: no gaps")
    func gapFree() throws {
        struct Abort: Error {}
        #expect(throws: Abort.self) {
            try connection.withTransaction { tx in
                try tx.execute("SELECT pykala.open_case(NULL, '15.151', 'Kesken', 2020, NULL)")
                throw Abort()
            }
        }
        #expect(try open().diaryNumber == "1/15.151/2020")
        #expect(try open().diaryNumber == "2/15.151/2020")
    }

    @Test("20 concurrent case openings get 20 distinct consecutive numbers")
    func concurrent() throws {
        let numbers = Mutex<[Int]>([])
        let failures = Mutex<[String]>([])
        let conninfo = database.conninfo
        together(20) { _, start in
            do {
                let connection = try Connection.connect(conninfo)
                start()
                let opened = try Cases.open(
                    try NewCase(title: "Rinnakkain", classification: "15.151", year: 2020, number: nil), organization: nil,
                    on: connection)
                numbers.withLock { $0.append(opened.running ?? 0) }
            } catch {
                failures.withLock { $0.append("\(error)") }
            }
        }
        #expect(failures.withLock { $0 }.isEmpty)
        #expect(numbers.withLock { $0.sorted() } == Array(1...20))
        #expect(try Cases.list(organization: nil, year: 2020, on: connection).count == 20)
    }
}
