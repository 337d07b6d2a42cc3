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
        (#"{"to": "x"}"#, "has no valid \"repeated\""),
        (#"{"to": "x", "repeated": false, "started": []}"#, "has no valid \"decision\""),
        (#"[1]"#, "is not an object"),
        (#"{"to": "b", "from": "a", "action": "s", "history": 1.5, "started": [], "version": 2, "decision": 1, "repeated": true}"#,
         "has no valid \"history\""),
    ])
    func refused(_ text: String, _ expected: String) {
        let error = #expect(throws: UnexpectedAnswer.self) { try Transitions.Result(transitionJSON: text) }
        #expect(error?.description.contains(expected) == true, "\(String(describing: error))")
    }
}

/// `pykala.register_decisions`' answer read without Foundation's decoder: the same fields it gave.
@Suite("reading a registration's answer")
struct RegistrationResultJSONTests {
    @Test("decisions with and without a case, a meeting and a §, and what was created")
    func full() throws {
        let result = try DecisionRegistry.Result(registrationJSON: """
            {"created": [{"kind": "organization", "name": "Ranuan kunta"}, {"kind": "body", "name": "Kunnanhallitus", \
            "body_kind": "board"}, {"kind": "person", "name": "Anitta Jaakola", "title": "hyvinvointikoordinaattori"}], \
            "decisions": [{"id": 39, "body": "Kunnanhallitus", "title": "Hankkeeseen osallistuminen", "section": 39, \
            "version": 1, "diary_number": "1/00.01/2020", "meeting_date": "2020-02-24"}, {"id": 40, "body": "Kunnanhallitus", \
            "title": "Ilman asiaa", "section": null, "version": 1, "diary_number": null, "meeting_date": null}]}
            """)
        #expect(result.decisions == [
            .init(id: 39, version: 1, diaryNumber: "1/00.01/2020", title: "Hankkeeseen osallistuminen", body: "Kunnanhallitus",
                  meetingDate: "2020-02-24", section: 39),
            .init(id: 40, version: 1, diaryNumber: nil, title: "Ilman asiaa", body: "Kunnanhallitus", meetingDate: nil, section: nil),
        ])
        #expect(result.created == [
            .init(kind: "organization", name: "Ranuan kunta", title: nil, bodyKind: nil),
            .init(kind: "body", name: "Kunnanhallitus", title: nil, bodyKind: "board"),
            .init(kind: "person", name: "Anitta Jaakola", title: "hyvinvointikoordinaattori", bodyKind: nil),
        ])
    }

    @Test("an answer that is not the function's is refused, naming what is wrong", arguments: [
        (#"{"decisions": []}"#, "\"decisions\""),
        (#"{"created": [], "decisions": [{"id": "39"}]}"#, "\"id\""),
        (#"{"created": [], "decisions": [{"id": 39, "version": 1, "body": "K"}]}"#, "\"title\""),
    ])
    func refused(_ text: String, _ expected: String) {
        let error = #expect(throws: UnexpectedAnswer.self) { try DecisionRegistry.Result(registrationJSON: text) }
        #expect(error?.description.contains(expected) == true, "\(String(describing: error))")
    }
}
