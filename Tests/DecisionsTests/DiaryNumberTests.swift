import Decisions
import PropertyBased
import Testing

@Suite("diary numbers")
struct DiaryNumberTests {
    @Test("running/classification/year")
    func structured() throws {
        #expect(try DiaryNumber(parsing: "2265/15.151/2020") == .structured(running: 2265, classification: "15.151", year: 2020))
        #expect(try DiaryNumber(parsing: " 12/00.01.02/2025 ").description == "12/00.01.02/2025")
    }

    @Test("other systems' identifiers are kept verbatim", arguments: ["LAPDno-2025-763", "KH 123/2020", "LAPUA/123/2019"])
    func verbatim(_ input: String) throws {
        #expect(try DiaryNumber(parsing: input) == .verbatim(input))
    }

    @Test("refused", arguments: ["", "   ", "abc", "0/15.151/2020", "12/15..151/2020", "12/15.151./2020", "12/x.1/2020", "1/1/1800", "a\u{7}1", "2147483648/15.151/2020"])
    func refused(_ input: String) {
        #expect(throws: DiaryNumberParseError.self) { try DiaryNumber(parsing: input) }
    }

    @Test("format, then parse, gives the same number")
    func roundTrip() async {
        await propertyCheck(
            count: 1000, input: Gen.int(in: 1...999_999), Gen<String?>.element(of: ["15.151", "00.01.02", "7", "02.05.01.00"]).map { $0 ?? "15.151" }, Gen.int(in: 1900...2199)
        ) { running, classification, year throws in
            let number = DiaryNumber.structured(running: running, classification: classification, year: year)
            #expect(try DiaryNumber(parsing: number.description) == number)
        }
    }
}
