public import Postgres

/// The public portal's reads. Every statement reads the `pykala_public` views only, so the
/// portal's login (a member of `pykala_web`, which may read nothing else) can run them; each
/// returns its rows as one JSON value in the column `result`. Cursors are ids: lists run by
/// id, decisions newest first.
public enum PublicQueries {
    /// A page of a list: the items, and the id to continue after when there may be more.
    public struct Page<Item: Sendable>: Sendable {
        public let items: [Item]
        public let next: Int64?
    }

    // MARK: - SQL (public, so that tests can run the very same statements as the web role)

    /// One decision of the view `d` as the API's JSON object.
    static let decisionJSON = """
        jsonb_build_object(
            'id', d.id, 'organization', d.organization, 'policymaker', d.body_id, 'policymaker_name', d.body,
            'policymaker_name_sv', d.body_sv, 'register_id', d.diary_number, 'meeting', d.meeting_id, 'date', d.meeting_date,
            'index', d.section, 'subject', d.title, 'content', d.description, 'proposal', d.proposal,
            'decision_text', d.decision, 'resolution', d.outcome, 'total_cents', d.total_cents, 'project', d.project,
            'publicity', d.publicity, 'secrecy_basis', d.secrecy_basis,
            'published_at', to_char(d.published_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
            'appeal_period_ends', d.appeal_ends, 'earlier_handlings', d.earlier_handlings,
            'votes', (SELECT coalesce(jsonb_agg(jsonb_build_object(
                          'position', v.position, 'yes_motion', v.yes_motion, 'no_motion', v.no_motion, 'yes', v.yes_count,
                          'no', v.no_count, 'blank', v.blank_count, 'absent', v.absent_count, 'result', v.result,
                          'decided_by_chair', v.decided_by_chair) ORDER BY v.position), '[]')
                        FROM pykala_public.vote v WHERE v.decision_id = d.id),
            'disqualified', (SELECT coalesce(jsonb_agg(jsonb_build_object('name', q.name, 'ground', q.ground) ORDER BY q.id), '[]')
                               FROM pykala_public.disqualification q WHERE q.decision_id = d.id),
            'cost_shares', (SELECT coalesce(jsonb_agg(jsonb_build_object(
                                'id', s.id, 'decision', s.decision_id, 'year', s.year, 'amount_cents', s.amount_cents,
                                'currency', s.currency, 'source', s.source) ORDER BY s.position), '[]')
                              FROM pykala_public.cost_share s WHERE s.decision_id = d.id),
            'deadlines', (SELECT coalesce(jsonb_agg(jsonb_build_object(
                              'kind', l.kind, 'date', l.due_date, 'text', l.text, 'done', l.done) ORDER BY l.due_date, l.id), '[]')
                            FROM pykala_public.deadline l WHERE l.decision_id = d.id),
            'contacts', (SELECT coalesce(jsonb_agg(jsonb_build_object(
                             'role', t.role, 'name', t.name, 'title', t.title, 'phone', t.phone, 'email', t.email,
                             'private', t.private) ORDER BY t.position), '[]')
                           FROM pykala_public.contact t WHERE t.decision_id = d.id),
            'case_decisions', (SELECT coalesce(jsonb_agg(jsonb_build_object(
                                   'id', o.id, 'policymaker_name', o.body, 'date', o.meeting_date, 'index', o.section,
                                   'subject', o.title, 'resolution', o.outcome) ORDER BY o.meeting_date, o.id), '[]')
                                 FROM pykala_public.decision o
                                WHERE o.case_id = d.case_id AND o.id <> d.id))
        """

    public static let bodiesSQL = """
        SELECT coalesce(jsonb_agg(jsonb_build_object(
                   'id', b.id, 'organization', b.organization, 'name', b.name, 'name_sv', b.name_sv, 'classification', b.kind)
                   ORDER BY b.id), '[]') AS result
          FROM (SELECT * FROM pykala_public.body WHERE id > $1 ORDER BY id LIMIT $2) AS b
        """

