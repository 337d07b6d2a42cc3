import Decisions
import Foundation
import PropertyBased
import Testing

@Suite("the audit payload parser")
struct JSONParserTests {
    static let payloads = [
        #"{"seq": 7, "at": "2026-11-25T08:00:00.123456Z", "actor": "sihteeri", "on_behalf_of": null, "kind": "approve", "organization_id": 1, "decision_id": 3, "from": "proposed", "to": "approved", "comment": "ok \"quoted\" \u00e4 \ud83d\ude00 \n", "changes": {"state": {"before": "proposed", "after": "approved"}, "version": {"before": 2, "after": 3}, "shares": {"before": null, "after": [{"year": 2020, "amount_cents": 20000}]}, "private": {"before": false, "after": true}}}"#,
        #"{"seq":1,"at":"2020-01-01T00:00:00Z","actor":"postgres","kind":"organization_added","changes":{}}"#,
    ]

    @Test("reads payloads exactly as Foundation's JSONDecoder does", arguments: payloads)
    func sameAsFoundation(_ payload: String) throws {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        #expect(try AuditEvent(payload: payload) == decoder.decode(AuditEvent.self, from: Data(payload.utf8)))
    }

    @Test("refuses what is not JSON", arguments: ["", "{", #"{"a" 1}"#, #"{"a": tru}"#, #"["\u12"]"#, "[1,]x", #""\ud800""#, "\"a\u{01}\""])
    func refuses(_ text: String) {
        #expect(throws: JSONParser.Failure.self) { try JSONParser.parse(text) }
    }

    @Test("any value written as compact JSON reads back the same")
    func roundTrip() async {
        let strings = Gen<String?>.element(of: ["", "a", "ä", "\"", "\\", "\n", "\u{1}", "😀", "§ 39", "/"]).map { $0 ?? "" }.array(of: 0...6)
            .map { $0.joined() }
        await propertyCheck(count: 500, input: strings, Gen.int(in: -1_000_000...1_000_000)) { text, number throws in
            let value = JSONValue.object(["s": .string(text), "n": .number(String(number)), "a": .array([.bool(true), .null, .string(text)])])
            #expect(try JSONParser.parse(value.compactJSON) == value)
        }
    }
}
