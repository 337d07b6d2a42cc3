/// One deadline of one decision, as the deadline lists and calendars show it.
public struct DeadlineItem: Sendable, Equatable, Encodable {
    public let id: Int64
    public let kind: DeadlineKind
    public let date: CalendarDate
    public let text: String?
    public let done: Bool
    public let decisionID: Int64
    public let decisionTitle: String
    public let body: String
    /// `Kunnanhallitus/2020/§39`, or the diary number, or nil for an undated draft.
    public let reference: String?
    public let organization: String

    public init(
        id: Int64, kind: DeadlineKind, date: CalendarDate, text: String?, done: Bool, decisionID: Int64, decisionTitle: String,
        body: String, reference: String?, organization: String
    ) {
        self.id = id
        self.kind = kind
        self.date = date
        self.text = text
        self.done = done
        self.decisionID = decisionID
        self.decisionTitle = decisionTitle
        self.body = body
        self.reference = reference
        self.organization = organization
    }

    /// Days from `today` to the due date: 0 on the day, negative when overdue.
    public func daysLeft(from today: CalendarDate) -> Int { date.dayNumber - today.dayNumber }

    private enum CodingKeys: String, CodingKey {
        case id, kind, date, text, done, decisionID = "decisionId", decisionTitle, body, reference, organization
    }
}

extension DeadlineKind {
    /// How a person reads the kind: `reply by`.
    public var label: String { String(rawValue.map { $0 == "_" ? " " : $0 }) }
}
