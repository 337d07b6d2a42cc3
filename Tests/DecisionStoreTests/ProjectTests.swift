import DecisionStore
import Decisions
import Postgres
import PostgresTestSupport
import Testing

@Suite("projects gather their decisions")
struct ProjectTests {
    let connection: Connection
    static let name = "Turvallisuus -hankeyhteistyö"

    init() throws {
        connection = try TestPostgres.migratedDatabase().connect()
    }

    @Test("the worked example's project: costs by year, deadlines and contacts")
    func workedExample() throws {
        try DecisionRegistry.register([try RegisterTests.workedExample()], createMissing: true, on: connection)
        let project = try Projects.show(Self.name, organization: nil, asOfYear: 2021, on: connection)
        #expect(project.coordinator == "Lapin ammattikorkeakoulu")
        #expect(project.period == "2020–2022")
        #expect(project.decisions.map(\.sectionReference) == ["Kunnanhallitus/2020/§39"])
        #expect(project.costs.years.map { "\($0.year) \($0.committed) \($0.toPay)" }
            == ["2020 200,00 € 0,00 €", "2021 400,00 € 400,00 €", "2022 400,00 € 400,00 €"])
        #expect(project.costs.committed.description == "1 000,00 €")
        #expect(project.costs.toPay.description == "800,00 €")
        #expect(project.deadlines.map(\.date.description) == ["11.2.2020", "20.2.2020"])
        #expect(project.contacts.map(\.name) == ["Anitta Jaakola", "Sirpa Hakala"])
        #expect(project.contacts.first?.roles == ["contact_person"])
        let listed = try #require(try Projects.list(organization: nil, asOfYear: 2021, on: connection).first)
        #expect(listed.decisions == 1)
        #expect(listed.costs.toPay.cents == 80_000)
    }

    @Test("a second decision adds partners, funders and contacts; its unapproved shares count as proposed")
    func secondDecision() throws {
        try DecisionRegistry.register([try RegisterTests.workedExample()], createMissing: true, on: connection)
        var next = try RegisterTests.workedExample()
        next.caseInfo = nil
        next.meeting = nil
        next.outcome = nil
        next.title = "Turvallisuus -hankkeen jatko"
        next.total = nil
        next.costShares = [.init(year: 2023, amount: Money(cents: 50_000), source: nil)]
        next.deadlines = []
        next.contacts = []
        var project = DecisionDocument.ProjectReference(name: Self.name)
        project.partners = ["Ranuan kunta", "Posion kunta", "Ranuan kunta"]
        project.funders = ["Euroopan sosiaalirahasto"]
        var coordinator = DecisionDocument.ProjectContact(name: "Anitta Jaakola")
        coordinator.title = "hyvinvointikoordinaattori"
        coordinator.responsibility = "kunnan yhteyshenkilö"
        project.contacts = [coordinator]
        next.project = project
        try DecisionRegistry.register([next], createMissing: false, on: connection)
        let shown = try Projects.show(Self.name, organization: nil, asOfYear: 2021, on: connection)
        #expect(shown.partners == ["Ranuan kunta", "Posion kunta"])
        #expect(shown.funders == ["Euroopan sosiaalirahasto"])
        #expect(shown.coordinator == "Lapin ammattikorkeakoulu")
        #expect(shown.decisions.count == 2)
        #expect(shown.costs.years.last.map { "\($0.year) \($0.committed) \($0.proposed)" } == "2023 0,00 € 500,00 €")
        #expect(shown.contacts.first?.name == "Anitta Jaakola")
        #expect(shown.contacts.first?.responsibility == "kunnan yhteyshenkilö")
        #expect(shown.costs.toPay.description == "800,00 €")
    }

    @Test("an unknown project is named in the error")
    func unknown() throws {
        _ = try Organizations.add(try NewOrganization(name: "Ranuan kunta"), on: connection)
        let error = #expect(throws: StoreError.self) { try Projects.show("KUJA", organization: nil, asOfYear: 2021, on: connection) }
        #expect(error?.message == "project \"KUJA\" does not exist")
    }
}
