import DecisionStore
import Decisions
import Foundation
import Postgres
import PostgresTestSupport
import Synchronization
import Testing

@Suite("a write repeated with the same request id acts once")
struct RequestIDTests {
    let database: TestDatabase
    let connection: Connection

    init() throws {
        database = try TestPostgres.migratedDatabase()
        connection = try database.connect()
    }

    private func count(_ table: String) throws -> Int {
        try connection.execute("SELECT count(*) AS n FROM pykala.\(SQLIdentifier.quoted(table))")[0].get("n", as: Int.self)
    }

    @Test("registering twice with one request id stores one decision and returns the first result")
    func register() throws {
        let request = UUID()
        let first = try DecisionRegistry.register([try RegisterTests.workedExample()], createMissing: true, request: request, on: connection)
        let again = try DecisionRegistry.register([try RegisterTests.workedExample()], createMissing: true, request: request, on: connection)
        #expect(again == first)
        #expect(try count("decision") == 1)
    }

    @Test("opening a case twice with one request id gives one number")
    func caseOpen() throws {
        _ = try Organizations.add(try NewOrganization(name: "Ranuan kunta"), on: connection)
        let request = UUID()
        let new = try NewCase(title: "T", classification: "15.151", year: 2020, number: nil)
        let first = try Cases.open(new, organization: nil, request: request, on: connection)
        let again = try Cases.open(new, organization: nil, request: request, on: connection)
        #expect(first == again)
        #expect(try Cases.open(new, organization: nil, on: connection).running == 2)
    }

    @Test("the same id for another kind of write is refused")
    func otherKind() throws {
        let request = UUID()
        _ = try Organizations.add(try NewOrganization(name: "Ranuan kunta"), request: request, on: connection)
        let error = #expect(throws: StoreError.self) {
            try Bodies.add(try NewBody(name: "Kunnanhallitus", kind: "board"), organization: nil, request: request, on: connection)
        }
        #expect(error?.kind == .conflict)
        #expect(try count("body") == 0)
    }

    @Test("8 clients sending the same request at once: one acts, all get its result")
    func concurrent() throws {
        _ = try Organizations.add(try NewOrganization(name: "Ranuan kunta"), on: connection)
        let request = UUID()
        let results = Mutex([String]())
        let conninfo = database.conninfo
        together(8) { _, start in
            guard let connection = try? Connection.connect(conninfo) else { return }
            start()
            let opened = try? Cases.open(
                try NewCase(title: "T", classification: "15.151", year: 2020, number: nil), organization: nil, request: request, on: connection)
            results.withLock { $0.append(opened?.diaryNumber ?? "failed") }
        }
        #expect(results.withLock { $0 } == Array(repeating: "1/15.151/2020", count: 8))
        #expect(try count("case") == 1)
    }
}
