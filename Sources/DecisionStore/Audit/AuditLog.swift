public import Decisions
public import Postgres
internal import Foundation

/// One event as stored, with what an export shows beside it.
public struct StoredEvent: Sendable {
    public let seq: Int64
    public let prevHash: String
    public let hash: String
    /// The exact text that was hashed.
    public let payload: String
    public let organizationID: Int64?
    public let decisionID: Int64?
    /// The time in Helsinki with its offset: `2020-02-24T17:03:11.123456+02:00`.
    public let localTime: String?
    public let diaryNumber: String?
    /// `Kunnanhallitus/2020/§39`, when the decision has a §.
    public let sectionReference: String?
    /// The decision is secret: a public export leaves the event out.
    public let secret: Bool

    /// The payload decoded.
    public func event() throws -> AuditEvent {
        try AuditEvent(payload: payload)
    }
}

/// Which events an export takes.
public struct EventFilter: Sendable, Equatable {
    public var decision: DecisionReference?
    public var body: String?
    /// From this day (Helsinki) on…
    public var from: CalendarDate?
    /// …to this day, both included.
    public var to: CalendarDate?

    public init() {}
}

/// Reading the audit trail: streaming, in chain order, at constant memory (COPY).
///
/// A workflow step's event enters the chain when a transaction holding the chain's head
/// commits, its own or a later one (migration 0019); every read here first chains all that
/// was committed until then, so it sees every event of every command that has finished.
public enum AuditLog {
    /// Chains every event committed so far (waiting for the head), and returns how many
    /// were waiting. Nothing is added that was not already appended. On a read-only
    /// connection (a standby, say) nothing can be chained there: the chain is read as it is.
    @discardableResult
    public static func seal(on connection: Connection) throws -> Int {
        try StoreError.translating {
            do {
                return try connection.execute("SELECT pykala.seal_events() AS sealed")[0].get("sealed", as: Int.self)
            } catch let error as PostgresError where error.sqlState == .readOnlySQLTransaction {
                return 0
            }
        }
    }

    /// How many committed events wait to enter the chain (none, after ``seal(on:)`` on a
    /// connection that may write, unless more were committed since).
    public static func waitingCount(on connection: Connection) throws -> Int {
        try StoreError.translating {
            try connection.execute("SELECT count(*) AS n FROM pykala.event_pending")[0].get("n", as: Int.self)
        }
    }

    /// Every event of the chain in order, with the columns the verifier needs.
    public static func forEachEvent(on connection: Connection, _ body: (StoredEvent) throws -> Void) throws -> Int {
        try seal(on: connection)
        return try stream(sql: chainSQL, on: connection, body)
    }

    /// The events `filter` selects (of the organization, when one is named or only one exists), in order.
    public static func forEachEvent(
        matching filter: EventFilter, organization: String?, on connection: Connection, _ body: (StoredEvent) throws -> Void
    ) throws -> Int {
        try seal(on: connection)
        return try StoreError.translating {
            try connection.withTransaction(.repeatableRead) { tx in
                let organizationID = try tx.organizationID(organization)
                var decisionID: Int64?
                if let reference = filter.decision {
                    decisionID = try DecisionQueries.id(reference, organizationID: organizationID, on: tx)
                }
                try tx.execute("SET LOCAL TimeZone = 'Europe/Helsinki'")
                // COPY takes no parameters. The whole history of an organization is read
                // straight from the chain, the organization given as a setting of this
                // transaction; a narrower filter's values select the events first, as
                // parameters, into a temporary table that COPY then reads.
                if filter == EventFilter() {
                    try tx.execute("SELECT set_config('pykala.export_organization', $1, true)", [String(organizationID)])
                    return try stream(sql: exportOfOrganizationSQL, on: tx, body)
                }
                try tx.execute("CREATE TEMPORARY TABLE pykala_export_range (seq bigint PRIMARY KEY) ON COMMIT DROP")
                try tx.execute(
                    """
                    INSERT INTO pykala_export_range
                    SELECT e.seq FROM pykala.event e
                      LEFT JOIN pykala.decision d ON d.id = e.decision_id
                      LEFT JOIN pykala.body b ON b.id = d.body_id
                     WHERE (e.organization_id = $1 OR e.organization_id IS NULL)
                       AND ($2::bigint IS NULL OR e.decision_id = $2)
                       AND ($3::text IS NULL OR b.name = $3 OR b.name_sv = $3)
                       AND ($4::date IS NULL OR e.at >= $4::date::timestamptz)
                       AND ($5::date IS NULL OR e.at < ($5::date + 1)::timestamptz)
                    """, [organizationID, decisionID, filter.body, filter.from?.iso, filter.to?.iso])
                return try stream(sql: exportInRangeSQL, on: tx, body)
            }
        }
    }

