internal import Decisions
public import Postgres

/// Reading decisions back.
public enum DecisionQueries {
    /// The decision a reference names; an error if none, or if a diary number names several.
    /// Decisions are looked up in `organization` (the only one, when nil).
    public static func card(_ reference: DecisionReference, organization: String? = nil, on connection: Connection) throws
        -> DecisionCard
    {
        try connection.reading { tx in try card(reference, organizationID: try tx.organizationID(organization), on: tx) }
    }

    /// The cards of the decisions `ids` names, in that order, read on one snapshot (a
    /// meeting's minutes read their sections together, not one transaction each).
    public static func cards(_ ids: [Int64], organization: String? = nil, on connection: Connection) throws -> [DecisionCard] {
        try connection.reading { tx in
            let organizationID = try tx.organizationID(organization)
            return try ids.map { try card(.id($0), organizationID: organizationID, on: tx) }
        }
    }

    /// The id of the decision a reference names, with the same checks as ``card(_:organization:on:)``
    /// but without reading its shares, deadlines and contacts.
    public static func id(_ reference: DecisionReference, organization: String? = nil, on connection: Connection) throws -> Int64 {
        // Two reads that need no common snapshot: no transaction around them (fewer round trips).
        try StoreError.translating { try id(reference, organizationID: try connection.organizationID(organization), on: connection) }
    }

    static func id(_ reference: DecisionReference, organizationID: Int64, on connection: Connection) throws -> Int64 {
        try row(reference, organizationID: organizationID, on: connection).get("id")
    }

    static func card(_ reference: DecisionReference, organizationID: Int64, on connection: Connection) throws -> DecisionCard {
        try card(from: try row(reference, organizationID: organizationID, on: connection), on: connection)
    }

    /// The decision's main row; an error if none, or if the reference names several.
    private static func row(_ reference: DecisionReference, organizationID: Int64, on connection: Connection) throws -> Row {
        let rows: QueryResult
        switch reference {
        case .id(let id):
            rows = try connection.execute(cardSQL + " WHERE d.organization_id = $1 AND d.id = $2", [organizationID, id])
        case .diaryNumber(let number):
            rows = try connection.execute(
                cardSQL + " WHERE d.organization_id = $1 AND c.diary_number = $2 ORDER BY d.id", [organizationID, number])
        case .section(let body, let year, let section):
            rows = try connection.execute(
                cardSQL
                    + " WHERE d.organization_id = $1 AND (b.name = $2 OR b.name_sv = $2) AND extract(year FROM d.meeting_date) = $3 AND d.section = $4",
                [organizationID, body, year, section])
        }
        guard let row = rows.first else {
            throw StoreError(kind: .notFound, message: "no decision has \(reference)", hint: "List them with `pykala decision list`.")
        }
        if rows.count > 1 {
            let ids = try rows.map { String(try $0.get("id", as: Int64.self)) }.joined(separator: ", ")
            throw StoreError(
                kind: .conflict, message: "\(reference) has \(rows.count) decisions (ids \(ids))",
                hint: "Name one by its id or as BODY/YEAR/§N.")
        }
        return row
    }

    private static let cardSQL = """
        SELECT d.id, o.name AS organization, b.name AS body, c.diary_number, d.meeting_date, d.section, d.state,
               d.version, d.title, p.name AS project, d.description, d.proposal, d.decision_text, d.outcome,
               d.total_cents, d.secrecy_basis
          FROM pykala.decision d
          JOIN pykala.organization o ON o.id = d.organization_id
          JOIN pykala.body b ON b.id = d.body_id AND b.organization_id = d.organization_id
          LEFT JOIN pykala."case" c ON c.id = d.case_id AND c.organization_id = d.organization_id
          LEFT JOIN pykala.project p ON p.id = d.project_id AND p.organization_id = d.organization_id
        """

    private static func card(from row: Row, on connection: Connection) throws -> DecisionCard {
        let id = try row.get("id", as: Int64.self)
        let meetingDate = try row.get("meeting_date", as: PostgresDate?.self).map { try CalendarDate(stored: $0) }
        let shares = try connection.execute(
            "SELECT year, amount_cents, source FROM pykala.cost_share WHERE decision_id = $1 ORDER BY position", [id]
        ).map { share in
            DecisionCard.Share(
                year: try share.get("year"), amount: Money(cents: try share.get("amount_cents")), source: try share.get("source"))
        }
        let deadlines = try connection.execute(
            "SELECT kind, due_date, text, done_at IS NOT NULL AS done FROM pykala.deadline WHERE decision_id = $1 ORDER BY due_date, id",
            [id]
        ).map { deadline in
            let date = try CalendarDate(stored: try deadline.get("due_date", as: PostgresDate.self))
            return DecisionCard.Deadline(
                kind: try deadline.get("kind"), date: date, text: try deadline.get("text"), done: try deadline.get("done"),
                passedBeforeMeeting: meetingDate.map { date < $0 } ?? false)
        }
        let contacts = try connection.execute(
            """
            SELECT ct.role, pe.name, pe.title, pe.phone, pe.email, pe.is_private
              FROM pykala.contact ct JOIN pykala.person pe ON pe.id = ct.person_id AND pe.organization_id = ct.organization_id
             WHERE ct.decision_id = $1 ORDER BY ct.position
            """, [id]
        ).map { contact in
            DecisionCard.Contact(
                role: try contact.get("role"), name: try contact.get("name"), title: try contact.get("title"),
                phone: try contact.get("phone"), email: try contact.get("email"), isPrivate: try contact.get("is_private"))
        }
        return DecisionCard(
            id: id, organization: try row.get("organization"), body: try row.get("body"),
            diaryNumber: try row.get("diary_number"), meetingDate: meetingDate, section: try row.get("section"),
            state: try row.get("state"), version: try row.get("version"), title: try row.get("title"),
            project: try row.get("project"), description: try row.get("description"), proposal: try row.get("proposal"),
            decision: try row.get("decision_text"), outcome: try row.get("outcome"),
            total: try row.get("total_cents", as: Int64?.self).map(Money.init(cents:)), costShares: shares,
            deadlines: deadlines, contacts: contacts, secrecyBasis: try row.get("secrecy_basis"))
    }
}

extension CalendarDate {
    /// A date read from the database (whose CHECKs keep it in range).
    init(stored date: PostgresDate) throws {
        guard let value = CalendarDate(year: date.year, month: date.month, day: date.day) else {
            throw StoreError(kind: .invalid, message: "the database holds a date out of range: \(date)", hint: nil)
        }
        self = value
    }
}
