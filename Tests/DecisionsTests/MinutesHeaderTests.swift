import Decisions
import Foundation
import PropertyBased
import Testing

/// The heads of every corpus section (Tests/Fixtures/minutes), as read by hand from the text.
@Suite("reading the head of a section of real minutes")
struct MinutesHeaderTests {
    struct Expected: Sendable, CustomStringConvertible {
        let file: String
        let section: Int?
        let title: String?
        let diaryNumber: String?
        /// `Body D.M.YYYY §N`, in the text's order.
        let handlings: [String]
        var description: String { file }
    }

    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/minutes")

    static let corpus: [Expected] = [
        .init(file: "001_lapua-kh-harmanmaa-kuntarahaosuus.txt", section: 300,
              title: "Kauhavan kaupungin hallinnoiman Härmänmaan sopimusvalmistuksen puolustus- ja kaksikäyttöteollisuuden kasvuohjelma -hankkeen kuntarahaosuus",
              diaryNumber: "LAPDno-2025-763", handlings: []),
        .init(file: "002_lapua-kh-vihreat-tekijat-kuntarahaosuus.txt", section: 76,
              title: "Thermopolis Oy / Alueellisen Vihreät tekijät -hankkeen kuntarahaosuus", diaryNumber: "LAPDno-2025-294", handlings: []),
        .init(file: "003_lapua-kh-energian-varastointi-kuntarahaosuus.txt", section: 402,
              title: "Thermopolis Oy / Energian varastoinnin kehittämishankkeen kuntarahaosuus", diaryNumber: "LAPDno-2025-939", handlings: []),
        .init(file: "004_lapua-kh-maahanmuuttajasta-yrittajaksi-kuntarahaosuus.txt", section: 253,
              title: "Maahanmuuttajasta yrittäjäksi Etelä-Pohjanmaalla -hankkeen kuntarahaosuus", diaryNumber: "LAPDno-2025-671", handlings: []),
        .init(file: "005_lapua-kh-joukkoliikenneselvitys-maksuosuus.txt", section: 280,
              title: "Seinäjoen seudullinen liikenneryhmä joukkoliikenteen kehittämisselvitys -hanke", diaryNumber: "LAPDno-2025-674", handlings: []),
        .init(file: "006_lapua-kh-esr-hankehaku-omarahoitus.txt", section: 196,
              title: "ESR-hankkeen haku nuorten työllistämiseen", diaryNumber: "LAPDno-2025-585", handlings: []),
        .init(file: "007_lapua-hyvltk-koulunuorisotyo-hankehaku.txt", section: 55,
              title: "Hankehaku / Koulunuorisotyön toimintamallien kehittäminen ja juurruttaminen Lapualla 2025-2026",
              diaryNumber: "LAPDno-2025-491", handlings: []),
        .init(file: "008_lapua-kh-avantouimarit-kuntarahoitus.txt", section: 144,
              title: "Lapuan avantouimarit ry:n kuntarahoitushakemus saunahankkeeseen", diaryNumber: "LAPDno-2024-821",
              handlings: ["Kaupunginhallitus 21.11.2024 §330", "Kaupunginhallitus 28.4.2025 §144"]),
        .init(file: "009_lapua-kh-maaraalan-myynti-palautus.txt", section: 317,
              title: "Määräalan myynti tilasta 408-401-35-3 / MPV-Infrarakenne Oy", diaryNumber: "LAPDno-2025-798", handlings: []),
        .init(file: "012_lapua-kh-kannykkakielto-aloite-aanestys-palautus.txt", section: 357,
              title: "Valtuustoaloite kännykkäkiellosta Lapuan peruskoulujen oppitunneilla", diaryNumber: "LAPDno-2024-248",
              handlings: ["Sivistyslautakunta 21.11.2024 §122", "Kaupunginhallitus 2.12.2024 §357"]),
        .init(file: "014_lapua-kh-maauimala-oikaisuvaatimus.txt", section: 56,
              title: "Maauimalan vuokrasopimuksen irtisanominen / Oikaisuvaatimus", diaryNumber: "LAPDno-2025-18",
              handlings: ["Kaupunginhallitus 20.1.2025 §5", "Kaupunginhallitus 24.2.2025 §56"]),
        .init(file: "018_lapua-ymplk-kaapelin-sijoittamislupa-poydalle.txt", section: 60,
              title: "Kaapelin sijoittamislupa kiinteistölle 408-402-61-3/Elenia Verkko Oyj", diaryNumber: "LAPDno-2023-604", handlings: []),
        // One line without breaks: the title ends where the deciding sentence ("Kommunstyrelsen beslutade") begins.
        .init(file: "020_pedersore-ks-godkannande-av-foredragningslistan.txt", section: 3,
              title: "Godkännande av föredragningslistan samt komplettering med eventuella övriga ärenden", diaryNumber: nil, handlings: []),
        .init(file: "seed-004-ranua-kh-2020-39.txt", section: 39, title: "Turvallisuus -hankeyhteistyöhön osallistuminen",
              diaryNumber: "2265/15.151/2020", handlings: ["Kunnanhallitus 24.2.2020 §39"]),
    ]

