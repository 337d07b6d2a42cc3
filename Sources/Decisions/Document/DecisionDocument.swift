/// One decision as a secretary describes it: what `pykala register` reads and
/// `pykala import minutes --dry-run` writes. Keys are documented in `docs/decision-document.md`.
///
/// Values are already parsed and checked: money in cents, dates as calendar days, roles
/// and kinds from their closed vocabularies.
public struct DecisionDocument: Sendable, Equatable {
    public var organization: String?
    public var body: String
    public var caseInfo: CaseInfo?
    public var meeting: MeetingReference?
    public var earlierHandlings: [EarlierHandling] = []
    public var title: String
    public var project: ProjectReference?
    public var description: String?
    public var proposal: String?
    public var decision: String?
    public var outcome: Outcome?
    public var vote: VoteCount?
    public var disqualified: [Disqualification] = []
    public var total: Money?
    public var costShares: [CostShare] = []
    public var deadlines: [Deadline] = []
    public var contacts: [Contact] = []
    public var publicity: Publicity = .public

    public init(body: String, title: String) {
        self.body = body
        self.title = title
    }

    public struct CaseInfo: Sendable, Equatable {
        public var diaryNumber: DiaryNumber?
        public var title: String?
        public var classification: String?
    }

    public struct MeetingReference: Sendable, Equatable {
        public var date: CalendarDate
        public var section: Int?

        public init(date: CalendarDate, section: Int? = nil) {
            self.date = date
            self.section = section
        }
    }

    public struct EarlierHandling: Sendable, Equatable {
        public var body: String
        public var section: Int?
        public var date: CalendarDate
    }

    /// The project a decision concerns (hanke), as the document describes it.
    public struct ProjectReference: Sendable, Equatable {
        public var name: String
        public var coordinator: String?
        public var period: String?
        public var goals: String?
        public var partners: [String] = []
        public var funders: [String] = []
        public var contacts: [ProjectContact] = []

        public init(name: String, coordinator: String? = nil, period: String? = nil) {
            self.name = name
            self.coordinator = coordinator
            self.period = period
        }
    }

    /// A person named for a project, with what they are responsible for.
    public struct ProjectContact: Sendable, Equatable {
        public var name: String
        public var title: String?
        public var responsibility: String?
        public var phone: String?
        public var email: String?
        public var isPrivate: Bool = false

        public init(name: String) { self.name = name }
    }

    public struct VoteCount: Sendable, Equatable {
        public var yes: Int
        public var no: Int
        public var blank: Int
        public var absent: Int
    }

    public struct Disqualification: Sendable, Equatable {
        public var name: String
        public var ground: String?

        public init(name: String, ground: String? = nil) {
            self.name = name
            self.ground = ground
        }
    }

    public struct CostShare: Sendable, Equatable {
        public var year: Int
        public var amount: Money
        public var source: String?

        public init(year: Int, amount: Money, source: String? = nil) {
            self.year = year
            self.amount = amount
            self.source = source
        }
    }

    public struct Deadline: Sendable, Equatable {
        public var kind: DeadlineKind
        public var date: CalendarDate
        public var text: String?
        public var done: Bool = false

        public init(kind: DeadlineKind, date: CalendarDate, text: String? = nil, done: Bool = false) {
            self.kind = kind
            self.date = date
            self.text = text
            self.done = done
        }
    }

    public struct Contact: Sendable, Equatable {
        public var role: ContactRole
        public var name: String
        public var title: String?
        public var phone: String?
        public var email: String?
        /// A private person: contact data never appears in public outputs.
        public var isPrivate: Bool = false

        public init(role: ContactRole, name: String) {
            self.role = role
            self.name = name
        }
    }

    /// The sum of the cost shares.
    public var sharesTotal: Money? { Money.sum(costShares.map(\.amount)) }
}
