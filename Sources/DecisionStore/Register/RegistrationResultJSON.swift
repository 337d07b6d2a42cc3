extension DecisionRegistry.Result {
    /// The answer of `pykala.register_decisions` (or of several calls, joined), read with
    /// ``JSONParser``: Foundation's decoder took half a second for 100 000 decisions.
    init(registrationJSON text: String) throws {
        let answer = try AnswerObject(parsing: text)
        self.init(
            decisions: try answer.objects("decisions").map { decision in
                DecisionRegistry.Registered(
                    id: try decision.integer("id"), version: Int(try decision.integer("version")),
                    diaryNumber: try decision.optionalString("diary_number"), title: try decision.string("title"),
                    body: try decision.string("body"), meetingDate: try decision.optionalString("meeting_date"),
                    section: try decision.optionalInteger("section").map { Int($0) })
            },
            created: try answer.objects("created").map { item in
                DecisionRegistry.Created(
                    kind: try item.string("kind"), name: try item.string("name"), title: try item.optionalString("title"),
                    bodyKind: try item.optionalString("body_kind"))
            })
    }

    /// The text of an answer whose arrays are `decisions` and `created` (each the text of a
    /// JSON array), keys in jsonb's order, as one call of the function gives it.
    static func text(decisions: String, created: String) -> String {
        #"{"created": "# + created + #", "decisions": "# + decisions + "}"
    }
}
