internal import Yams

/// Reads decision documents from YAML or JSON text (JSON is read as YAML, so both give
/// line numbers). A file holds one document, a list of them, or several `---` documents.
public enum DocumentReader {
    public static let keys = [
        "organization", "body", "case", "meeting", "earlier_handlings", "title", "project", "description", "proposal",
        "decision", "outcome", "vote", "disqualified", "total", "total_cents", "cost_shares", "deadlines", "contacts", "publicity",
    ]

    /// Every document in `text`, or a ``DocumentError`` listing every problem.
    public static func read(_ text: String, file: String) throws -> [DecisionDocument] {
        if text.utf8.contains(0) {
            throw DocumentError(problems: [DocumentProblem(file: file, field: "(file)", message: "contains a NUL byte")])
        }
        let nodes = try YAMLText.roots(text, file: file)
        var tops: [Node] = []
        for node in nodes {
            if case .sequence(let sequence) = node { tops += sequence.map { $0 } } else { tops.append(node) }
        }
        guard !tops.isEmpty else {
            throw DocumentError(problems: [DocumentProblem(file: file, field: "(file)", message: "holds no decision")])
        }
        var documents: [DecisionDocument] = []
        var problems: [DocumentProblem] = []
        for (index, node) in tops.enumerated() {
            var reader = NodeReader(file: file, prefix: tops.count > 1 ? "[\(index)]" : "")
            if let document = reader.document(node) { documents.append(document) }
            problems += reader.problems
        }
        guard problems.isEmpty else { throw DocumentError(problems: problems) }
        return documents
    }
}

/// YAML text as node trees, with syntax problems located.
enum YAMLText {
    /// The root nodes of `text`, or a ``DocumentError`` naming the line of a syntax problem.
    static func roots(_ text: String, file: String) throws(DocumentError) -> [Node] {
        var nodes: [Node] = []
        do {
            // UTF-8 named here: Yams reads the whole environment to pick its default, at every parser.
            let parser = try Parser(yaml: text, encoding: .utf8)
            while let node = try parser.nextRoot() { nodes.append(node) }
        } catch let error as YamlError {
            throw DocumentError(problems: [syntaxProblem(error, file: file)])
        } catch {
            throw DocumentError(problems: [DocumentProblem(file: file, field: "(syntax)", message: "\(error)")])
        }
        return nodes
    }

    static func syntaxProblem(_ error: YamlError, file: String) -> DocumentProblem {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            return DocumentProblem(file: file, line: mark.line, column: mark.column, field: "(syntax)", message: problem)
        case .duplicatedKeysInMapping(let duplicates, let context):
            return DocumentProblem(
                file: file, line: context.mark.line, column: context.mark.column, field: duplicates.joined(separator: ", "),
                message: "the key appears twice")
        case .reader(let problem, _, _, _):
            return DocumentProblem(file: file, field: "(file)", message: "is not valid UTF-8 text (\(problem))")
        default:
            return DocumentProblem(file: file, field: "(syntax)", message: "\(error)")
        }
    }
}
