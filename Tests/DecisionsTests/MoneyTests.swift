import Decisions
import PropertyBased
import Testing

@Suite("money")
struct MoneyTests {
    @Test(
        "the forms Finnish documents use",
        arguments: [
            ("1000", 100_000), ("1 000 €", 100_000), ("1.000 euroa", 100_000), ("1000,00 €", 100_000),
            ("24.881,52", 2_488_152), ("1,5", 150), ("1,50 €", 150), ("200 €", 20_000), ("400 euroa", 40_000),
            ("€ 12", 1_200), ("1\u{00A0}000,00\u{00A0}€", 100_000), ("1\u{202F}000", 100_000), ("1\u{200B}000 €", 100_000),
            ("  7 EUR ", 700), ("1 000 000,01", 100_000_001), ("0", 0), ("1000,-", 100_000), ("-12,50", -1_250),
            ("1.000.000 e", 100_000_000), ("1 000 e", 100_000), ("5e", 500),
        ] as [(String, Int64)])
    func accepted(_ input: String, _ cents: Int64) throws {
        #expect(try Money(parsing: input).cents == cents)
    }

    @Test(
        "what could mean two things, or nothing, is refused",
        arguments: [
            "", "€", "1.5", "1.50", "1000.5", "1,505", "1,5,0", "10 00", "1.00.000", "1 000.000", "12abc", "0,10,",
            "1e5", "½", "1 000,5 €x", "١٢٣", "++5", "1,", ",50", "99999999999999999999",
        ])
    func refused(_ input: String) {
        #expect(throws: MoneyParseError.self) { try Money(parsing: input) }
    }

    @Test("a refusal says what was given and what is expected")
    func message() {
        let error = #expect(throws: MoneyParseError.self) { try Money(parsing: "1.5") }
        #expect(error?.description.contains("\"1.5\"") == true)
        #expect(error?.description.contains("1 000 €") == true)
    }

    @Test("Finnish formatting", arguments: [(100_000, "1 000,00 €"), (150, "1,50 €"), (5, "0,05 €"), (-1_250, "-12,50 €"), (100_000_001, "1 000 000,01 €")] as [(Int64, String)])
    func formatting(_ cents: Int64, _ text: String) {
        #expect(Money(cents: cents).description == text)
    }

    @Test("format, then parse, gives the same amount")
    func roundTrip() async {
        await propertyCheck(count: 2000, input: Gen.int64(in: -999_999_999_999...999_999_999_999)) { cents throws in
            let money = Money(cents: cents)
            #expect(try Money(parsing: money.description) == money)
            #expect(try Money(parsing: money.formatted(currencySymbol: false, groupSeparator: "\u{00A0}")) == money)
            #expect(try Money(parsing: money.formatted(currencySymbol: false, groupSeparator: ".")) == money)
        }
    }

    @Test("random text never crashes the parser")
    func randomText() async {
        let alphabet = Array("0123456789 .,€-\u{00A0}\u{200B}eEuroa") + (32...126).map { Character(UnicodeScalar(UInt8($0))) }
        let text = Gen<Character?>.element(of: alphabet).map { $0 ?? " " }.string(of: 0...16)
        await propertyCheck(count: 5000, input: text) { text throws in
            if let money = try? Money(parsing: text) { #expect(money.cents.magnitude < UInt64(Int64.max)) }
        }
    }

    @Test func sumOverflow() {
        #expect(Money.sum([Money(cents: .max), Money(cents: 1)]) == nil)
        #expect(Money.sum([Money(cents: 20_000), Money(cents: 40_000), Money(cents: 40_000)]) == Money(cents: 100_000))
    }
}
