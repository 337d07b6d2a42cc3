public import Decisions
public import Postgres
public import Foundation

/// A body (toimielin): council, board, committee or office-holder.
public struct Body: Sendable, Equatable, Codable {
    public let id: Int64
    public let name: String
    public let nameSv: String?
    public let kind: String
}

/// A body with its decisions in numbers, for `pykala body show`.
public struct BodyDetail: Sendable, Equatable, Encodable {
    public let body: Body
    public let organization: String
    public let decisions: Int
    public let lastMeeting: CalendarDate?
    public let recent: [DecisionSummary]
}

/// Adding and reading bodies.
public enum Bodies {
    public static func add(_ new: NewBody, organization: String?, request: UUID? = nil, on connection: Connection) throws -> Body {
        try connection.callWriting(
            "SELECT pykala.add_body($1, $2, $3, $4) AS result", [organization, new.name, new.kind.rawValue, new.nameSv],
            as: Body.self, request: request)
    }

    public static func list(organization: String?, on connection: Connection) throws -> [Body] {
        try connection.reading { tx in try list(organizationID: try tx.organizationID(organization), on: tx) }
    }

    static func list(organizationID: Int64, on connection: Connection) throws -> [Body] {
        try connection.execute(
            """
            SELECT id, name, name_sv, kind FROM pykala.body WHERE organization_id = $1
             ORDER BY array_position(ARRAY['council', 'board', 'committee', 'office-holder'], kind), name
            """, [organizationID]
        ).map(body)
    }

    /// The body with this Finnish or Swedish name, with its ten latest decisions.
    public static func show(_ name: String, organization: String?, on connection: Connection) throws -> BodyDetail {
        try connection.reading { tx in
            let organizationID = try tx.organizationID(organization)
            guard
                let row = try tx.execute(
                    """
                    SELECT b.id, b.name, b.name_sv, b.kind, o.name AS organization,
                           (SELECT count(*) FROM pykala.decision d WHERE d.body_id = b.id) AS decisions,
                           (SELECT max(meeting_date) FROM pykala.decision d WHERE d.body_id = b.id) AS last_meeting
                      FROM pykala.body b JOIN pykala.organization o ON o.id = b.organization_id
                     WHERE b.organization_id = $1 AND (b.name = $2 OR b.name_sv = $2)
                     ORDER BY b.name = $2 DESC LIMIT 1
                    """, [organizationID, name]
                ).first
            else {
                throw StoreError(
                    kind: .notFound, message: "body \"\(name)\" does not exist", hint: "`pykala body list` lists them.")
            }
            var filter = DecisionFilter()
            filter.body = try row.get("name", as: String.self)
            filter.limit = 10
            return BodyDetail(
                body: try body(row), organization: try row.get("organization"), decisions: try row.get("decisions"),
                lastMeeting: try row.get("last_meeting", as: PostgresDate?.self).map { try CalendarDate(stored: $0) },
                recent: try DecisionQueries.list(filter, organizationID: organizationID, on: tx))
        }
    }

    static func body(_ row: Row) throws -> Body {
        Body(id: try row.get("id"), name: try row.get("name"), nameSv: try row.get("name_sv"), kind: try row.get("kind"))
    }
}