    static func header(_ file: String) throws -> MinutesHeader {
        MinutesHeader(parsing: try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8))
    }

    static func fields(_ header: MinutesHeader) -> [String: String?] {
        [
            "section": header.section.map(String.init), "title": header.title, "diary_number": header.diaryNumber?.description,
            "handlings": header.handlings.map { "\($0.body) \($0.date) §\($0.section)" }.joined(separator: "; "),
        ]
    }

    @Test("every corpus section's head, field by field", arguments: corpus)
    func corpusSection(_ expected: Expected) throws {
        let header = try Self.header(expected.file)
        #expect(header.section == expected.section)
        #expect(header.title == expected.title)
        #expect(header.diaryNumber?.description == expected.diaryNumber)
        #expect(header.handlings.map { "\($0.body) \($0.date) §\($0.section)" } == expected.handlings)
        if !expected.handlings.isEmpty { #expect(header.current?.section == expected.section) }
    }

    @Test("precision and recall over the corpus (printed), and every field right")
    func precisionAndRecall() throws {
        var right = 0, extracted = 0, present = 0
        for expected in Self.corpus {
            let found = Self.fields(try Self.header(expected.file))
            let wanted: [String: String?] = [
                "section": expected.section.map(String.init), "title": expected.title, "diary_number": expected.diaryNumber,
                "handlings": expected.handlings.joined(separator: "; "),
            ]
            for (field, value) in wanted {
                let want = value.flatMap { $0.isEmpty ? nil : $0 }
                let got = (found[field] ?? nil).flatMap { $0.isEmpty ? nil : $0 }
                if got != nil { extracted += 1 }
                if want != nil { present += 1 }
                if let got, got == want { right += 1 }
            }
        }
        let precision = Double(right) / Double(max(extracted, 1))
        let recall = Double(right) / Double(max(present, 1))
        print("minutes head over \(Self.corpus.count) sections: precision \(precision), recall \(recall) (\(right) right of \(extracted) extracted, \(present) present)")
        #expect(right == extracted)
        #expect(right == present)
    }

    @Test("zero-width spaces, no-break spaces and soft hyphens inserted into a section change nothing")
    func noise() async throws {
        let text = try String(contentsOf: Self.directory.appendingPathComponent("012_lapua-kh-kannykkakielto-aloite-aanestys-palautus.txt"), encoding: .utf8)
        let clean = MinutesHeader(parsing: text)
        let positions = Gen.int(in: 0...text.unicodeScalars.count)
        await propertyCheck(count: 100, input: positions) { position throws in
            var scalars = Array(text.unicodeScalars)
            let noise: [Unicode.Scalar] = ["\u{200B}", "\u{00AD}", "\u{FEFF}"]
            scalars.insert(noise[position % noise.count], at: min(position, scalars.count))
            let noisy = MinutesHeader(parsing: String(String.UnicodeScalarView(scalars)))
            #expect(noisy == clean)
        }
    }

    @Test("random text never crashes the parser")
    func randomText() async {
        let alphabet = Array("§ 0123456789/.-,:\nabcÄÖKaupunginhallitusLAPDno") + ["\u{200B}", "\u{00A0}"]
        let texts = Gen<Character?>.element(of: alphabet).map { $0 ?? " " }.string(of: 0...200)
        await propertyCheck(count: 2000, input: texts) { text throws in
            let header = MinutesHeader(parsing: text)
            if let title = header.title { #expect(title.count <= MinutesHeader.longestTitle + 1) }
        }
    }

    @Test("normalisation: invisible characters go, a word broken across lines is joined", arguments: [
        ("käynnistä-\nmistä", "käynnistämistä"), ("Etelä-\u{200B}\nPohjanmaan", "Etelä-Pohjanmaan"), ("1\u{00A0}000", "1 000"),
        ("a\u{00AD}b\r\nc  ", "ab\nc"), ("puolustus-\u{200B} ja", "puolustus- ja"),
    ])
    func normalised(_ input: String, _ expected: String) {
        #expect(MinutesText.normalized(input) == expected)
    }
}
