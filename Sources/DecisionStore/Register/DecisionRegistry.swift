public import Decisions
public import Postgres
internal import Foundation

/// Registers decision documents as drafts, all of them or none, through the database's
/// `pykala.register_decisions` (which checks the caller's role).
public enum DecisionRegistry {
    /// What one registration stored.
    public struct Registered: Sendable, Equatable, Codable {
        public let id: Int64
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

    /// Registers `documents` in one transaction.
    @discardableResult
    public static func register(_ documents: [DecisionDocument], createMissing: Bool, on connection: Connection) throws -> Result {
        let payload = try PostgresJSON(encoding: documents.map(NormalizedDocument.init), keys: .convertToSnakeCase)
        return try connection.callWriting(
            "SELECT pykala.register_decisions($1::jsonb, $2) AS result", [payload, createMissing], as: Result.self)
    }
}
