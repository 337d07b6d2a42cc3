internal import Decisions
public import Postgres

extension DecisionQueries {
    /// The decisions that match `filter`, newest first.
    public static func list(_ filter: DecisionFilter, organization: String? = nil, on connection: Connection) throws
        -> [DecisionSummary]
    {
        try connection.reading { tx in
            let organizationID = try tx.organizationID(organization)
            if let body = filter.body {
                let known = try tx.execute(
                    "SELECT 1 FROM pykala.body WHERE organization_id = $1 AND (name = $2 OR name_sv = $2)", [organizationID, body])
                if known.isEmpty {
                    throw StoreError(kind: .notFound, message: "body \"\(body)\" does not exist", hint: "`pykala body list` lists them.")
                }
            }
            if let project = filter.project {
                let known = try tx.execute(
                    "SELECT 1 FROM pykala.project WHERE organization_id = $1 AND name = $2", [organizationID, project])
                if known.isEmpty {
                    throw StoreError(
                        kind: .notFound, message: "project \"\(project)\" does not exist", hint: "`pykala project list` lists them.")
                }
            }
            return try list(filter, organizationID: organizationID, on: tx)
        }
    }

    static func list(_ filter: DecisionFilter, organizationID: Int64, on connection: Connection) throws -> [DecisionSummary] {
        // Integers only: the array literal carries no user text.
        let ids = filter.ids.map { "{" + $0.map(String.init).joined(separator: ",") + "}" }
        return try connection.execute(
            listSQL,
            [
                organizationID, filter.state, filter.body, filter.year, filter.text, filter.deadlineFrom?.iso,
                filter.deadlineTo?.iso, filter.project, ids, filter.limit,
            ]
        ).map(summary)
    }

    private static let listSQL = """
        SELECT d.id, b.name AS body, d.meeting_date, d.section, c.diary_number, d.state, d.outcome, d.title,
               d.total_cents, p.name AS project
          FROM pykala.decision d
          JOIN pykala.body b ON b.id = d.body_id AND b.organization_id = d.organization_id
          LEFT JOIN pykala."case" c ON c.id = d.case_id AND c.organization_id = d.organization_id
          LEFT JOIN pykala.project p ON p.id = d.project_id AND p.organization_id = d.organization_id
         WHERE d.organization_id = $1
           AND ($2::text IS NULL OR d.state = $2)
           AND ($3::text IS NULL OR b.name = $3 OR b.name_sv = $3)
           AND ($4::integer IS NULL OR coalesce(extract(year FROM d.meeting_date)::integer, c.year) = $4)
           AND ($5::text IS NULL OR strpos(lower(d.title || E'\\n' || coalesce(d.description, '')), lower($5)) > 0)
           AND (($6::date IS NULL AND $7::date IS NULL)
                OR EXISTS (SELECT 1 FROM pykala.deadline dl
                            WHERE dl.decision_id = d.id AND dl.organization_id = d.organization_id
                              AND dl.due_date >= coalesce($6::date, '-infinity') AND dl.due_date <= coalesce($7::date, 'infinity')))
           AND ($8::text IS NULL OR p.name = $8)
           AND ($9::bigint[] IS NULL OR d.id = ANY ($9::bigint[]))
         ORDER BY d.meeting_date DESC NULLS FIRST, d.section DESC NULLS LAST, d.id DESC
         LIMIT $10
        """

    static func summary(_ row: Row) throws -> DecisionSummary {
        DecisionSummary(
            id: try row.get("id"), body: try row.get("body"),
            meetingDate: try row.get("meeting_date", as: PostgresDate?.self).map { try CalendarDate(stored: $0) },
            section: try row.get("section"), diaryNumber: try row.get("diary_number"), state: try row.get("state"),
            outcome: try row.get("outcome"), title: try row.get("title"),
            total: try row.get("total_cents", as: Int64?.self).map(Money.init(cents:)), project: try row.get("project"))
    }
}
