@testable import DecisionStore
import Testing

/// JSON written as text, for payloads sent in bulk and answers joined from batches.
@Suite("JSON written as text")
struct JSONObjectTextTests {
    @Test("arrays' elements join into one array; empty arrays add nothing")
    func joiningArrays() {
        #expect(JSONObjectText.joiningArrays([]) == "[]")
        #expect(JSONObjectText.joiningArrays(["[]", "[]"]) == "[]")
        #expect(JSONObjectText.joiningArrays(["[1, 2]", "[]", "[3]"]) == "[1, 2, 3]")
        let joined = JSONObjectText.joiningArrays([#"[{"a": "]"}]"#, #"[{"b": [1, "["]}]"#])
        #expect(joined == #"[{"a": "]"}, {"b": [1, "["]}]"#)
    }

    @Test("an object leaves out absent values and quotes keys and strings")
    func object() {
        var object = JSONObjectText()
        object.add("name", "Anitta \"Aino\" Jaakola")
        object.add("title", nil as String?)
        object.add("cents", 100_000 as Int64?)
        object.add("done", false)
        #expect(object.json == #"{"name":"Anitta \"Aino\" Jaakola","cents":100000,"done":false}"#)
    }
}
