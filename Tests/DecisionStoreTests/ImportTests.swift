import DecisionStore
import Decisions
import Foundation
import Postgres
import PostgresTestSupport
import Testing

/// Issue 8's end-to-end check: the seed's text, imported and accepted, registers as the
/// hand-written worked example does.
@Suite("importing minutes into the register")
struct ImportTests {
    static func seedDrafts(organization: String?) throws -> [MinutesDraft] {
        let url = TestPostgres.resources.root.appendingPathComponent("examples/ranua-2020-39.txt")
        let text = try String(contentsOf: url, encoding: .utf8)
        return MinutesImport.sections(in: text).map { MinutesDraft(section: $0, defaults: .init(organization: organization)) }
    }

    @Test("the imported seed registers exactly as examples/ranua-2020-39.yaml: card, case and project")
    func seedEqualsExample() throws {
        let byHand = try TestPostgres.migratedDatabase().connect()
        let imported = try TestPostgres.migratedDatabase().connect()
        _ = try DecisionRegistry.register([try RegisterTests.exampleFile()], createMissing: true, on: byHand)
        let drafts = try Self.seedDrafts(organization: "Ranuan kunta")
        #expect(drafts.count == 1)
        #expect(drafts.first?.gaps.isEmpty == true)
        let result = try DecisionRegistry.register(drafts.map(\.document), createMissing: true, on: imported)
        #expect(result.decisions.count == 1)
        let reference = DecisionReference.diaryNumber("2265/15.151/2020")
        let expected = try DecisionQueries.card(reference, on: byHand)
        let actual = try DecisionQueries.card(reference, on: imported)
        #expect(actual == expected)
        #expect(actual.total?.description == "1 000,00 €")
        #expect(actual.costShares.map(\.amount.cents) == [20_000, 40_000, 40_000])
        #expect(actual.contacts.map(\.name) == ["Anitta Jaakola", "Sirpa Hakala"])
        for connection in [byHand, imported] {
            let project = try Projects.show("Turvallisuus -hankeyhteistyö", organization: nil, asOfYear: 2020, on: connection)
            #expect(project.coordinator == "Lapin ammattikorkeakoulu")
        }
        let caseTitle = "SELECT title FROM pykala.\"case\""
        #expect(try imported.execute(caseTitle)[0].get("title", as: String.self) == byHand.execute(caseTitle)[0].get("title", as: String.self))
    }

    @Test("without an organization in the text or the options, the register's only organization is used")
    func onlyOrganization() throws {
        let connection = try TestPostgres.migratedDatabase().connect()
        _ = try DecisionRegistry.register([try RegisterTests.exampleFile()], createMissing: true, on: connection)
        var draft = try #require(try Self.seedDrafts(organization: nil).first).document
        #expect(draft.organization == nil)
        draft.caseInfo?.diaryNumber = try DiaryNumber(parsing: "2266/15.151/2020")
        draft.meeting = nil
        let result = try DecisionRegistry.register([draft], createMissing: false, on: connection)
        let card = try DecisionQueries.card(.id(try #require(result.decisions.first?.id)), on: connection)
        #expect(card.organization == "Ranuan kunta")
    }
}
