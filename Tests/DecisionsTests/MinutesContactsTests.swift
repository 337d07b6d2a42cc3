import Decisions
import Foundation
import Testing

/// The contacts of every corpus section's current handling, as read by hand from the text.
@Suite("reading the preparers and contacts of real minutes")
struct MinutesContactsTests {
    static let satu = "preparer: Satu Kankare, Kaupunginjohtaja, satu.kankare@lapua.fi"
    static let minna = "preparer: Minna Kangasluoma, Hallintopäällikkö, minna.kangasluoma@lapua.fi"
    static let markku = "preparer: Markku Turja, Kaupungingeodeetti, markku.turja@lapua.fi"

    static let corpus: [(file: String, contacts: [String])] = [
        ("001_lapua-kh-harmanmaa-kuntarahaosuus.txt", [satu]),
        ("002_lapua-kh-vihreat-tekijat-kuntarahaosuus.txt", [satu, minna]),
        ("003_lapua-kh-energian-varastointi-kuntarahaosuus.txt", [satu]),
        ("004_lapua-kh-maahanmuuttajasta-yrittajaksi-kuntarahaosuus.txt", [satu]),
        ("005_lapua-kh-joukkoliikenneselvitys-maksuosuus.txt", [satu]),
        ("006_lapua-kh-esr-hankehaku-omarahoitus.txt", [satu]),
        ("007_lapua-hyvltk-koulunuorisotyo-hankehaku.txt",
         ["preparer: Niko Savinainen, Liikunta- ja nuorisotoimenpäällikkö, niko.savinainen@lapua.fi"]),
        // The earlier handling (21.11.2024) was prepared by Markku Turja; the current one by Satu Kankare.
        ("008_lapua-kh-avantouimarit-kuntarahoitus.txt", [satu]),
        ("009_lapua-kh-maaraalan-myynti-palautus.txt", [markku]),
        ("012_lapua-kh-kannykkakielto-aloite-aanestys-palautus.txt", [minna]),
        ("014_lapua-kh-maauimala-oikaisuvaatimus.txt", [satu, minna]),
        ("018_lapua-ymplk-kaapelin-sijoittamislupa-poydalle.txt", ["preparer: Jarkko Panu, Rakennustarkastaja, jarkko.panu@lapua.fi"]),
        ("020_pedersore-ks-godkannande-av-foredragningslistan.txt", []),
        ("seed-004-ranua-kh-2020-39.txt",
         ["further_information: Sirpa Hakala, kunnanjohtaja, etunimi.sukunimi@ranua.fi, 040 539 4293"]),
    ]

    static func describe(_ contact: DecisionDocument.Contact) -> String {
        "\(contact.role.rawValue): " + [contact.name, contact.title, contact.email, contact.phone].compactMap { $0 }.joined(separator: ", ")
    }

    @Test("every corpus section's contacts, and nothing more")
    func corpus() throws {
        for (file, expected) in Self.corpus {
            let text = try String(contentsOf: MinutesHeaderTests.directory.appendingPathComponent(file), encoding: .utf8)
            let contacts = MinutesContacts.parse(text)
            #expect(contacts.map(Self.describe) == expected, "\(file)")
        }
    }

    @Test("a contact block in Swedish and an unknown label", arguments: [
        ("§ 3\nTitel\nBeredare / mer information:\nAnna Berg, kanslichef, anna.berg@example.fi\nFörslag\n", ["preparer: Anna Berg, kanslichef, anna.berg@example.fi"]),
        ("§ 3\nTitel\nKontakt:\nAnna Berg, kanslichef, anna.berg@example.fi\n", []),
    ])
    func variants(_ text: String, _ expected: [String]) {
        #expect(MinutesContacts.parse(text).map(Self.describe) == expected)
    }
}
