import Decisions
import PropertyBased
import Testing

@Suite("field rules for organizations, bodies, people and cases")
struct FieldRulesTests {
    @Test("real business ids pass", arguments: ["0201256-6", "0193218-4", "0204819-8", "1917480-1", "2403929-2"])
    func validBusinessIDs(_ id: String) throws {
        #expect(try FieldRules.businessID(id, field: "--business-id") == id)
    }

    @Test("a wrong check digit or shape is refused, naming field and value",
          arguments: ["0201256-5", "201256-6", "02012566", "0201256-66", "O201256-6", "0201256–6"])
    func invalidBusinessIDs(_ id: String) {
        let error = #expect(throws: FieldError.self) { try FieldRules.businessID(id, field: "--business-id") }
        #expect(error?.field == "--business-id")
        #expect(error?.value == id)
    }

    @Test("every check digit computed by the rule is accepted, every other refused")
    func businessIDProperty() async {
        await propertyCheck(count: 500, input: Gen.int(in: 0...9_999_999)) { number throws in
            let digits = String(number).count < 7 ? String(repeating: "0", count: 7 - String(number).count) + String(number) : String(number)
            let sum = zip(digits.compactMap(\.wholeNumberValue), [7, 9, 10, 5, 8, 4, 2]).map { $0 * $1 }.reduce(0, +) % 11
            for check in 0...9 {
                let id = "\(digits)-\(check)"
                let valid = sum != 1 && check == (sum == 0 ? 0 : 11 - sum)
                #expect((try? FieldRules.businessID(id, field: "id")) == (valid ? id : nil), "\(id)")
            }
        }
    }

    @Test("phone numbers", arguments: [
        ("040 539 4293", true), ("+358 (0)16 123", true), ("12", false), ("040-abc", false), ("---", false),
    ])
    func phones(_ phone: String, _ accepted: Bool) {
        #expect(((try? FieldRules.phone(phone, field: "--phone")) != nil) == accepted)
    }

    @Test("an empty optional field is left out, not refused")
    func emptyOptional() throws {
        #expect(try FieldRules.phone("  ", field: "--phone") == nil)
        #expect(try FieldRules.email(nil, field: "--email") == nil)
    }

    @Test("e-mail addresses", arguments: [
        ("etunimi.sukunimi@ranua.fi", true), ("a@b", false), ("a b@c.fi", false), ("@ranua.fi", false), ("a@@b.fi", false),
        ("a@.fi", false),
    ])
    func emails(_ email: String, _ accepted: Bool) {
        #expect(((try? FieldRules.email(email, field: "--email")) != nil) == accepted)
    }

    @Test("a line refuses control characters and overlong text, and trims")
    func lines() throws {
        #expect(try FieldRules.line("  Kunnanhallitus ", field: "name", limit: 200) == "Kunnanhallitus")
        #expect(try FieldRules.line("   ", field: "name", limit: 200) == nil)
        #expect(throws: FieldError.self) { try FieldRules.line("a\u{0}b", field: "name", limit: 200) }
        #expect(throws: FieldError.self) { try FieldRules.line("a\nb", field: "name", limit: 200) }
        let long = #expect(throws: FieldError.self) { try FieldRules.line(String(repeating: "x", count: 201), field: "name", limit: 200) }
        #expect(long?.expected == "at most 200 characters (it has 201)")
        #expect(throws: FieldError.self) { try FieldRules.requiredLine(" ", field: "name", limit: 200) }
    }

    @Test("a body's kind is one of four")
    func bodyKind() throws {
        #expect(try NewBody(name: "Kunnanhallitus", kind: "board").kind == .board)
        #expect(try NewBody(name: "Rakennustarkastaja", kind: "office-holder").kind == .officeHolder)
        let error = #expect(throws: FieldError.self) { try NewBody(name: "X", kind: "boardx") }
        #expect(error?.description == "--kind: \"boardx\" is not accepted; expected council, board, committee or office-holder")
    }

    @Test("a new case takes a classification or a given number, not both")
    func newCase() throws {
        #expect(try NewCase(title: "T", classification: "15.151", year: 2020, number: nil).number == .next(classification: "15.151", year: 2020))
        #expect(try NewCase(title: "T", classification: nil, year: nil, number: "LAPDno-2025-763").number == .given(.verbatim("LAPDno-2025-763")))
        #expect(
            try NewCase(title: "T", classification: nil, year: nil, number: "2265/15.151/2020").number
                == .given(.structured(running: 2265, classification: "15.151", year: 2020)))
        #expect(throws: FieldError.self) { try NewCase(title: "T", classification: "15.151", year: nil, number: "2265/15.151/2020") }
        #expect(throws: FieldError.self) { try NewCase(title: "T", classification: nil, year: nil, number: nil) }
        #expect(throws: FieldError.self) { try NewCase(title: "T", classification: "15..1", year: nil, number: nil) }
        #expect(throws: FieldError.self) { try NewCase(title: "T", classification: "15.151", year: 24, number: nil) }
        #expect(throws: FieldError.self) { try NewCase(title: " ", classification: "15.151", year: nil, number: nil) }
    }
}
