@testable import DecisionStore
import Testing

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
