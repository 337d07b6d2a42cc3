import DecisionStore
import Decisions
import Foundation
import Postgres
import PostgresTestSupport
import PublicWeb
import Reports
import Testing

/// A register with what the portal must show and what it must never show: the worked
/// example (published), a secret § (published), a § with a private person as contact
/// (published, appeal period running), one whose appeal period has ended, and a draft.
struct PortalFixture {
    /// Texts that must appear nowhere in the portal's output, nor in what its login can read.
    static let secrets = [
        "XYZZY salainen selostus", "SALAINEN EHDOTUS", "040 111 1111", "salla@example.fi", "Salla Salainen",
        "050 222 3333", "pekka.yksityinen@example.com", "Maija Menneisyys", "050 444 5555",
        "LUONNOSTEKSTI QWERTY", "Luonnos joka ei ole julkinen",
    ]
    /// Texts that must appear (so that an empty answer cannot pass the leak checks).
    static let published = [
        "Turvallisuus -hankeyhteistyöhön osallistuminen", "Salainen henkilöstöasia", "JulkL 24 § 1 mom. 32 k",
        "Hallitus hyväksyi esityksen.", "Pekka Yksityinen", "Avustus kyläyhdistykselle",
    ]

    let database: TestDatabase
    let server: PortalServer

    init() throws {
        database = try TestPostgres.migratedDatabase()
        let admin = try database.connect()
        try admin.execute("SELECT pykala.add_organization('Ranuan kunta', 'Ranua kommun', NULL)")
        try admin.execute("SELECT pykala.add_body('Ranuan kunta', 'Kunnanhallitus', 'board', 'Kommunstyrelsen')")
        let example = try Self.example()
        try DecisionRegistry.register(
            [example, try Self.secret(), try Self.withPrivatePerson(41, "Avustus kyläyhdistykselle", "Pekka Yksityinen", "050 222 3333",
                                                                   "pekka.yksityinen@example.com"),
             try Self.withPrivatePerson(42, "Kyläkoulun katon korjaus", "Maija Menneisyys", "050 444 5555", "maija@example.com"),
             try Self.draft()],
            createMissing: true, on: admin)
        let source = try String(contentsOf: TestPostgres.resources.root.appendingPathComponent("workflows/council-decision.yaml"), encoding: .utf8)
        _ = try Workflows.load(try WorkflowReader.read(source, file: "council-decision.yaml"), source: source, organization: nil, on: admin)
        _ = try Meetings.new(body: "Kunnanhallitus", date: try CalendarDate(parsing: "24.2.2020"), number: "4/2020", place: nil,
                             organization: nil, on: admin)
        for id in Int64(1)...4 {
            for action in ["submit", "approve", "put_on_agenda", "decide", "check_minutes", "publish"] {
                _ = try Transitions.take(action, on: .id(id), expectedVersion: nil, comment: nil, requestID: UUID(), organization: nil,
                                         connect: { admin })
            }
        }
        // The fourth §'s appeal period is over: its private contact's name must be gone.
        try admin.execute("UPDATE pykala.deadline SET due_date = '2020-03-20' WHERE decision_id = 4 AND kind = 'appeal_ends'")
        server = try Self.server(for: database, cacheLifetime: .zero)
    }

    /// A portal over `database`, reading as the portal's login.
    static func server(for database: TestDatabase, cacheLifetime: Duration) throws -> PortalServer {
        let target = DatabaseTarget.configured(conninfo: database.conninfo(as: PortalLogin.role), source: "the test")
        let templates = try TemplateLibrary(directory: TestPostgres.resources.templates)
        return PortalServer(database: try PortalDatabase(target: target), templates: templates, cacheLifetime: cacheLifetime)
    }

    /// The last day of a decision's appeal period as pages show it (`16.12.2026`).
    func appealEnd(of decision: Int64) throws -> String? {
        let row = try database.connect().execute(
            "SELECT to_char(max(due_date), 'FMDD.FMMM.YYYY') AS day FROM pykala.deadline WHERE decision_id = $1 AND kind = 'appeal_ends'",
            [decision])
        return try row.first?.get("day", as: String?.self)
    }

    static func example() throws -> DecisionDocument {
        let url = TestPostgres.resources.root.appendingPathComponent("examples/ranua-2020-39.yaml")
        return try #require(try DocumentReader.read(String(contentsOf: url, encoding: .utf8), file: "ranua-2020-39.yaml").first)
    }

    private static func base(_ section: Int, _ title: String) throws -> DecisionDocument {
        var document = DecisionDocument(body: "Kunnanhallitus", title: title)
        document.organization = "Ranuan kunta"
        document.meeting = DecisionDocument.MeetingReference(date: try CalendarDate(parsing: "24.2.2020"), section: section)
        document.proposal = "Kunnanhallitus päättää asiasta."
        document.decision = "Hallitus hyväksyi esityksen."
        document.outcome = .approved
        return document
    }

    static func secret() throws -> DecisionDocument {
        var document = try base(40, "Salainen henkilöstöasia")
        document.description = "XYZZY salainen selostus henkilön terveydentilasta."
        document.proposal = "SALAINEN EHDOTUS"
        document.publicity = .secret(basis: "JulkL 24 § 1 mom. 32 k")
        document.total = Money(cents: 50_000)
        document.costShares = [DecisionDocument.CostShare(year: 2020, amount: Money(cents: 50_000), source: "henkilöstökulut")]
        var contact = DecisionDocument.Contact(role: .contactPerson, name: "Salla Salainen")
        contact.title = "henkilöstöpäällikkö"
        contact.phone = "040 111 1111"
        contact.email = "salla@example.fi"
        document.contacts = [contact]
        return document
    }

    static func withPrivatePerson(_ section: Int, _ title: String, _ name: String, _ phone: String, _ email: String) throws
        -> DecisionDocument
    {
        var document = try base(section, title)
        document.description = "Yhdistys hakee avustusta."
        var person = DecisionDocument.Contact(role: .contactPerson, name: name)
        person.phone = phone
        person.email = email
        person.isPrivate = true
        var official = DecisionDocument.Contact(role: .furtherInformation, name: "Sirpa Hakala")
        official.title = "kunnanjohtaja"
        official.phone = "040 539 4293"
        document.contacts = [person, official]
        return document
    }

    static func draft() throws -> DecisionDocument {
        var document = try base(43, "Luonnos joka ei ole julkinen")
        document.description = "LUONNOSTEKSTI QWERTY"
        return document
    }
}