    /// $1 body id.
    public static let bodySQL = """
        SELECT jsonb_build_object(
                   'id', b.id, 'organization', b.organization, 'name', b.name, 'name_sv', b.name_sv, 'classification', b.kind)
                   AS result
          FROM pykala_public.body b WHERE b.id = $1
        """

    static let meetingJSON = """
        jsonb_build_object(
            'id', m.id, 'policymaker', m.body_id, 'policymaker_name', m.body, 'policymaker_name_sv', m.body_sv, 'date', m.date,
            'number', m.number, 'location', m.place,
            'minutes_published_at', to_char(m.published_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
            'appeal_period_ends', m.appeal_ends, 'agenda_item_count', m.sections)
        """

    /// $1 after id, $2 limit, $3 body or NULL, $4 year or NULL.
    public static let meetingsSQL = """
        SELECT coalesce(jsonb_agg(\(meetingJSON) ORDER BY m.id), '[]') AS result
          FROM (SELECT * FROM pykala_public.meeting
                 WHERE id > $1 AND ($3::bigint IS NULL OR body_id = $3)
                   AND ($4::integer IS NULL OR extract(year FROM date) = $4)
                 ORDER BY id LIMIT $2) AS m
        """

    /// $1 meeting id.
    public static let meetingSQL = """
        SELECT \(meetingJSON) AS result FROM pykala_public.meeting m WHERE m.id = $1
        """

    static let agendaItemJSON = """
        jsonb_build_object(
            'id', a.id, 'meeting', a.meeting_id, 'index', a.section, 'subject', a.title, 'decision', a.decision_id,
            'resolution', a.outcome, 'secret', a.publicity = 'secret')
        """

    /// $1 after id, $2 limit, $3 meeting or NULL.
    public static let agendaItemsSQL = """
        SELECT coalesce(jsonb_agg(\(agendaItemJSON) ORDER BY a.id), '[]') AS result
          FROM (SELECT * FROM pykala_public.agenda_item WHERE id > $1 AND ($3::bigint IS NULL OR meeting_id = $3)
                 ORDER BY id LIMIT $2) AS a
        """

    /// $1 meeting id: its §§ in order, whole.
    public static let meetingDecisionsSQL = """
        SELECT coalesce(jsonb_agg(\(decisionJSON) ORDER BY a.section), '[]') AS result
          FROM pykala_public.agenda_item a JOIN pykala_public.decision d ON d.id = a.decision_id
         WHERE a.meeting_id = $1
        """

    /// $1 decision id.
    public static let decisionSQL = """
        SELECT \(decisionJSON) AS result FROM pykala_public.decision d WHERE d.id = $1
        """

    /// Newest first. $1 before id, $2 limit, $3 text or NULL, $4 'finnish'/'swedish', $5 body, $6 year, $7 outcome.
    public static let decisionsSQL = """
        SELECT coalesce(jsonb_agg(\(decisionJSON) ORDER BY d.id DESC), '[]') AS result
          FROM (SELECT * FROM pykala_public.decision
                 WHERE id < $1
                   AND ($3::text IS NULL
                        OR ($4 = 'finnish' AND search_fi @@ websearch_to_tsquery('finnish'::regconfig, $3))
                        OR ($4 = 'swedish' AND search_sv @@ websearch_to_tsquery('swedish'::regconfig, $3)))
                   AND ($5::bigint IS NULL OR body_id = $5)
                   AND ($6::integer IS NULL OR extract(year FROM meeting_date) = $6)
                   AND ($7::text IS NULL OR outcome = $7)
                 ORDER BY id DESC LIMIT $2) AS d
        """

    /// $1 after id, $2 limit, $3 decision or NULL, $4 year or NULL.
    public static let costSharesSQL = """
        SELECT coalesce(jsonb_agg(jsonb_build_object(
                   'id', s.id, 'decision', s.decision_id, 'year', s.year, 'amount_cents', s.amount_cents, 'currency', s.currency,
                   'source', s.source) ORDER BY s.id), '[]') AS result
          FROM (SELECT * FROM pykala_public.cost_share
                 WHERE id > $1 AND ($3::bigint IS NULL OR decision_id = $3) AND ($4::integer IS NULL OR year = $4)
                 ORDER BY id LIMIT $2) AS s
        """

