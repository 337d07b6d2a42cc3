import Decisions
import Foundation
import PropertyBased
import Testing

/// The importer against every corpus section: the expected drafts in
/// Tests/Fixtures/minutes/expected were checked value by value against the text by hand.
@Suite("importing real minutes into draft decisions")
struct MinutesImportTests {
    static let directory = MinutesHeaderTests.directory
    static let files = MinutesHeaderTests.corpus.map(\.file)

    static func text(_ file: String) throws -> String {
        try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
    }

    static func drafts(_ text: String, defaults: MinutesDraft.Defaults = .init()) -> [MinutesDraft] {
        MinutesImport.sections(in: text).map { MinutesDraft(section: $0, defaults: defaults) }
    }

    static func yaml(_ text: String) -> String {
        drafts(text).map { DocumentWriter.yaml(DocumentWriter.tree($0.document)) }.joined(separator: "---\n")
    }

    /// A written document's top-level fields, each as its block of lines; `null` fields left out.
    static func fields(_ yaml: String) -> [String: String] {
        var fields: [String: String] = [:]
        var key: String?
        for line in yaml.split(separator: "\n", omittingEmptySubsequences: false) {
            if let first = line.first, first != " ", let colon = line.firstIndex(of: ":") {
                key = String(line[..<colon])
                fields[key!] = String(line[line.index(after: colon)...])
            } else if let key {
                fields[key]! += "\n" + line
            }
        }
        return fields.filter { $0.value.trimmingWhitespace() != "null" }.mapValues { $0.trimmingWhitespace() }
    }

    static func expected(_ file: String) throws -> String {
        let name = (file as NSString).deletingPathExtension + ".yaml"
        return try String(contentsOf: directory.appendingPathComponent("expected/\(name)"), encoding: .utf8)
    }

    @Test("every corpus section and the seed, field by field", arguments: files)
    func corpusSection(_ file: String) throws {
        let found = Self.fields(Self.yaml(try Self.text(file)))
        let wanted = Self.fields(try Self.expected(file))
        for key in Set(found.keys).union(wanted.keys).sorted() {
            #expect(found[key] == wanted[key], "\(file): \(key)")
        }
    }

    @Test("precision and recall over the corpus (printed): every field right, nothing extracted that is not there")
    func precisionAndRecall() throws {
        var right = 0, extracted = 0, present = 0
        var perField: [String: (right: Int, extracted: Int, present: Int)] = [:]
        for file in Self.files {
            let found = Self.fields(Self.yaml(try Self.text(file)))
            let wanted = Self.fields(try Self.expected(file))
            for key in Set(found.keys).union(wanted.keys) {
                var counts = perField[key] ?? (0, 0, 0)
                if found[key] != nil { extracted += 1; counts.extracted += 1 }
                if wanted[key] != nil { present += 1; counts.present += 1 }
                if let value = found[key], value == wanted[key] { right += 1; counts.right += 1 }
                perField[key] = counts
            }
        }
        for (field, counts) in perField.sorted(by: { $0.key < $1.key }) {
            print("  \(field): \(counts.right) right of \(counts.extracted) extracted, \(counts.present) present")
        }
        print("minutes import over \(Self.files.count) sections: precision \(Double(right) / Double(max(extracted, 1))), recall \(Double(right) / Double(max(present, 1))) (\(right) right of \(extracted) extracted, \(present) present)")
        #expect(right == extracted)
        #expect(right == present)
    }

    @Test("every value is traced to lines of its section")
    func traced() throws {
        for file in Self.files {
            let text = try Self.text(file)
            let lineCount = text.split(separator: "\n", omittingEmptySubsequences: false).count
            for draft in Self.drafts(text) {
                for source in draft.sources where source.via == "text" || source.via == "handling line" || source.via == "page heading" {
                    let lines = try #require(source.lines, "\(file): \(source.field) has no lines")
                    #expect(lines.lowerBound >= 1 && lines.upperBound <= lineCount, "\(file): \(source.field) \(lines)")
                    #expect(draft.lines.contains(lines.lowerBound), "\(file): \(source.field)")
                }
            }
        }
    }

