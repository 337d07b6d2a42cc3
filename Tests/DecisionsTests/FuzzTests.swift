import Decisions
import Foundation
import PropertyBased
import Testing

/// The fuzz targets (Sources/Decisions/Fuzz) on every input kept in Tests/Fixtures/fuzz, and
/// on seeded random inputs built from pieces of what each parser reads.
@Suite("fuzz targets: kept inputs and seeded random ones")
struct FuzzTests {
    static let folder = MinutesHeaderTests.directory.deletingLastPathComponent().appendingPathComponent("fuzz")

    @Test("every kept input runs through its target without a crash")
    func keptInputs() throws {
        var replayed = 0
        for target in FuzzTargets.all.keys.sorted() {
            let directory = Self.folder.appendingPathComponent(target)
            let files = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
            for file in files.sorted() {
                let bytes = [UInt8](try Data(contentsOf: directory.appendingPathComponent(file)))
                FuzzTargets.all[target]?(bytes)
                replayed += 1
            }
        }
        print("fuzz: \(replayed) kept inputs replayed")
        #expect(FuzzTargets.all.count == 5)
    }

    static let pieces: [String: [String]] = [
        "money": ["1", "0", "000", " ", ".", ",", "€", "euroa", "e", "-", "5", "\u{00A0}", "\u{200B}", "12", "99"],
        "date": ["1", "2", "20", "2020", "0", ".", "-", " ", "29", "31", "12", "02", "1900", "2199", "x"],
        "diary-number": ["2265", "/", "15", ".", "151", "2020", "-", "LAPDno", " ", "0", "Dno", "\n", "9999"],
        "workflow-yaml": ["name: w\n", "initial: draft\n", "states:\n", "  draft: {fi: L, sv: U, en: D}\n", "  done: {fi: V, sv: K, en: D, final: true}\n",
                          "transitions:\n", "  - {name: go, from: draft, to: done, roles: [secretary]}\n", "requires: [x]\n", "[", "{", ":", " ", "\t", "&a", "*a"],
        "minutes": ["§ 12\n", "Otsikko\n", "LAPDno-2025-1\n", "Ehdotus\n", "Päätös\n", "Hyväksyttiin.\n", "1.000 euroa ", "vuonna 2020 ", "200 € vuonna 2021\n",
                    "20.2.2020 mennessä. ", "Kuntarahoitus\n1 2 3\n", "2025 2026 Yhteensä\n", "Esteellisenä (jäävi) Matti Meikäläinen.\n", "-\n", "\u{200B}"],
    ]

    @Test("seeded random inputs built from each parser's pieces never crash a target", arguments: FuzzTargets.all.keys.sorted())
    func random(_ target: String) async {
        let pieces = Self.pieces[target] ?? []
        let inputs = Gen<String?>.element(of: pieces).map { $0 ?? "" }.array(of: 0...30).map { $0.joined() }
        await propertyCheck(count: 500, input: inputs) { text in
            FuzzTargets.all[target]?(Array(text.utf8))
        }
    }
}
