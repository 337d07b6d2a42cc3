import DecisionStore
import Decisions
import Postgres
import PostgresTestSupport
import Testing

@Suite("organizations, bodies and people")
struct DirectoryTests {
    let connection: Connection

    init() throws {
        connection = try TestPostgres.migratedDatabase().connect()
    }

    @Test("added, listed and shown, with Swedish names")
    func addListShow() throws {
        let ranua = try Organizations.add(try NewOrganization(name: "Ranuan kunta", nameSv: "Ranua kommun", businessID: "0193218-4"), on: connection)
        #expect(ranua.businessId == "0193218-4")
        let board = try Bodies.add(try NewBody(name: "Kunnanhallitus", kind: "board", nameSv: "Kommunstyrelsen"), organization: nil, on: connection)
        _ = try Bodies.add(try NewBody(name: "Kunnanvaltuusto", kind: "council"), organization: "Ranua kommun", on: connection)
        #expect(board.kind == "board")
        let person = try People.add(
            try NewPerson(name: "Sirpa Hakala", title: "kunnanjohtaja", phone: "040 539 4293", email: "etunimi.sukunimi@ranua.fi"),
            organization: nil, on: connection)
        #expect(person.private == false)
        #expect(try Organizations.list(on: connection).map(\.name) == ["Ranuan kunta"])
        #expect(try Bodies.list(organization: nil, on: connection).map(\.name) == ["Kunnanvaltuusto", "Kunnanhallitus"])
        let shown = try Organizations.show("Ranua kommun", on: connection)
        #expect(shown.organization == ranua)
        #expect(shown.people == 1)
        #expect(try Bodies.show("Kommunstyrelsen", organization: nil, on: connection).body == board)
        #expect(try People.list(organization: nil, matching: "JOHTAJA", on: connection) == [person])
        #expect(try People.list(organization: nil, matching: "koordinaattori", on: connection).isEmpty)
        #expect(try People.show("Sirpa Hakala", organization: nil, on: connection).person == person)
        #expect(try People.show(String(person.id), organization: nil, on: connection).person == person)
    }

    @Test("with one organization --org may be left out; with two it must be given")
    func organizationScope() throws {
        _ = try Organizations.add(try NewOrganization(name: "Ranuan kunta"), on: connection)
        _ = try Bodies.add(try NewBody(name: "Kunnanhallitus", kind: "board"), organization: nil, on: connection)
        _ = try Organizations.add(try NewOrganization(name: "Posion kunta"), on: connection)
        let error = #expect(throws: StoreError.self) { try Bodies.list(organization: nil, on: connection) }
        #expect(error?.message == "the register has 2 organizations, and none was named")
        #expect(error?.hint?.contains("--org") == true)
        #expect(try Bodies.list(organization: "Posion kunta", on: connection).isEmpty)
        #expect(try Bodies.list(organization: "Ranuan kunta", on: connection).count == 1)
        let unknown = #expect(throws: StoreError.self) { try Bodies.list(organization: "Sodankylän kunta", on: connection) }
        #expect(unknown?.kind == .notFound)
    }

    @Test("duplicates are refused as conflicts")
    func duplicates() throws {
        _ = try Organizations.add(try NewOrganization(name: "Ranuan kunta"), on: connection)
        let organization = #expect(throws: StoreError.self) { try Organizations.add(try NewOrganization(name: "Ranuan kunta"), on: connection) }
        #expect(organization?.kind == .conflict)
        _ = try Bodies.add(try NewBody(name: "Kunnanhallitus", kind: "board"), organization: nil, on: connection)
        let body = #expect(throws: StoreError.self) { try Bodies.add(try NewBody(name: "Kunnanhallitus", kind: "council"), organization: nil, on: connection) }
        #expect(body?.message == "body \"Kunnanhallitus\" already exists")
        _ = try People.add(try NewPerson(name: "Matti Meikäläinen"), organization: nil, on: connection)
        _ = try People.add(try NewPerson(name: "Matti Meikäläinen", title: "rehtori"), organization: nil, on: connection)
        let ambiguous = #expect(throws: StoreError.self) { try People.show("Matti Meikäläinen", organization: nil, on: connection) }
        #expect(ambiguous?.kind == .conflict)
    }

    @Test("plain SQL cannot store what the commands refuse", arguments: [
        "SELECT pykala.add_organization('X', NULL, '0201256-5')",
        "SELECT pykala.add_organization(' X', NULL, NULL)",
        "INSERT INTO pykala.project (organization_id, name, partners) SELECT id, 'P', ARRAY[' padded'] FROM pykala.organization",
    ])
    func checksHold(_ sql: String) throws {
        _ = try Organizations.add(try NewOrganization(name: "Ranuan kunta"), on: connection)
        let error = #expect(throws: PostgresError.self) { try connection.execute(sql) }
        #expect(error?.sqlState == .checkViolation)
    }

    @Test("an auditor can read the directory but not add to it")
    func auditor() throws {
        _ = try Organizations.add(try NewOrganization(name: "Ranuan kunta"), on: connection)
        try connection.execute("DO $$ BEGIN CREATE ROLE directory_test_auditor LOGIN IN ROLE pykala_auditor; EXCEPTION WHEN duplicate_object THEN NULL; END $$")
        try connection.execute("SET SESSION AUTHORIZATION directory_test_auditor")
        defer { _ = try? connection.execute("RESET SESSION AUTHORIZATION") }
        #expect(try Organizations.list(on: connection).count == 1)
        let error = #expect(throws: StoreError.self) { try Bodies.add(try NewBody(name: "X", kind: "board"), organization: nil, on: connection) }
        #expect(error?.kind == .forbidden)
        #expect(error?.message == "your login has no pykala role that may do this (permission denied for function add_body)")
        let open = #expect(throws: StoreError.self) {
            try Cases.open(try NewCase(title: "T", classification: "1", year: 2020, number: nil), organization: nil, on: connection)
        }
        #expect(open?.kind == .forbidden)
    }
}
