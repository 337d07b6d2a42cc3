public import Decisions
public import Postgres

/// A meeting as `pykala meeting show` prints it.
public struct MeetingView: Sendable, Equatable, Encodable {
    public struct Item: Sendable, Equatable, Encodable {
        public let section: Int
        public let decision: Int64
        public let title: String
        public let state: String
        public let outcome: String?
        /// Nil for a § registered from earlier minutes, not placed on this agenda by pykala.
        public let quorum: Meetings.Quorum?
        public let disqualified: [String]
        public let votes: [Vote]
    }

    public struct Vote: Sendable, Equatable, Encodable {
        public let yesMotion: String
        public let noMotion: String
        public let yes: Int
        public let no: Int
        public let blank: Int
        public let absent: Int
        public let result: String
        public let decidedByChair: Bool
    }

    public let meeting: Meetings.Meeting
    public let seats: Int?
    public let quorumRule: String
    public let attendance: [Meetings.Attendance]
    public let agenda: [Item]
}

extension Meetings {
    /// The meeting of `body` on `date`, with attendance and the agenda, § by §.
    public static func show(body: String, date: CalendarDate, organization: String?, on connection: Connection) throws -> MeetingView {
        try connection.reading { tx in
            let organizationID = try tx.organizationID(organization)
            guard
                let row = try tx.execute(
                    """
                    SELECT m.id, b.id AS body_id, b.name AS body, m.date::text AS date, m.number, m.place, b.seats, b.quorum
                      FROM pykala.meeting m JOIN pykala.body b ON b.id = m.body_id
                     WHERE m.organization_id = $1 AND (b.name = $2 OR b.name_sv = $2) AND m.date = $3::date
                    """, [organizationID, body, date.iso]
                ).first
            else {
                throw StoreError(
                    kind: .notFound, message: "\(body) has no meeting on \(date)", hint: "Create it with `pykala meeting new BODY DATE`.")
            }
            let id = try row.get("id", as: Int64.self)
            let attendance = try tx.execute(
                """
                SELECT p.name AS person, a.role, f.name AS deputy_for, a.arrived_section, a.left_section
                  FROM pykala.attendance a JOIN pykala.person p ON p.id = a.person_id
                  LEFT JOIN pykala.person f ON f.id = a.deputy_for
                 WHERE a.meeting_id = $1
                 ORDER BY array_position(ARRAY['chair', 'member', 'deputy', 'presenter', 'secretary', 'checker', 'other'], a.role), p.name
                """, [id]
            ).map {
                Meetings.Attendance(
                    person: try $0.get("person"), role: try $0.get("role"), deputyFor: try $0.get("deputy_for"),
                    arrived: try $0.get("arrived_section"), left: try $0.get("left_section"))
            }
            let items = try tx.execute(
                """
                SELECT a.section, d.id AS decision, d.title, d.state, d.outcome,
                       CASE WHEN a.item IS NOT NULL THEN pykala.quorum_at(a.item) END AS quorum,
                       coalesce((SELECT jsonb_agg(p.name || ' (' || q.ground || ')' ORDER BY p.name)
                                   FROM pykala.disqualification q JOIN pykala.person p ON p.id = q.person_id
                                  WHERE q.agenda_item_id = a.item), '[]') AS disqualified,
                       coalesce((SELECT jsonb_agg(jsonb_build_object('yes_motion', v.yes_motion, 'no_motion', v.no_motion,
                                                  'yes', v.yes_count, 'no', v.no_count, 'blank', v.blank_count,
                                                  'absent', v.absent_count, 'result', v.result,
                                                  'decided_by_chair', v.decided_by_chair) ORDER BY v.position)
                                   FROM pykala.vote v WHERE v.agenda_item_id = a.item), '[]') AS votes
                  FROM (SELECT i.id AS item, i.section, i.decision_id FROM pykala.agenda_item i WHERE i.meeting_id = $1
                        UNION ALL
                        -- Sections registered from earlier minutes, on this body's meeting day.
                        SELECT NULL, d.section, d.id FROM pykala.decision d
                         WHERE d.body_id = $2 AND d.meeting_date = $3::date AND d.section IS NOT NULL
                           AND NOT EXISTS (SELECT 1 FROM pykala.agenda_item i WHERE i.decision_id = d.id AND i.meeting_id = $1)
                       ) AS a
                  JOIN pykala.decision d ON d.id = a.decision_id
                 ORDER BY a.section
                """, [id, try row.get("body_id", as: Int64.self), date.iso]
            ).map { item in
                MeetingView.Item(
                    section: try item.get("section"), decision: try item.get("decision"), title: try item.get("title"),
                    state: try item.get("state"), outcome: try item.get("outcome"),
                    quorum: item.isNull("quorum") ? nil : try item.decodeJSON("quorum"),
                    disqualified: try item.decodeJSON("disqualified"), votes: try item.decodeJSON("votes"))
            }
            return MeetingView(
                meeting: Meetings.Meeting(
                    id: id, body: try row.get("body"), date: try row.get("date"), number: try row.get("number"),
                    place: try row.get("place")),
                seats: try row.get("seats"), quorumRule: try row.get("quorum"), attendance: attendance, agenda: items)
        }
    }
}

extension MeetingView.Vote: Decodable {}
