public import Decisions
public import Postgres

/// One line of `pykala project list`.
public struct ProjectSummary: Sendable, Equatable, Encodable {
    public let name: String
    public let coordinator: String?
    public let period: String?
    public let decisions: Int
    public let costs: ProjectCosts
}

/// Everything about one project that a municipality asks when the next invoice comes.
public struct ProjectDetail: Sendable, Equatable, Encodable {
    /// A person named for the project or in one of its decisions.
    public struct Contact: Sendable, Equatable, Encodable {
        public let name: String
        public let title: String?
        public let phone: String?
        public let email: String?
        public let responsibility: String?
        /// Their roles in the project's decisions, e.g. `contact_person`.
        public let roles: [String]
    }

    public let name: String
    public let coordinator: String?
    public let period: String?
    public let goals: String?
    public let partners: [String]
    public let funders: [String]
    public let contacts: [Contact]
    public let decisions: [DecisionSummary]
    public let costs: ProjectCosts
    public let deadlines: [DeadlineItem]
    /// The year the "still to pay" column counts from.
    public let asOfYear: Int
}

/// Projects, gathered from the decisions about them.
public enum Projects {
    public static func list(organization: String?, asOfYear: Int, on connection: Connection) throws -> [ProjectSummary] {
        try connection.reading { tx in
            let organizationID = try tx.organizationID(organization)
            let shares = Dictionary(grouping: try costShares(organizationID: organizationID, project: nil, on: tx), by: \.project)
            return try tx.execute(
                """
                SELECT p.id, p.name, p.coordinator, p.period,
                       (SELECT count(*) FROM pykala.decision d WHERE d.project_id = p.id) AS decisions
                  FROM pykala.project p WHERE p.organization_id = $1 ORDER BY p.name
                """, [organizationID]
            ).map { row in
                let id = try row.get("id", as: Int64.self)
                return ProjectSummary(
                    name: try row.get("name"), coordinator: try row.get("coordinator"), period: try row.get("period"),
                    decisions: try row.get("decisions"),
                    costs: ProjectCosts(shares: (shares[id] ?? []).map(\.share), currentYear: asOfYear))
            }
        }
    }

    public static func show(_ name: String, organization: String?, asOfYear: Int, on connection: Connection) throws -> ProjectDetail {
        try connection.reading { tx in
            let organizationID = try tx.organizationID(organization)
            guard
                let row = try tx.execute(
                    """
                    SELECT id, name, coordinator, period, goals, to_jsonb(partners) AS partners, to_jsonb(funders) AS funders
                      FROM pykala.project WHERE organization_id = $1 AND name = $2
                    """, [organizationID, name]
                ).first
            else {
                throw StoreError(
                    kind: .notFound, message: "project \"\(name)\" does not exist", hint: "`pykala project list` lists them.")
            }
            let id = try row.get("id", as: Int64.self)
            var filter = DecisionFilter()
            filter.project = try row.get("name", as: String.self)
            let decisions = try DecisionQueries.list(filter, organizationID: organizationID, on: tx)
            let deadlines = try Deadlines.list(project: id, organizationID: organizationID, on: tx)
            return ProjectDetail(
                name: try row.get("name"), coordinator: try row.get("coordinator"), period: try row.get("period"),
                goals: try row.get("goals"), partners: try row.decodeJSON("partners"), funders: try row.decodeJSON("funders"),
                contacts: try contacts(project: id, on: tx), decisions: decisions,
                costs: ProjectCosts(
                    shares: try costShares(organizationID: organizationID, project: id, on: tx).map(\.share), currentYear: asOfYear),
                deadlines: deadlines, asOfYear: asOfYear)
        }
    }

    /// Cost shares of decisions about projects, each with whether its decision commits it.
    private static func costShares(organizationID: Int64, project: Int64?, on connection: Connection) throws
        -> [(project: Int64, share: ProjectCosts.Share)]
    {
        try connection.execute(
            """
            SELECT d.project_id, s.year, s.amount_cents, d.outcome
              FROM pykala.cost_share s JOIN pykala.decision d ON d.id = s.decision_id AND d.organization_id = s.organization_id
             WHERE s.organization_id = $1 AND d.project_id IS NOT NULL AND ($2::bigint IS NULL OR d.project_id = $2)
            """, [organizationID, project]
        ).map { row in
            let outcome = try row.get("outcome", as: String?.self).flatMap(Outcome.init(rawValue:))
            return (
                try row.get("project_id"),
                ProjectCosts.Share(
                    year: try row.get("year"), amount: Money(cents: try row.get("amount_cents")), committed: outcome?.commitsCosts ?? false)
            )
        }
    }

    /// The project's own contacts first, then the people its decisions name.
    private static func contacts(project: Int64, on connection: Connection) throws -> [ProjectDetail.Contact] {
        try connection.execute(
            """
            SELECT pe.name, pe.title, pe.phone, pe.email, min(pc.responsibility) AS responsibility,
                   coalesce(jsonb_agg(DISTINCT ct.role) FILTER (WHERE ct.role IS NOT NULL), '[]') AS roles,
                   bool_or(pc.id IS NOT NULL) AS named_by_project, min(pe.id) AS first_id
              FROM pykala.person pe
              LEFT JOIN pykala.project_contact pc ON pc.person_id = pe.id AND pc.project_id = $1
              LEFT JOIN pykala.contact ct ON ct.person_id = pe.id
                    AND ct.decision_id IN (SELECT id FROM pykala.decision WHERE project_id = $1)
             WHERE pc.id IS NOT NULL OR ct.id IS NOT NULL
             GROUP BY pe.id
             ORDER BY bool_or(pc.id IS NOT NULL) DESC, pe.name, pe.id
            """, [project]
        ).map { row in
            ProjectDetail.Contact(
                name: try row.get("name"), title: try row.get("title"), phone: try row.get("phone"), email: try row.get("email"),
                responsibility: try row.get("responsibility"), roles: try row.decodeJSON("roles"))
        }
    }
}
