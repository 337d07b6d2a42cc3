public import Decisions

/// Which decisions `pykala decision list` shows; every condition set must hold.
public struct DecisionFilter: Sendable, Equatable {
    /// The workflow state, e.g. `draft`.
    public var state: String?
    /// The body's Finnish or Swedish name.
    public var body: String?
    /// The meeting's year; for a decision not yet on an agenda, its case's year.
    public var year: Int?
    /// Text the title or the description contains (case-insensitive; no wildcards).
    public var text: String?
    /// Decisions with a deadline on or after this day…
    public var deadlineFrom: CalendarDate?
    /// …and on or before this one.
    public var deadlineTo: CalendarDate?
    /// The project's name.
    public var project: String?
    /// Only these decisions.
    public var ids: [Int64]?
    /// At most this many, newest first.
    public var limit: Int?

    public init() {}
}

/// One line of a decision list.
public struct DecisionSummary: Sendable, Equatable, Encodable {
    public let id: Int64
    public let body: String
    public let meetingDate: CalendarDate?
    public let section: Int?
    public let diaryNumber: String?
    public let state: String
    public let outcome: String?
    public let title: String
    public let total: Money?
    public let project: String?

    /// `Kunnanhallitus/2020/§39`, when the decision has a section.
    public var sectionReference: String? {
        guard let meetingDate, let section else { return nil }
        return "\(body)/\(meetingDate.year)/§\(section)"
    }

    private enum CodingKeys: String, CodingKey {
        case id, body, meetingDate, section, diaryNumber, state, outcome, title, total = "totalCents", project
    }
}
