public import Decisions

/// The languages reports are written in.
public enum ReportLanguage: String, Sendable, CaseIterable {
    case fi, sv
}

/// The formats a template set provides.
public enum ReportFormat: String, Sendable, CaseIterable {
    case html, md, txt
}

/// One decision as reports show it.
public struct ReportDecision: Sendable {
    public struct Share: Sendable {
        public let year: Int
        public let amount: Money
        public let source: String?

        public init(year: Int, amount: Money, source: String?) {
            self.year = year
            self.amount = amount
            self.source = source
        }
    }

    public struct Contact: Sendable {
        public let role: ContactRole
        public let name: String
        public let title: String?
        public let phone: String?
        public let email: String?
        public let isPrivate: Bool

        public init(role: ContactRole, name: String, title: String?, phone: String?, email: String?, isPrivate: Bool) {
            self.role = role
            self.name = name
            self.title = title
            self.phone = phone
            self.email = email
            self.isPrivate = isPrivate
        }
    }

    public struct Vote: Sendable {
        public let yesMotion: String
        public let noMotion: String
        public let yes: Int
        public let no: Int
        public let blank: Int
        public let absent: Int
        public let yesWon: Bool
        public let decidedByChair: Bool

        public init(yesMotion: String, noMotion: String, yes: Int, no: Int, blank: Int, absent: Int, yesWon: Bool, decidedByChair: Bool) {
            self.yesMotion = yesMotion
            self.noMotion = noMotion
            self.yes = yes
            self.no = no
            self.blank = blank
            self.absent = absent
            self.yesWon = yesWon
            self.decidedByChair = decidedByChair
        }
    }

    public var id: Int64
    public var body: String
    public var diaryNumber: String?
    public var meetingDate: CalendarDate?
    public var section: Int?
    public var title: String
    public var description: String?
    public var proposal: String?
    public var decision: String?
    public var outcome: Outcome?
    public var state: String
    public var total: Money?
    public var shares: [Share] = []
    public var deadlines: [DecisionDocument.Deadline] = []
    public var contacts: [Contact] = []
    public var votes: [Vote] = []
    /// `Name (ground)`.
    public var disqualified: [String] = []
    /// The legal basis when the decision is secret.
    public var secrecyBasis: String?

    public init(id: Int64, body: String, title: String, state: String) {
        self.id = id
        self.body = body
        self.title = title
        self.state = state
    }
}

/// A meeting as the agenda and the minutes show it.
public struct ReportMeeting: Sendable {
    public struct Attendee: Sendable {
        public let name: String
        public let role: String
        public let deputyFor: String?
        public let arrived: Int?
        public let left: Int?

        public init(name: String, role: String, deputyFor: String?, arrived: Int?, left: Int?) {
            self.name = name
            self.role = role
            self.deputyFor = deputyFor
            self.arrived = arrived
            self.left = left
        }
    }

    public var organization: String
    public var body: String
    public var date: CalendarDate
    public var number: String?
    public var place: String?
    public var attendees: [Attendee] = []
    public var decisions: [ReportDecision] = []

    public init(organization: String, body: String, date: CalendarDate) {
        self.organization = organization
        self.body = body
        self.date = date
    }
}

/// One line of a decision's history.
public struct ReportHistoryEntry: Sendable {
    public let time: String
    public let action: String
    public let from: String?
    public let to: String
    public let actor: String
    public let comment: String?

    public init(time: String, action: String, from: String?, to: String, actor: String, comment: String?) {
        self.time = time
        self.action = action
        self.from = from
        self.to = to
        self.actor = actor
        self.comment = comment
    }
}