    @Test("what was not filled is listed: body and meeting where the text is silent, the unread lines with their reason")
    func gapsAndUnused() throws {
        let silent = try #require(Self.drafts(try Self.text("009_lapua-kh-maaraalan-myynti-palautus.txt")).first)
        #expect(silent.gaps.map(\.field) == ["organization", "body", "meeting.date"])
        #expect(silent.unused.map(\.reason) == ["attachments"])
        let earlier = try #require(Self.drafts(try Self.text("012_lapua-kh-kannykkakielto-aloite-aanestys-palautus.txt")).first)
        #expect(earlier.unused.first?.reason == "earlier handling Sivistyslautakunta 21.11.2024 § 122, kept as history")
        #expect(earlier.gaps.map(\.field) == ["description"])
        let filled = try #require(Self.drafts(try Self.text("009_lapua-kh-maaraalan-myynti-palautus.txt"),
            defaults: .init(organization: "Lapuan kaupunki", body: "Kaupunginhallitus", meetingDate: CalendarDate(year: 2025, month: 9, day: 8))).first)
        #expect(filled.gaps.isEmpty)
        #expect(filled.document.meeting == .init(date: try #require(CalendarDate(year: 2025, month: 9, day: 8)), section: 317))
    }

    @Test("two sections in one file are read as two drafts, each as when alone")
    func severalSections() throws {
        let first = try Self.text("001_lapua-kh-harmanmaa-kuntarahaosuus.txt")
        let second = try Self.text("014_lapua-kh-maauimala-oikaisuvaatimus.txt")
        let both = Self.drafts(first + "\n" + second)
        #expect(both.count == 2)
        #expect(both.map(\.document) == Self.drafts(first).map(\.document) + Self.drafts(second).map(\.document))
        // The second section starts at its own first line (its list of handlings), after the blank line that joined the files.
        #expect(both[1].lines.lowerBound == first.split(separator: "\n", omittingEmptySubsequences: false).count + 1)
        #expect(both[0].lines.upperBound < both[1].lines.lowerBound)
    }

    @Test("zero-width characters, odd and extra spaces and CRLF line ends inserted anywhere change nothing", arguments: [
        "002_lapua-kh-vihreat-tekijat-kuntarahaosuus.txt", "012_lapua-kh-kannykkakielto-aloite-aanestys-palautus.txt",
        "seed-004-ranua-kh-2020-39.txt",
    ])
    func noise(_ file: String) async throws {
        let text = try Self.text(file)
        let clean = Self.yaml(text)
        let scalars = Array(text.unicodeScalars)
        let spaces = scalars.indices.filter { scalars[$0] == " " }
        let edits = Gen.int(in: 0..<1_000_000).array(of: 1...8)
        await propertyCheck(count: 60, input: edits) { picks throws in
            var noisy = scalars
            for pick in picks.sorted(by: >) {
                switch pick % 4 {
                case 0: noisy.insert(["\u{200B}", "\u{00AD}", "\u{FEFF}", "\u{2060}"][pick / 4 % 4], at: pick / 16 % (noisy.count + 1))
                case 1: if let at = spaces.last(where: { $0 < noisy.count && noisy[$0] == " " && $0 <= pick / 4 % noisy.count }) { noisy[at] = "\u{00A0}" }
                case 2: if let at = spaces.last(where: { $0 < noisy.count && noisy[$0] == " " && $0 <= pick / 4 % noisy.count }) { noisy.insert(" ", at: at) }
                default: if let at = noisy.indices.last(where: { noisy[$0] == "\n" && $0 <= pick / 4 % noisy.count }) { noisy.insert("\r", at: at) }
                }
            }
            #expect(Self.yaml(String(String.UnicodeScalarView(noisy))) == clean)
        }
    }

    @Test("random text never crashes the importer, and every value it finds is traced to a line")
    func randomText() async {
        let pieces = ["§ 12", "\n", " ", "Päätös", "Ehdotus", "Esittelijä: Satu Kankare, Kaupunginjohtaja", "1.000 euroa", "vuonna 2020",
                      "200 € vuonna 2021", "Kuntarahoitus\n1 2 3 6", "2025 Yhteensä", "20.2.2020 mennessä", "viimeistään 1.1.2024",
                      "Esteellisenä (jäävi) Matti Meikäläinen.", "hyväksyi ehdotuksen", "pöydälle", "4 JAA-ääntä ja 7 EI-ääntä",
                      "Kaupunginhallitus, 02.12.2024, § 357", "LAPDno-2025-1", "Lapuan kaupunki\nKaupunginhallitus\nPöytäkirja\n1.1.2024\n1/2024\n1 (2)",
                      "Liitteet", "1 Kartta.pdf", "-", "\u{200B}", "\u{00A0}", "\"Hanke\" -hanke", "ä", "x"]
        let texts = Gen<String?>.element(of: pieces).map { $0 ?? "" }.array(of: 0...60).map { $0.joined() }
        await propertyCheck(count: 1500, input: texts) { text throws in
            let lineCount = text.split(separator: "\n", omittingEmptySubsequences: false).count
            for draft in Self.drafts(text) {
                for source in draft.sources {
                    if let lines = source.lines { #expect(lines.lowerBound >= 1 && lines.upperBound <= lineCount) }
                }
                if let total = draft.document.total, !draft.document.costShares.isEmpty {
                    #expect(Money.sum(draft.document.costShares.map(\.amount)) == total)
                }
            }
        }
    }

    @Test("a Swedish section: labels, disqualification, outcome and deadline")
    func swedish() throws {
        let text = """
            § 12
            Begäran om utlåtande
            PEDDnr-2017-12
            Beredare / mer information:
            Anna Berg, kanslichef, anna.berg@example.fi
            Ministeriet begär ett utlåtande senast 15.3.2017.
            Förslag
            Föredragande: Mats Nyman, kommundirektör
            Kommunstyrelsen ger ett utlåtande enligt bilaga.
            Beslut
            Förslaget godkändes.
            Jäv
            Jävig (intressejäv) var ledamoten Lars Holm.
            """
        let draft = try #require(Self.drafts(text).first)
        #expect(draft.document.meeting == nil)
        #expect(draft.document.title == "Begäran om utlåtande")
        #expect(draft.document.caseInfo?.diaryNumber?.description == "PEDDnr-2017-12")
        #expect(draft.document.proposal == "Kommunstyrelsen ger ett utlåtande enligt bilaga.")
        #expect(draft.document.outcome == .approved)
        #expect(draft.document.disqualified == [.init(name: "Lars Holm", ground: "intressejäv")])
        #expect(draft.document.deadlines.map(\.kind) == [.replyBy])
        #expect(draft.document.contacts.map(\.name) == ["Anna Berg", "Mats Nyman"])
    }

    @Test("ambiguous amounts are left empty and reported, never guessed", arguments: [
        // Two different commitments in one proposal: which is the total?
        ("§ 1\nT\nLAPDno-2025-1\nEhdotus\nKaupunginhallitus myöntää 1.000 euron kuntarahaosuudella ja 2.000 euron kuntarahaosuudella.\nPäätös\nHyväksyttiin.",
         "total"),
        // Shares that do not add up to the total.
        ("§ 1\nT\nLAPDno-2025-1\nKunta maksaa 100 euroa vuonna 2020 ja 100 euroa vuonna 2021.\nEhdotus\nKaupunginhallitus päättää osallistua 300 euron kuntarahaosuudella.\nPäätös\nHyväksyttiin.",
         "cost_shares"),
        // One year with two amounts.
        ("§ 1\nT\nLAPDno-2025-1\nKunta maksaa 100 euroa vuonna 2020 tai 200 euroa vuonna 2020.\nPäätös\nHyväksyttiin.", "cost_shares"),
    ])
    func ambiguous(_ text: String, _ field: String) throws {
        let draft = try #require(Self.drafts(text).first)
        #expect(draft.gaps.contains { $0.field == field })
        if field == "total" { #expect(draft.document.total == nil) } else { #expect(draft.document.costShares.isEmpty) }
    }

    @Test("a budget table's shares are read only when exactly one reading adds up", arguments: [
        ("Kuntarahoitus\n6 134 22 311 9 456 37 901", [613_400, 2_231_100, 945_600] as [Int64]),
        ("Kuntarahoitus\n1 1 1 3", [100, 100, 100]),
        ("Kuntarahoitus\n1 2 3 7", []),
    ])
    func budgetTable(_ rows: String, _ cents: [Int64]) throws {
        let text = "§ 1\nT\nLAPDno-2025-1\nHankkeen kustannus 2025 2026\n2027 Yhteensä €\n\(rows)\nPäätös\nHyväksyttiin."
        let draft = try #require(Self.drafts(text).first)
        #expect(draft.document.costShares.map(\.amount.cents) == cents)
    }
}