    /// The newest published decisions of a body, for its feed. $1 body id, $2 limit.
    public static let feedSQL = """
        SELECT coalesce(jsonb_agg(\(decisionJSON) ORDER BY d.published_at DESC, d.id DESC), '[]') AS result
          FROM (SELECT * FROM pykala_public.decision WHERE body_id = $1 ORDER BY published_at DESC, id DESC LIMIT $2) AS d
        """

    // MARK: - Reads

    public static func bodies(after: Int64 = 0, limit: Int = 1000, on connection: Connection) throws -> Page<PublicRecords.Body> {
        page(try list(bodiesSQL, [after, limit + 1], on: connection), limit: limit, id: \.id)
    }

    public static func body(_ id: Int64, on connection: Connection) throws -> PublicRecords.Body? {
        try single(bodySQL, [id], on: connection)
    }

    public static func meetings(body: Int64?, year: Int?, after: Int64 = 0, limit: Int, on connection: Connection) throws
        -> Page<PublicRecords.Meeting>
    {
        page(try list(meetingsSQL, [after, limit + 1, body, year], on: connection), limit: limit, id: \.id)
    }

    public static func meeting(_ id: Int64, on connection: Connection) throws -> PublicRecords.Meeting? {
        try single(meetingSQL, [id], on: connection)
    }

    /// A meeting's published §§, whole, in § order.
    public static func meetingDecisions(_ id: Int64, on connection: Connection) throws -> [PublicRecords.Decision] {
        try list(meetingDecisionsSQL, [id], on: connection)
    }

    public static func agendaItems(meeting: Int64?, after: Int64 = 0, limit: Int, on connection: Connection) throws
        -> Page<PublicRecords.AgendaItem>
    {
        page(try list(agendaItemsSQL, [after, limit + 1, meeting], on: connection), limit: limit, id: \.id)
    }

    public static func decision(_ id: Int64, on connection: Connection) throws -> PublicRecords.Decision? {
        try single(decisionSQL, [id], on: connection)
    }

    /// Decisions newest first, before the id `before` (nil: from the newest).
    public static func decisions(_ filter: PublicRecords.DecisionFilter, before: Int64?, limit: Int, on connection: Connection) throws
        -> Page<PublicRecords.Decision>
    {
        let parameters: [any PostgresEncodable] = [
            before ?? Int64.max, limit + 1, filter.text, filter.language.rawValue, filter.body, filter.year, filter.outcome,
        ]
        return page(try list(decisionsSQL, parameters, on: connection), limit: limit, id: \.id)
    }

    public static func costShares(decision: Int64?, year: Int?, after: Int64 = 0, limit: Int, on connection: Connection) throws
        -> Page<PublicRecords.CostShare>
    {
        page(try list(costSharesSQL, [after, limit + 1, decision, year], on: connection), limit: limit, id: \.id)
    }

    /// The newest published decisions of a body.
    public static func feed(body: Int64, limit: Int, on connection: Connection) throws -> [PublicRecords.Decision] {
        try list(feedSQL, [body, limit], on: connection)
    }

    // MARK: - Helpers

    private static func list<T: Decodable>(_ sql: String, _ parameters: [any PostgresEncodable], on connection: Connection) throws -> [T] {
        try StoreError.translating {
            try connection.executePrepared(sql, parameters)[0].decodeJSON("result", as: [T].self)
        }
    }

    private static func single<T: Decodable>(_ sql: String, _ parameters: [any PostgresEncodable], on connection: Connection) throws -> T? {
        try StoreError.translating {
            guard let row = try connection.executePrepared(sql, parameters).first else { return nil }
            return try row.decodeJSON("result", as: T.self)
        }
    }

    /// The first `limit` items, and the id to continue from when one more was read.
    private static func page<Item>(_ items: [Item], limit: Int, id: (Item) -> Int64) -> Page<Item> {
        guard items.count > limit else { return Page(items: items, next: nil) }
        let kept = Array(items.prefix(limit))
        return Page(items: kept, next: kept.last.map(id))
    }
}
