public import Decisions
public import Postgres
public import Foundation

/// Registers decision documents as drafts, all of them or none: copied into the staging
/// tables of the database's `pykala.open_registration`, then stored by
/// `pykala.register_staged_decisions` (both check the caller's role).
public enum DecisionRegistry {
    /// What one registration stored.
    public struct Registered: Sendable, Equatable, Codable {
        public let id: Int64
        /// The draft's version after this write: 1 when registered, one more for each edit.
        public let version: Int
        public let diaryNumber: String?
        public let title: String
        public let body: String
        public let meetingDate: String?
        public let section: Int?
    }

    /// Something `--create-missing` created.
    public struct Created: Sendable, Equatable, Codable {
        public let kind: String
        public let name: String
        public let title: String?
        public let bodyKind: String?
    }

    public struct Result: Sendable, Equatable, Codable {
        public internal(set) var decisions: [Registered]
        public internal(set) var created: [Created]
    }

    /// What an edit of a draft stored.
    public struct Edited: Sendable, Equatable, Codable {
        public let decision: Registered
        public let created: [Created]
    }

    /// Documents staged per call of `pykala.register_staged_decisions`: the rows sent and the
    /// database's working tables stay this size however long the file is. (100 000
    /// decisions took 23.6–23.8 s in batches of 5 000, 24.4–25.4 s in batches of 2 000.)
    public static let batchSize = 5_000

    /// The first batch read from a long file: the database starts on it while the next,
    /// twice as long, is read and encoded, and so on up to ``batchSize``.
    static let firstBatchSize = 250

    /// A batch's answer as the text of its two arrays, joined with the other batches' without
    /// being decoded and encoded again.
    private static let registerBatchSQL = """
        SELECT r.result->'decisions' AS decisions, r.result->'created' AS created
          FROM pykala.register_staged_decisions($1) AS r(result)
        """

    /// Registers `documents` in one transaction, `batchSize` at a time (the same as all at
    /// once: later batches find what earlier ones created); `progress` hears how many are
    /// stored so far, before the commit, after each batch.
    @discardableResult
    public static func register(
        _ documents: [DecisionDocument], createMissing: Bool, request: UUID? = nil, on connection: Connection,
        batchSize: Int = batchSize, progress: (Int) -> Void = { _ in }
    ) throws -> Result {
        precondition(batchSize > 0, "a batch holds at least one document")
        // No documents is one empty batch: the call still checks the role and records the request.
        var starts = stride(from: 0, to: max(documents.count, 1), by: batchSize).makeIterator()
        return try registerInBatches(createMissing: createMissing, request: request, on: connection, progress: progress) {
            try starts.next().map { try Batch(documents[$0..<min($0 + batchSize, documents.count)], problems: []) }
        }
    }

    /// Registers the documents `reader` reads, in one transaction, as ``register(_:createMissing:request:on:batchSize:progress:)``
    /// does: while one batch is stored, the next is read on another thread. If the file has
    /// problems, nothing is stored and they are thrown, all of them, as a ``DocumentError``
    /// (before any refusal of the database, as when the file is read whole first).
    @discardableResult
    public static func register(
        reading reader: DocumentBatchReader, createMissing: Bool, request: UUID? = nil, on connection: Connection,
        progress: (Int) -> Void = { _ in }
    ) throws -> Result {
        if reader.count <= reader.batchSize {
            var reader = reader
            let documents = try reader.next() ?? []
            if !reader.problems.isEmpty { throw DocumentError(problems: reader.problems) }
            return try register(documents, createMissing: createMissing, request: request, on: connection)
        }
        // The producer's thread reads and encodes each batch while the database stores the one before.
        let batches = Prefetcher(state: (reader, min(firstBatchSize, reader.batchSize))) { state -> Batch? in
            guard let documents = try state.0.next(atMost: state.1) else { return nil }
            state.1 = min(state.1 * 2, state.0.batchSize)
            return try Batch(documents, problems: state.0.problems)
        }
        defer { batches.stop() }
        return try registerInBatches(createMissing: createMissing, request: request, on: connection, progress: progress) {
            try batches.next()
        }
    }

