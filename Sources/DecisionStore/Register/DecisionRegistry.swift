public import Decisions
public import Postgres
public import Foundation

/// Registers decision documents as drafts, all of them or none, through the database's
/// `pykala.register_decisions` (which checks the caller's role).
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
        public let decisions: [Registered]
        public let created: [Created]
    }

    /// What an edit of a draft stored.
    public struct Edited: Sendable, Equatable, Codable {
        public let decision: Registered
        public let created: [Created]
    }

    /// Registers `documents` in one transaction.
    @discardableResult
    public static func register(_ documents: [DecisionDocument], createMissing: Bool, request: UUID? = nil, on connection: Connection) throws -> Result {
        let payload = PostgresJSON(text: "[" + documents.map { NormalizedDocument($0).json }.joined(separator: ",") + "]")
        return try connection.callWriting(
            "SELECT pykala.register_decisions($1::jsonb, $2) AS result", [payload, createMissing], as: Result.self, request: request)
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