    /// The newest event: its seq and hash, to be published.
    public static func digest(on connection: Connection) throws -> (count: Int64, head: String) {
        try seal(on: connection)
        return try StoreError.translating {
            guard let row = try connection.execute("SELECT seq, hash FROM pykala.event ORDER BY seq DESC LIMIT 1").first else {
                return (0, ChainVerifier.genesis)
            }
            return (try row.get("seq"), try row.get("hash"))
        }
    }

    private static let chainSQL = """
        COPY (SELECT seq, prev_hash, hash, payload, organization_id, decision_id, NULL, NULL, NULL, false
                FROM pykala.event ORDER BY seq) TO STDOUT
        """

    /// An exported event's columns, for `e`, the event, joined to `d`, `b` and `c`.
    private static let exportColumns = """
        SELECT e.seq, e.prev_hash, e.hash, e.payload, e.organization_id, e.decision_id,
               to_char((e.payload::jsonb->>'at')::timestamptz, 'YYYY-MM-DD"T"HH24:MI:SS.USTZH:TZM'),
               c.diary_number,
               CASE WHEN d.section IS NOT NULL THEN b.name || '/' || extract(year FROM d.meeting_date) || '/§' || d.section END,
               coalesce(d.publicity = 'secret', false)
        """

    private static let exportJoins = """
        LEFT JOIN pykala.decision d ON d.id = e.decision_id
        LEFT JOIN pykala.body b ON b.id = d.body_id
        LEFT JOIN pykala."case" c ON c.id = d.case_id
        """

    /// The events listed in `pykala_export_range`.
    private static let exportInRangeSQL = """
        COPY (\(exportColumns)
                FROM pykala_export_range r JOIN pykala.event e ON e.seq = r.seq
              \(exportJoins)
               ORDER BY e.seq) TO STDOUT
        """

    /// The events of the organization set as `pykala.export_organization`, and those of none.
    private static let exportOfOrganizationSQL = """
        COPY (\(exportColumns)
                FROM pykala.event e
              \(exportJoins)
               WHERE e.organization_id IS NULL
                  OR e.organization_id = (SELECT pg_catalog.current_setting('pykala.export_organization')::bigint)
               ORDER BY e.seq) TO STDOUT
        """

    private static func stream(sql: String, on connection: Connection, _ body: (StoredEvent) throws -> Void) throws -> Int {
        try connection.copyOut(sql) { row in
            let fields = try CopyText.fields(of: row)
            guard fields.count == 10, let seq = fields[0].flatMap({ Int64($0) }), let prev = fields[1], let hash = fields[2],
                let payload = fields[3]
            else {
                throw StoreError(kind: .invalid, message: "an event row of the database is not in the expected form", hint: nil)
            }
            try body(
                StoredEvent(
                    seq: seq, prevHash: prev, hash: hash, payload: payload, organizationID: fields[4].flatMap { Int64($0) },
                    decisionID: fields[5].flatMap { Int64($0) }, localTime: fields[6], diaryNumber: fields[7],
                    sectionReference: fields[8], secret: fields[9] == "t"))
        }
    }
}
