extension Transitions.Result {
    /// The answer of `pykala.transition`, read with ``JSONParser``: a client taking steps one
    /// after another spent a quarter of its time in Foundation's decoder.
    init(transitionJSON text: String) throws {
        let answer = try AnswerObject(parsing: text)
        self.init(
            decision: try answer.integer("decision"), action: try answer.string("action"), from: try answer.string("from"),
            to: try answer.string("to"), version: Int(try answer.integer("version")), history: try answer.integer("history"),
            repeated: try answer.bool("repeated"),
            started: try answer.objects("started").map { Started(kind: try $0.string("kind"), date: try $0.string("date")) },
            onBehalfOf: try answer.optionalString("on_behalf_of"))
    }
}
