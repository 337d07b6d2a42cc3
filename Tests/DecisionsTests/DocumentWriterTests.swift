import Decisions
import Foundation
import PropertyBased
import Testing

/// What DocumentWriter writes, DocumentReader reads back the same.
@Suite("writing decision documents")
struct DocumentWriterTests {
    @Test("every corpus draft written as YAML and as JSON reads back the same", arguments: MinutesImportTests.files)
    func roundTrip(_ file: String) throws {
        let defaults = MinutesDraft.Defaults(organization: "Lapuan kaupunki", body: "Lautakunta", meetingDate: CalendarDate(year: 2025, month: 1, day: 2))
        for draft in MinutesImportTests.drafts(try MinutesImportTests.text(file), defaults: defaults) {
            var document = draft.document
            if document.title.isEmpty { document.title = "Otsikko" }
            let tree = DocumentWriter.tree(document)
            #expect(try DocumentReader.read(DocumentWriter.yaml(tree), file: "draft.yaml") == [document], "\(file) yaml")
            #expect(try DocumentReader.read(DocumentWriter.json(tree), file: "draft.json") == [document], "\(file) json")
        }
    }

    @Test("money as cents and dates as ISO")
    func normalised() throws {
        var document = DecisionDocument(body: "Kunnanhallitus", title: "T")
        document.total = Money(cents: 100_000)
        document.costShares = [.init(year: 2020, amount: Money(cents: 100_000))]
        document.meeting = .init(date: try #require(CalendarDate(year: 2020, month: 2, day: 24)), section: 39)
        let yaml = DocumentWriter.yaml(DocumentWriter.tree(document))
        #expect(yaml.contains("total_cents: 100000\n"))
        #expect(yaml.contains("amount_cents: 100000\n"))
        #expect(yaml.contains("date: \"2020-02-24\"\n"))
    }

    @Test("any text survives YAML and JSON: quotes, colons, hashes, dashes, line breaks, look-alike numbers")
    func anyText() async {
        let pieces = ["a", "ä", " ", ": ", " #", "#", "- ", "\"", "'", "\\", "\n", "\n\n", "\t", "null", "yes", "1.5", "2020-02-20", "€",
                      "§", "{", "}", "[", "]", ",", "&", "*", "!", "|", ">", "%", "@", "`", "\u{00A0}", "\u{2028}", "\u{7F}", "~", "?"]
        let texts = Gen<String?>.element(of: pieces).map { $0 ?? "" }.array(of: 1...20).map { $0.joined() }
        await propertyCheck(count: 1500, input: texts) { text throws in
            let trimmed = text.trimmingWhitespace()
            guard !trimmed.isEmpty else { return }
            var document = DecisionDocument(body: "Kunnanhallitus", title: "T")
            document.description = trimmed
            let tree = DocumentWriter.tree(document)
            let fromYAML = try DocumentReader.read(DocumentWriter.yaml(tree), file: "t.yaml").first
            #expect(fromYAML?.description == trimmed, "\(trimmed.debugDescription)")
            let fromJSON = try DocumentReader.read(DocumentWriter.json(tree), file: "t.json").first
            #expect(fromJSON?.description == trimmed, "\(trimmed.debugDescription)")
        }
    }
}
