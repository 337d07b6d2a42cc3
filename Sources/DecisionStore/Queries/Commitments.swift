public import Decisions
public import Postgres

/// Cost shares across decisions, for the commitments report.
public enum Commitments {
    /// Which shares count.
    public struct Filter: Sendable, Equatable {
        public var body: String?
        /// Only decisions in these states (empty: any).
        public var states: [String] = []
        /// Only decisions whose outcome commits costs (approved, amended, …).
        public var committedOnly = false
        public var fromYear: Int?
        public var toYear: Int?

        public init() {}
    }

    public struct Share: Sendable, Equatable {
        public let year: Int
        public let amount: Money
        public let source: String?
        public let project: String?
    }

    public static func shares(_ filter: Filter, organization: String?, on connection: Connection) throws -> [Share] {
        try connection.reading { tx in
            let organizationID = try tx.organizationID(organization)
            let states = filter.states.isEmpty ? nil : try PostgresJSON(encoding: filter.states)
            return try tx.execute(
                """
                SELECT s.year, s.amount_cents, s.source, p.name AS project, d.outcome
                  FROM pykala.cost_share s
                  JOIN pykala.decision d ON d.id = s.decision_id AND d.organization_id = s.organization_id
                  JOIN pykala.body b ON b.id = d.body_id
                  LEFT JOIN pykala.project p ON p.id = d.project_id
                 WHERE s.organization_id = $1
                   AND ($2::text IS NULL OR b.name = $2 OR b.name_sv = $2)
                   AND ($3::jsonb IS NULL OR $3::jsonb ? d.state)
                   AND ($4::integer IS NULL OR s.year >= $4) AND ($5::integer IS NULL OR s.year <= $5)
                 ORDER BY s.year, s.source
                """, [organizationID, filter.body, states, filter.fromYear, filter.toYear]
            ).compactMap { row in
                let outcome = try row.get("outcome", as: String?.self).flatMap(Outcome.init(rawValue:))
                if filter.committedOnly, !(outcome?.commitsCosts ?? false) { return nil }
                return Share(
                    year: try row.get("year"), amount: Money(cents: try row.get("amount_cents")), source: try row.get("source"),
                    project: try row.get("project"))
            }
        }
    }
}
