internal import Decisions

/// JSON object text written key by key, for payloads sent often or in bulk (a registration of
/// 100 000 decisions spent a sixth of its time in Foundation's encoder). Absent values are
/// left out, as the encoder leaves out nil.
struct JSONObjectText {
    private var text = "{"

    /// The finished object.
    var json: String { text + "}" }

    mutating func add(_ key: String, _ value: String?) {
        if let value { add(key, raw: JSONValue.quoted(value)) }
    }

    mutating func add(_ key: String, _ value: Int?) {
        if let value { add(key, raw: String(value)) }
    }

    mutating func add(_ key: String, _ value: Int64?) {
        if let value { add(key, raw: String(value)) }
    }

    mutating func add(_ key: String, _ value: Bool) {
        add(key, raw: value ? "true" : "false")
    }

    mutating func add(_ key: String, _ values: [String]) {
        add(key, raw: "[" + values.map(JSONValue.quoted).joined(separator: ",") + "]")
    }

    /// `raw` is JSON text already (an object or an array).
    mutating func add(_ key: String, raw: String?) {
        guard let raw else { return }
        if text.utf8.count > 1 { text += "," }
        text += JSONValue.quoted(key) + ":" + raw
    }

    /// The elements of JSON arrays, given as text without surrounding space, in one array:
    /// `[1, 2]`, `[]` and `[3]` give `[1, 2, 3]`.
    static func joiningArrays(_ arrays: [String]) -> String {
        let elements = arrays.compactMap { array -> Substring? in
            precondition(array.first == "[" && array.last == "]", "not the text of a JSON array: \(array.prefix(40))")
            let inner = array.dropFirst().dropLast()
            return inner.isEmpty ? nil : inner
        }
        return "[" + elements.joined(separator: ", ") + "]"
    }

    /// `items` as a JSON array of the objects `object` writes.
    static func array<T>(_ items: [T], _ object: (T, inout JSONObjectText) -> Void) -> String {
        "[" + items.map { item in
            var written = JSONObjectText()
            object(item, &written)
            return written.json
        }.joined(separator: ",") + "]"
    }
}
