public import Decisions

/// Everything a person wants to see about one decision.
public struct DecisionCard: Sendable, Equatable, Encodable {
    public struct Share: Sendable, Equatable, Encodable {
        public let year: Int
        public let amount: Money
        public let source: String?

        private enum CodingKeys: String, CodingKey { case year, amount = "amountCents", source }
    }
    public struct Deadline: Sendable, Equatable, Encodable {
        public let kind: String
        public let date: CalendarDate
        public let text: String?
        public let done: Bool
        /// True when it fell before the meeting that decided: shown as a warning, not refused.
        public let passedBeforeMeeting: Bool
    }
    public struct Contact: Sendable, Equatable, Encodable {
        public let role: String
        public let name: String
        public let title: String?
        public let phone: String?
        public let email: String?
        /// A private person: their contact data stays out of public outputs.
        public let isPrivate: Bool

        private enum CodingKeys: String, CodingKey { case role, name, title, phone, email, isPrivate = "private" }
    }

    public let id: Int64
    public let organization: String
    public let body: String
    public let diaryNumber: String?
    public let meetingDate: CalendarDate?
    public let section: Int?
    public let state: String
    public let version: Int
    public let title: String
    public let project: String?
    public let description: String?
    public let proposal: String?
    public let decision: String?
    public let outcome: String?
    public let total: Money?
    public let costShares: [Share]
    public let deadlines: [Deadline]
    public let contacts: [Contact]
    public let secrecyBasis: String?

    private enum CodingKeys: String, CodingKey {
        case id, organization, body, diaryNumber, meetingDate, section, state, version, title, project, description, proposal,
            decision, outcome, total = "totalCents", costShares, deadlines, contacts, secrecyBasis
    }

    /// `Kunnanhallitus/2020/§39`, when the decision has a section.
    public var sectionReference: String? {
        guard let meetingDate, let section else { return nil }
        return "\(body)/\(meetingDate.year)/§\(section)"
    }
}
