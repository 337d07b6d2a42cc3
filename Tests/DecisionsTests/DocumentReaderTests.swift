import Decisions
import Foundation
import Testing

@Suite("decision documents")
struct DocumentReaderTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    private func read(_ yaml: String) throws -> DecisionDocument {
        let documents = try DocumentReader.read(yaml, file: "test.yaml")
        #expect(documents.count == 1)
        return try #require(documents.first)
    }

    private func problems(_ yaml: String) -> [DocumentProblem] {
        do {
            _ = try DocumentReader.read(yaml, file: "test.yaml")
            Issue.record("expected the document to be refused")
            return []
        } catch let error as DocumentError {
            return error.problems
        } catch {
            Issue.record("unexpected error \(error)")
            return []
        }
    }

    @Test("the worked example reads exactly as in the seed")
    func workedExample() throws {
        let text = try String(contentsOf: Self.repository.appendingPathComponent("examples/ranua-2020-39.yaml"), encoding: .utf8)
        let document = try #require(try DocumentReader.read(text, file: "ranua-2020-39.yaml").first)
        #expect(document.organization == "Ranuan kunta")
        #expect(document.body == "Kunnanhallitus")
        #expect(document.caseInfo?.diaryNumber == .structured(running: 2265, classification: "15.151", year: 2020))
        #expect(document.meeting?.date == CalendarDate(year: 2020, month: 2, day: 24))
        #expect(document.meeting?.section == 39)
        #expect(document.outcome == .approved)
        #expect(document.total == Money(cents: 100_000))
        #expect(document.costShares.map(\.year) == [2020, 2021, 2022])
        #expect(document.costShares.map(\.amount.cents) == [20_000, 40_000, 40_000])
        #expect(document.costShares.allSatisfy { $0.source == "osastojen hallintomäärärahoista" })
        #expect(document.deadlines.first?.kind == .replyBy)
        #expect(document.deadlines.first?.date == CalendarDate(year: 2020, month: 2, day: 20))
        #expect(document.deadlines.count == 1)
        #expect(document.deadlines.first?.text == "Osallistumisilmoitusta pyydetään 20.2.2020 mennessä.")
        #expect(document.contacts.map(\.name) == ["Anitta Jaakola", "Sirpa Hakala"])
        #expect(document.contacts[0].role == .contactPerson)
        #expect(document.contacts[0].title == "hyvinvointikoordinaattori")
        #expect(document.contacts[1].phone == "040 539 4293")
        #expect(document.contacts[1].email == "etunimi.sukunimi@ranua.fi")
        #expect(document.project?.coordinator == "Lapin ammattikorkeakoulu")
        #expect(document.publicity == .public)
        #expect(document.proposal?.contains("hyvinvointikoordinaattori Anitta Jaakola") == true)
    }

    @Test("JSON reads the same way")
    func json() throws {
        let document = try read(#"{"body": "Kunnanhallitus", "title": "T", "total": "1 000 €", "cost_shares": [{"year": 2020, "amount_cents": 100000}]}"#)
        #expect(document.costShares.first?.amount == Money(cents: 100_000))
    }

    @Test("an unknown key is refused with its line")
    func unknownKey() {
        let found = problems("body: Kunnanhallitus\ntitle: T\ncolour: blue\n")
        #expect(found.count == 1)
        #expect(found.first?.description.hasPrefix("test.yaml:3:1: colour: is not a known key") == true)
    }

    @Test("missing body and title are both reported")
    func missingRequired() {
        let fields = problems("outcome: approved\n").map(\.field)
        #expect(fields.contains("body"))
        #expect(fields.contains("title"))
    }

    @Test("shares that do not add up to the total are refused naming both sums")
    func sharesMustAddUp() {
        let found = problems("""
            body: Kunnanhallitus
            title: T
            total: 1 000 €
            cost_shares:
              - {year: 2020, amount: 200 €}
              - {year: 2021, amount: 400 €}
              - {year: 2022, amount: 300 €}
            """)
        #expect(found.map(\.message) == ["the shares add up to 900,00 €, but total is 1 000,00 €; they must be equal"])
        #expect(found.first?.line == 3)
    }

    @Test(
        "bad values are refused naming field, value and line",
        arguments: [
            ("deadlines:\n  - {kind: reply_by, date: 31.2.2020}", "deadlines[0].date", "\"31.2.2020\"", 4),
            ("deadlines:\n  - {kind: reply_by, date: 1.1.24}", "deadlines[0].date", "four digits", 4),
            ("deadlines:\n  - {kind: soon, date: 1.1.2024}", "deadlines[0].kind", "reply_by, notify_by", 4),
            ("cost_shares:\n  - {year: 2020, amount: 1.5}", "cost_shares[0].amount", "\"1.5\"", 4),
            ("cost_shares:\n  - {year: 2020, amount: -5 €}", "cost_shares[0].amount", "negative", 4),
            ("cost_shares:\n  - {year: 20, amount: 5 €}", "cost_shares[0].year", "\"20\"", 4),
            ("outcome: accepted", "outcome", "approved, approved_after_vote", 3),
            ("contacts:\n  - {role: boss, name: X}", "contacts[0].role", "contact_person", 4),
            ("contacts:\n  - {role: preparer, name: X, email: not-an-address}", "contacts[0].email", "not-an-address", 4),
            ("case: {diary_number: 0/15.151/2020}", "case.diary_number", "running number", 3),
            ("publicity: maybe", "publicity", "{secret: LEGAL BASIS}", 3),
            ("meeting: {date: tomorrow}", "meeting.date", "\"tomorrow\"", 3),
        ])
    func badValue(_ yaml: String, _ field: String, _ fragment: String, _ line: Int) {
        let found = problems("body: Kunnanhallitus\ntitle: T\n" + yaml + "\n")
        #expect(found.count == 1, "\(found)")
        #expect(found.first?.field == field)
        #expect(found.first?.message.contains(fragment) == true, "\(found.first?.message ?? "")")
        #expect(found.first?.line == line)
    }

    @Test("a 10 MB description is refused before anything is sent")
    func hugeDescription() {
        let found = problems("body: B\ntitle: T\ndescription: \(String(repeating: "a", count: 10_000_000))\n")
        #expect(found.first?.field == "description")
        #expect(found.first?.message.contains("at most 200000") == true)
    }

    @Test("a NUL byte is refused")
    func nul() {
        #expect(problems("body: B\ntitle: \"a\\0b\"\n").first?.message == "contains a NUL byte")
    }

    @Test("a duplicate key is a syntax problem, not a silent overwrite")
    func duplicateKey() {
        #expect(problems("body: A\nbody: B\ntitle: T\n").first?.message == "the key appears twice")
    }

    @Test("a file may hold several decisions, and one bad one refuses them all")
    func several() throws {
        let two = try DocumentReader.read("- {body: B, title: One}\n- {body: B, title: Two}\n", file: "many.yaml")
        #expect(two.map(\.title) == ["One", "Two"])
        let found = problems("- {body: B, title: One}\n- {body: B, title: Two, total: x}\n")
        #expect(found.first?.field == "[1].total" || found.first?.field == "total")
    }

    @Test("secret decisions carry their legal basis")
    func secret() throws {
        let document = try read("body: B\ntitle: T\npublicity: {secret: JulkL 24 § 1 mom. 25 k.}\n")
        #expect(document.publicity == .secret(basis: "JulkL 24 § 1 mom. 25 k."))
    }
}
