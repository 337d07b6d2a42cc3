internal import Yams

/// Decision documents read a batch at a time, so a long file need not be held as documents
/// (nor as one YAML tree) all at once. A file that is one plain JSON array is read element
/// by element; any other file is read whole by ``DocumentReader`` and handed out in batches.
///
/// Problems do not stop the reading: each batch gives its documents without problems, and
/// ``problems`` collects every problem, exactly as ``DocumentReader/read(_:file:)`` lists
/// them (same lines, columns and key paths). A syntax error is thrown as that reader
/// reports it for the whole file.
public struct DocumentBatchReader: Sendable {
    /// How many documents the file holds.
    public let count: Int
    /// How many documents a batch holds (the last may hold fewer).
    public let batchSize: Int
    /// Everything wrong in the batches read so far.
    public private(set) var problems: [DocumentProblem] = []

    private let text: String
    private let file: String
    private let elements: [JSONArraySplitter.Element]
    private var readWhole: [DecisionDocument]
    private var position = 0

    public init(_ text: String, file: String, batchSize: Int) throws {
        precondition(batchSize > 0, "a batch holds at least one document")
        self.text = text
        self.file = file
        self.batchSize = batchSize
        if let elements = JSONArraySplitter.elements(of: text) {
            self.elements = elements
            readWhole = []
            count = elements.count
        } else {
            elements = []
            readWhole = try DocumentReader.read(text, file: file)
            count = readWhole.count
        }
    }

    /// The documents of the next batch that have no problem, or nil when all are read.
    public mutating func next() throws -> [DecisionDocument]? {
        try next(atMost: batchSize)
    }

    /// As ``next()``, for a batch of at most `limit` documents (a short first batch lets the
    /// database start while the rest is read).
    public mutating func next(atMost limit: Int) throws -> [DecisionDocument]? {
        precondition(limit > 0, "a batch holds at least one document")
        guard position < count else { return nil }
        let end = min(position + limit, count)
        defer { position = end }
        if elements.isEmpty { return Array(readWhole[position..<end]) }
        var documents: [DecisionDocument] = []
        for index in position..<end {
            let element = elements[index]
            let roots: [Node]
            do {
                roots = try YAMLText.roots(String(element.text), file: file)
            } catch {
                // As the whole file's reader reports it (one syntax error stops YAML); the
                // element's own error, placed in the file, should that reader find none.
                _ = try DocumentReader.read(text, file: file)
                throw DocumentError(problems: error.problems.map { $0.placed(at: element) })
            }
            guard roots.count == 1, let root = roots.first else {
                _ = try DocumentReader.read(text, file: file)
                throw DocumentError(problems: [DocumentProblem(file: file, line: element.line, column: element.column,
                                                               field: "[\(index)]", message: "is not one document")])
            }
            var reader = NodeReader(file: file, prefix: count > 1 ? "[\(index)]" : "")
            if let document = reader.document(root) { documents.append(document) }
            problems += reader.problems.map { $0.placed(at: element) }
        }
        return documents
    }
}

extension DocumentProblem {
    /// The problem found in `element`'s text alone, placed in the whole file.
    fileprivate func placed(at element: JSONArraySplitter.Element) -> DocumentProblem {
        var placed = self
        if let line {
            placed.line = element.line + line - 1
            if line == 1, let column { placed.column = element.column + column - 1 }
        }
        return placed
    }
}
