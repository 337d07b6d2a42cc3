/// What the public portal and the open-data API show, as the `pykala_public` views give it
/// (publicity rules applied by the database). Field names follow the open decision APIs
/// municipalities already use (6Aika/Paatos and OParl; docs/open-data.md maps them).
public enum PublicRecords {
    /// A body that makes decisions (a policymaker: council, board, committee, office-holder).
    public struct Body: Sendable, Codable, Equatable {
        public let id: Int64
        public let organization: String
        public let name: String
        public let nameSv: String?
        /// council, board, committee or office-holder.
        public let classification: String
    }

    /// A meeting whose minutes are published.
    public struct Meeting: Sendable, Codable, Equatable {
        public let id: Int64
        public let policymaker: Int64
        public let policymakerName: String
        public let policymakerNameSv: String?
        /// ISO date.
        public let date: String
        public let number: String?
        public let location: String?
        /// When the minutes were published (UTC, ISO 8601).
        public let minutesPublishedAt: String
        /// The last day of the appeal period of its decisions, when known (ISO date).
        public let appealPeriodEnds: String?
        public let agendaItemCount: Int
    }

    /// One § of a meeting's published minutes.
    public struct AgendaItem: Sendable, Codable, Equatable {
        public let id: Int64
        public let meeting: Int64
        /// The § number.
        public let index: Int
        public let subject: String
        public let decision: Int64
        /// The outcome (approved, amended, tabled …); none for a secret §.
        public let resolution: String?
        public let secret: Bool
    }

    public struct CostShare: Sendable, Codable, Equatable {
        public let id: Int64
        public let decision: Int64
        public let year: Int
        public let amountCents: Int64
        public let currency: String
        public let source: String?
    }

    public struct Deadline: Sendable, Codable, Equatable {
        public let kind: String
        public let date: String
        public let text: String?
        public let done: Bool
    }

    /// An official's work contact, or a private person's name (until the appeal period ends).
    public struct Contact: Sendable, Codable, Equatable {
        public let role: String
        public let name: String
        public let title: String?
        public let phone: String?
        public let email: String?
        public let `private`: Bool
    }

    public struct Vote: Sendable, Codable, Equatable {
        public let position: Int
        public let yesMotion: String
        public let noMotion: String
        public let yes: Int
        public let no: Int
        public let blank: Int
        public let absent: Int
        /// yes or no: which motion won.
        public let result: String
        public let decidedByChair: Bool
    }

    public struct Disqualification: Sendable, Codable, Equatable {
        public let name: String
        public let ground: String
    }

    /// An earlier handling the decision's document names (another body's §).
    public struct Handling: Sendable, Codable, Equatable {
        public let body: String
        public let section: Int?
        public let date: String
    }

    /// Another published decision in the same case: the handling history across bodies.
    public struct CaseDecision: Sendable, Codable, Equatable {
        public let id: Int64
        public let policymakerName: String
        public let date: String?
        public let index: Int?
        public let subject: String
        public let resolution: String?
    }

    /// A published decision. A secret one has its subject, decision text and secrecy basis only.
    public struct Decision: Sendable, Codable, Equatable {
        public let id: Int64
        public let organization: String
        public let policymaker: Int64
        public let policymakerName: String
        public let policymakerNameSv: String?
        /// The diary number (diaarinumero) of its case.
        public let registerId: String?
        public let meeting: Int64?
        public let date: String?
        /// The § number.
        public let index: Int?
        public let subject: String
        /// The description of the matter (asian selostus).
        public let content: String?
        public let proposal: String?
        public let decisionText: String?
        public let resolution: String?
        public let totalCents: Int64?
        public let project: String?
        /// public or secret.
        public let publicity: String
        public let secrecyBasis: String?
        public let publishedAt: String
        public let appealPeriodEnds: String?
        public let earlierHandlings: [Handling]
        public let votes: [Vote]
        public let disqualified: [Disqualification]
        public let costShares: [CostShare]
        public let deadlines: [Deadline]
        public let contacts: [Contact]
        /// Other published decisions of the same case, oldest first.
        public let caseDecisions: [CaseDecision]
    }

    /// Which decisions a search wants; every filter narrows.
    public struct DecisionFilter: Sendable, Equatable {
        /// Words as a web search engine takes them (`websearch_to_tsquery`).
        public var text: String?
        /// finnish or swedish: the search configuration.
        public var language: SearchLanguage = .finnish
        public var body: Int64?
        public var year: Int?
        public var outcome: String?

        public init(text: String? = nil, language: SearchLanguage = .finnish, body: Int64? = nil, year: Int? = nil, outcome: String? = nil) {
            self.text = text
            self.language = language
            self.body = body
            self.year = year
            self.outcome = outcome
        }
    }

    /// PostgreSQL's text search configurations the public search uses.
    public enum SearchLanguage: String, Sendable, CaseIterable {
        case finnish, swedish
    }
}
