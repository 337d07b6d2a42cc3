import Decisions
import PropertyBased
import Testing

@Suite("day counts for --within")
struct DayCountTests {
    @Test("days and weeks", arguments: [("14", 14), ("14d", 14), ("2w", 14), (" 0d ", 0), ("3653", 3653), ("1W", 7)])
    func accepted(_ text: String, _ days: Int) throws {
        #expect(try DayCount(parsing: text).days == days)
    }

    @Test("anything else is refused", arguments: ["", "d", "-1", "14 d", "1.5", "14days", "2m", "3654", "99999w", "１４"])
    func refused(_ text: String) {
        let error = #expect(throws: FieldError.self) { try DayCount(parsing: text) }
        #expect(error?.value == text)
    }

    @Test("format, then parse, gives the same count")
    func roundTrip() async {
        await propertyCheck(count: 1000, input: Gen.int(in: 0...DayCount.maximum)) { days throws in
            #expect(try DayCount(parsing: DayCount(days: days).description).days == days)
        }
    }

    @Test("random text never crashes the parser")
    func randomText() async {
        let text = Gen<Character?>.element(of: Array("0123456789dwDW -+.")).map { $0 ?? " " }.string(of: 0...8)
        await propertyCheck(count: 3000, input: text) { text throws in
            if let count = try? DayCount(parsing: text) { #expect((0...DayCount.maximum).contains(count.days)) }
        }
    }
}
