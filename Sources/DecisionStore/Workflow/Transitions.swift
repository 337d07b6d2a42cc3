public import Decisions
public import Postgres
public import Foundation

/// Moving decisions through their workflow. Every check happens inside the database's
/// `pykala.transition`, in one transaction with the decision's row locked.
public enum Transitions {
    /// What a transition did.
    public struct Result: Sendable, Equatable, Codable {
        public struct Started: Sendable, Equatable, Codable {
            public let kind: String
            public let date: String
        }

        public let decision: Int64
        public let action: String
        public let from: String
        public let to: String
        public let version: Int
        public let history: Int64
        /// True when this request id had already acted: the first result is returned.
        public let repeated: Bool
        /// Deadlines the new state started, e.g. `appeal_ends`.
        public let started: [Started]
        /// The user the caller substituted as their deputy, when they acted as one.
        public let onBehalfOf: String?
    }

    /// Takes `action`. `requestID` makes a retry safe: the same id acts once. A lost
    /// connection is retried once with the same id, so an answer lost after COMMIT never
    /// acts twice.
    public static func take(
        _ action: String, on reference: DecisionReference, expectedVersion: Int?, comment: String?, requestID: UUID,
        organization: String?, connect: () throws -> Connection
    ) throws -> Result {
        let comment = try FieldRules.line(comment, field: "--comment", limit: 2_000)
        func attempt(_ connection: Connection) throws -> Result {
            // An id needs no lookup: pykala.transition finds the decision in the organization, or says it is not there.
            let id: Int64
            if case .id(let known) = reference { id = known } else { id = try DecisionQueries.id(reference, organization: organization, on: connection) }
            let json = try connection.callWriting(
                "SELECT pykala.transition($1, $2, $3, $4, $5, $6) AS result",
                [organization, id, action, expectedVersion, comment, requestID], repeatable: true)
            return try Result(transitionJSON: json.text)
        }
        do {
            return try attempt(try connect())
        } catch let error as PostgresError where error.kind == .connectionLost {
            return try attempt(try connect())
        }
    }

    /// One action the caller could take next, and why not, if not.
    public struct Action: Sendable, Equatable, Codable {
        public let action: String
        public let to: String
        public let allowed: Bool
        public let reasons: [String]
    }

    public struct Actions: Sendable, Equatable, Codable {
        public let decision: Int64
        public let state: String
        public let version: Int
        public let workflow: String
        public let actions: [Action]
    }

    /// The actions that leave the decision's state, each allowed or with its reasons.
    public static func actions(for reference: DecisionReference, organization: String?, on connection: Connection) throws -> Actions {
        let id = try DecisionQueries.id(reference, organization: organization, on: connection)
        return try StoreError.translating {
            try connection.execute("SELECT pykala.available_actions($1, $2) AS result", [organization, id])[0]
                .decodeJSON("result", as: Actions.self)
        }
    }

    /// One line of a decision's history.
    public struct HistoryEntry: Sendable, Equatable, Encodable {
        public let at: Date
        public let action: String
        public let from: String?
        public let to: String
        public let version: Int
        public let actor: String
        public let onBehalfOf: String?
        public let comment: String?
        public let workflow: String?
    }

    /// Everything that happened to a decision, oldest first.
    public static func history(of reference: DecisionReference, organization: String?, on connection: Connection) throws
        -> [HistoryEntry]
    {
        try connection.reading { tx in
            let id = try DecisionQueries.id(reference, organizationID: try tx.organizationID(organization), on: tx)
            return try tx.execute(
                """
                SELECT h.at, h.action, h.from_state, h.to_state, h.version_after, h.actor, h.on_behalf_of, h.comment,
                       w.name || ' v' || w.version AS workflow
                  FROM pykala.decision_history h LEFT JOIN pykala.workflow w ON w.id = h.workflow_id
                 WHERE h.decision_id = $1 ORDER BY h.id
                """, [id]
            ).map { row in
                HistoryEntry(
                    at: try row.get("at"), action: try row.get("action"), from: try row.get("from_state"),
                    to: try row.get("to_state"), version: try row.get("version_after"), actor: try row.get("actor"),
                    onBehalfOf: try row.get("on_behalf_of"), comment: try row.get("comment"), workflow: try row.get("workflow"))
            }
        }
    }

    /// The day, in Helsinki, the decision was last published through its workflow; nil if never.
    public static func publicationDate(of reference: DecisionReference, organization: String?, on connection: Connection) throws
        -> CalendarDate?
    {
        try connection.reading { tx in
            let id = try DecisionQueries.id(reference, organizationID: try tx.organizationID(organization), on: tx)
            let row = try tx.execute(
                """
                SELECT (max(at) AT TIME ZONE 'Europe/Helsinki')::date AS day
                  FROM pykala.decision_history WHERE decision_id = $1 AND action = 'publish'
                """, [id])[0]
            return try row.get("day", as: PostgresDate?.self).map { try CalendarDate(stored: $0) }
        }
    }
}
