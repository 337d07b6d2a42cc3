import Decisions
import PropertyBased
import Testing

@Suite("calendar dates")
struct CalendarDateTests {
    @Test(
        "Finnish and ISO forms",
        arguments: [
            ("20.2.2020", 2020, 2, 20), ("24.02.2020", 2020, 2, 24), ("2020-02-20", 2020, 2, 20), ("29.2.2024", 2024, 2, 29),
            (" 1.1.2021 ", 2021, 1, 1), ("31.12.2199", 2199, 12, 31), ("\u{200B}11.2.2020", 2020, 2, 11),
        ])
    func accepted(_ input: String, _ year: Int, _ month: Int, _ day: Int) throws {
        let date = try CalendarDate(parsing: input)
        #expect((date.year, date.month, date.day) == (year, month, day))
    }

    @Test(
        "anything else is refused, never guessed",
        arguments: [
            "31.2.2020", "29.2.2023", "1.1.24", "1.1.0024", "2020/02/20", "20.2.", "20. 2. 2020", "2020-2-20", "20-02-2020",
            "32.1.2020", "1.13.2020", "0.1.2020", "", "tomorrow", "20.2.2020 klo 12", "2020-02-20T00:00", "1.1.1899", "٢٠.٢.٢٠٢٠",
        ])
    func refused(_ input: String) {
        #expect(throws: DateParseError.self) { try CalendarDate(parsing: input) }
    }

    @Test("the refusal says why")
    func messages() {
        let february = #expect(throws: DateParseError.self) { try CalendarDate(parsing: "31.2.2020") }
        #expect(february?.description == "\"31.2.2020\" is not a date: February 2020 has 29 days. Write e.g. 20.2.2020 or 2020-02-20.")
        let shortYear = #expect(throws: DateParseError.self) { try CalendarDate(parsing: "1.1.24") }
        #expect(shortYear?.reason == "the year must have four digits")
    }

    @Test("Finnish and ISO output parse back to the same day")
    func roundTrip() async {
        await propertyCheck(count: 3000, input: Gen.int(in: -25_567...84_000)) { offset throws in
            guard let date = CalendarDate(year: 1900, month: 1, day: 1)?.adding(days: offset) else { return }
            #expect(try CalendarDate(parsing: date.description) == date)
            #expect(try CalendarDate(parsing: date.iso) == date)
            #expect(date.adding(days: 1)?.dayNumber == date.dayNumber + 1 || date.year == 2199)
        }
    }

    @Test("random text never crashes the parser")
    func randomText() async {
        let alphabet = Array("0123456789.-") + (32...126).map { Character(UnicodeScalar(UInt8($0))) }
        let text = Gen<Character?>.element(of: alphabet).map { $0 ?? " " }.string(of: 0...14)
        await propertyCheck(count: 5000, input: text) { text throws in
            _ = try? CalendarDate(parsing: text)
        }
    }

    @Test("weekdays", arguments: [("24.2.2020", 1), ("20.2.2020", 4), ("1.1.2000", 6), ("19.6.2026", 5)])
    func weekday(_ input: String, _ weekday: Int) throws {
        #expect(try CalendarDate(parsing: input).weekday == weekday)
    }
}