    /// A batch as sent: its documents as the database's staging tables take them, with the
    /// problems its source has found so far (when there are any, it is not encoded: it will
    /// not be sent).
    private struct Batch: Sendable {
        let staged: StagedBatch?
        let count: Int
        let problems: [DocumentProblem]

        init(_ documents: some Collection<DecisionDocument>, problems: [DocumentProblem]) throws {
            self.staged = problems.isEmpty ? try StagedBatch(documents) : nil
            self.count = documents.count
            self.problems = problems
        }
    }

    /// One call of `register_staged_decisions` per batch `next` gives, each batch copied into
    /// the staging tables first, in one transaction, and their answers as one. Each batch
    /// comes with the problems its source has found so far: once there are any, nothing more
    /// is sent, the rest is read for its problems, and all are thrown.
    private static func registerInBatches(
        createMissing: Bool, request: UUID?, on connection: Connection, progress: (Int) -> Void,
        next: () throws -> Batch?
    ) throws -> Result {
        // Each batch's answer is read as it comes (a tree of one batch at a time, not of the
        // whole file), and its text kept to be joined for the request's record.
        var answer = Result(decisions: [], created: [])
        var answerText: String?
        let json = try connection.writingOnce(kind: "register_decisions", request: request) { tx in
            var decisions: [String] = []
            var created: [String] = []
            var stored = 0
            var problems: [DocumentProblem] = []
            // Runs `body` on the database; should the database refuse, the file's problems
            // come first, as when it is read whole before anything is sent.
            func database<T>(_ body: () throws -> T) throws -> T {
                do {
                    return try body()
                } catch {
                    while let rest = try next() { problems = rest.problems }
                    if !problems.isEmpty { throw DocumentError(problems: problems) }
                    throw error
                }
            }
            // Stages and sends the next batch to send, if any: none once the file has
            // problems (the rest is read for theirs).
            func sendNext() throws -> (statement: SentStatement, count: Int)? {
                while let batch = try next() {
                    problems = batch.problems
                    guard problems.isEmpty, let staged = batch.staged else { continue }
                    let statement = try database {
                        try tx.stage(staged)
                        return try tx.send(registerBatchSQL, [createMissing])
                    }
                    return (statement, batch.count)
                }
                return nil
            }
            try database { _ = try tx.execute("SELECT pykala.open_registration()") }
            var sent = try sendNext()
            while let (statement, count) = sent {
                let part = try database { try tx.result(of: statement)[0] }
                // The database starts on the next batch while this one's answer is read.
                sent = try sendNext()
                let partDecisions = try part.get("decisions", as: PostgresJSON.self).text
                let partCreated = try part.get("created", as: PostgresJSON.self).text
                decisions.append(partDecisions)
                created.append(partCreated)
                let read = try Result(registrationJSON: Result.text(decisions: partDecisions, created: partCreated))
                answer.decisions += read.decisions
                answer.created += read.created
                stored += count
                progress(stored)
            }
            if !problems.isEmpty { throw DocumentError(problems: problems) }
            // The answer as one call would give it.
            let text = Result.text(decisions: JSONObjectText.joiningArrays(decisions), created: JSONObjectText.joiningArrays(created))
            answerText = text
            return PostgresJSON(text: text)
        }
        // A repeated request's answer, or that of the same request committed first at the
        // same moment, is the one kept, read whole.
        return json.text == answerText ? answer : try Result(registrationJSON: json.text)
    }

    /// Replaces the content of the draft `reference` names with `document`, in one
    /// transaction, if the draft is still at `expectedVersion` (nil: the version it has when
    /// this call reads it). The database refuses decisions that are no longer drafts.
    public static func editDraft(
        _ reference: DecisionReference, with document: DecisionDocument, expectedVersion: Int?, createMissing: Bool,
        organization: String?, request: UUID? = nil, on connection: Connection
    ) throws -> Edited {
        let card = try DecisionQueries.card(reference, organization: organization, on: connection)
        let payload = PostgresJSON(text: NormalizedDocument(document).json)
        return try connection.callWriting(
            "SELECT pykala.edit_draft($1, $2, $3, $4::jsonb, $5) AS result",
            [organization, card.id, expectedVersion ?? card.version, payload, createMissing], as: Edited.self, request: request)
    }
}
