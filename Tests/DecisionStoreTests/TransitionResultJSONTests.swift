@testable import DecisionStore
import Testing

/// `pykala.transition`'s answer read without Foundation's decoder: the same fields it gave.
@Suite("reading a transition's answer")
struct TransitionResultJSONTests {
    @Test("a step that started a deadline, taken by a deputy")
    func full() throws {
        let result = try Transitions.Result(transitionJSON: """
            {"to": "published", "from": "checked", "action": "publish", "history": 41, "started": [{"date": "2020-03-24", \
            "kind": "appeal_ends"}], "version": 7, "decision": 39, "repeated": false, "on_behalf_of": "Sirpa Hakala"}
            """)
        #expect(result == Transitions.Result(
            decision: 39, action: "publish", from: "checked", to: "published", version: 7, history: 41, repeated: false,
            started: [.init(kind: "appeal_ends", date: "2020-03-24")], onBehalfOf: "Sirpa Hakala"))
    }

    @Test("a repeated request: no on_behalf_of, nothing started")
    func repeated() throws {
        let result = try Transitions.Result(transitionJSON: """
            {"to": "proposed", "from": "draft", "action": "submit", "history": 3, "started": [], "version": 2, "decision": 1, "repeated": true}
            """)
        #expect(result.repeated)
        #expect(result.onBehalfOf == nil)
        #expect(result.started.isEmpty)
    }

    @Test("an answer without a field it must have is refused, naming the field", arguments: [
        (#"{"decision": 1, "to": "x"}"#, "has no valid \"action\""),
        (#"{"to": "x", "repeated": false, "started": []}"#, "has no valid \"decision\""),
        (#"{"decision": 1, "action": "s", "from": "a", "to": "b", "version": 2, "history": 3, "repeated": "no", "started": []}"#,
         "has no valid \"repeated\""),
        (#"[1]"#, "is not an object"),
        (#"{"to": "b", "from": "a", "action": "s", "history": 1.5, "started": [], "version": 2, "decision": 1, "repeated": true}"#,
         "has no valid \"history\""),
    ])
    func refused(_ text: String, _ expected: String) {
        let error = #expect(throws: UnexpectedAnswer.self) { try Transitions.Result(transitionJSON: text) }
        #expect(error?.description.contains(expected) == true, "\(String(describing: error))")
    }
}
