public import Decisions
public import Postgres
public import Foundation

/// Which deadlines a list shows.
public struct DeadlineWindow: Sendable, Equatable {
    /// Due on or after this day (nil: no lower bound).
    public var from: CalendarDate?
    /// Due on or before this day (nil: no upper bound).
    public var to: CalendarDate?
    /// Include deadlines already marked done.
    public var includeDone = false

    public init(from: CalendarDate? = nil, to: CalendarDate? = nil, includeDone: Bool = false) {
        self.from = from
        self.to = to
        self.includeDone = includeDone
    }

    /// Open deadlines due from `today` to `days` days later, both included.
    public static func within(_ days: DayCount, of today: CalendarDate) -> DeadlineWindow {
        DeadlineWindow(from: today, to: today.adding(days: days.days))
    }

    /// Open deadlines whose day has passed: "by 20.2.2020" ends at midnight Helsinki time,
    /// so it is overdue from 21.2.2020 on.
    public static func overdue(on today: CalendarDate) -> DeadlineWindow {
        DeadlineWindow(to: today.adding(days: -1))
    }
}

/// Deadlines across decisions.
public enum Deadlines {
    /// Today in Europe/Helsinki, by the database server's clock.
    public static func today(on connection: Connection) throws -> CalendarDate {
        let row = try StoreError.translating {
            try connection.execute("SELECT (now() AT TIME ZONE 'Europe/Helsinki')::date AS today")[0]
        }
        return try CalendarDate(stored: try row.get("today", as: PostgresDate.self))
    }

    /// The deadlines in `window`, earliest first.
    public static func list(_ window: DeadlineWindow, organization: String?, on connection: Connection) throws -> [DeadlineItem] {
        try connection.reading { tx in try fetch(window, organizationID: try tx.organizationID(organization), on: tx) }
    }

    /// Every deadline of a project's decisions, done or not, inside a read already scoped to
    /// its organization.
    static func list(project: Int64, organizationID: Int64, on connection: Connection) throws -> [DeadlineItem] {
        try fetch(DeadlineWindow(includeDone: true), organizationID: organizationID, project: project, on: connection)
    }

    private static func fetch(
        _ window: DeadlineWindow, only id: Int64? = nil, organizationID: Int64, project: Int64? = nil, on connection: Connection
    ) throws -> [DeadlineItem] {
        try connection.execute(
            """
            SELECT dl.id, dl.kind, dl.due_date, dl.text, dl.done_at IS NOT NULL AS done, d.id AS decision_id,
                   d.title, b.name AS body, d.meeting_date, d.section, c.diary_number, o.name AS organization
              FROM pykala.deadline dl
              JOIN pykala.decision d ON d.id = dl.decision_id AND d.organization_id = dl.organization_id
              JOIN pykala.body b ON b.id = d.body_id AND b.organization_id = d.organization_id
              JOIN pykala.organization o ON o.id = dl.organization_id
              LEFT JOIN pykala."case" c ON c.id = d.case_id AND c.organization_id = d.organization_id
             WHERE dl.organization_id = $1
               AND ($2 OR dl.done_at IS NULL)
               AND dl.due_date >= coalesce($3::date, '-infinity') AND dl.due_date <= coalesce($4::date, 'infinity')
               AND ($5::bigint IS NULL OR dl.id = $5)
               AND ($6::bigint IS NULL OR d.project_id = $6)
             ORDER BY dl.due_date, dl.id
            """, [organizationID, window.includeDone, window.from?.iso, window.to?.iso, id, project]
        ).map(item)
    }

    /// Marks a deadline done, or open again.
    @discardableResult
    public static func markDone(_ id: Int64, done: Bool = true, organization: String?, request: UUID? = nil, on connection: Connection) throws
        -> DeadlineItem
    {
        struct Changed: Decodable { let id: Int64 }
        let changed = try connection.callWriting(
            "SELECT pykala.set_deadline_done($1, $2, $3) AS result", [organization, id, done], as: Changed.self, request: request)
        let items = try connection.reading { tx in
            try fetch(DeadlineWindow(includeDone: true), only: changed.id, organizationID: try tx.organizationID(organization), on: tx)
        }
        guard let item = items.first else {
            throw StoreError(kind: .notFound, message: "no deadline has id \(id)", hint: "List them with `pykala deadlines`.")
        }
        return item
    }

    static func item(_ row: Row) throws -> DeadlineItem {
        let kindText = try row.get("kind", as: String.self)
        guard let kind = DeadlineKind(rawValue: kindText) else {
            throw StoreError(kind: .invalid, message: "the database holds an unknown deadline kind \"\(kindText)\"", hint: nil)
        }
        let meetingDate = try row.get("meeting_date", as: PostgresDate?.self)
        let section = try row.get("section", as: Int?.self)
        let body = try row.get("body", as: String.self)
        var reference: String? = try row.get("diary_number")
        if let meetingDate, let section { reference = "\(body)/\(meetingDate.year)/§\(section)" }
        return DeadlineItem(
            id: try row.get("id"), kind: kind, date: try CalendarDate(stored: try row.get("due_date", as: PostgresDate.self)),
            text: try row.get("text"), done: try row.get("done"), decisionID: try row.get("decision_id"),
            decisionTitle: try row.get("title"), body: body, reference: reference, organization: try row.get("organization"))
    }
}
