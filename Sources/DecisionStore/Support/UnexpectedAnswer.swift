/// An answer of the database that is not what its function returns: a defect, named with the text.
struct UnexpectedAnswer: Error, CustomStringConvertible {
    let text: String
    let key: String?
    var description: String { "the database's answer \(key.map { "has no valid \"\($0)\" in" } ?? "is not an object:") \(text.prefix(200))" }
}
