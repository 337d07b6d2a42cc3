/// A declarative workflow (`workflows/*.yaml`): states with fi/sv/en labels, an initial
/// state, and named transitions with the roles that may take them and the guards that
/// must hold. Validated by ``WorkflowReader``; stored in the database as JSON, where the
/// transition function reads it.
public struct WorkflowDefinition: Sendable, Equatable, Codable {
    public struct Labels: Sendable, Equatable, Codable {
        public let fi: String
        public let sv: String
        public let en: String
    }

    /// A deadline that entering a state starts, e.g. `appeal_ends` on publication.
    public struct StartedDeadline: Sendable, Equatable, Codable {
        public let kind: DeadlineKind
        public let rule: DeadlineRule
    }

    public struct State: Sendable, Equatable, Codable {
        public let name: String
        public let labels: Labels
        /// A state where the decision's life ends; it needs no way out.
        public let final: Bool
        public let starts: [StartedDeadline]
    }

    public struct Transition: Sendable, Equatable, Codable {
        public let name: String
        public let from: [String]
        public let to: String
        public let roles: [WorkflowRole]
        public let requires: [Guard]
    }

    /// The state `pykala register` gives a decision, and so every workflow's initial state.
    public static let registeredState = "draft"

    /// The action `pykala agenda add` takes, and the state the meeting commands (disqualify,
    /// vote, outcome) work in: a workflow that has the action must lead it to that state.
    public static let agendaAction = "put_on_agenda"
    public static let agendaState = "on_agenda"

    public let name: String
    public let labels: Labels
    public let initial: String
    public let states: [State]
    public let transitions: [Transition]

    public func state(_ name: String) -> State? { states.first { $0.name == name } }

    /// The transitions that leave `state`.
    public func transitions(from state: String) -> [Transition] { transitions.filter { $0.from.contains(state) } }
}

/// Who may take a transition: the pykala group roles.
public enum WorkflowRole: String, Sendable, Codable, CaseIterable {
    case secretary, manager, auditor, admin
}

/// A named condition a transition requires; each is evaluated inside the database.
public enum Guard: String, Sendable, Codable, CaseIterable {
    /// The proposal (päätösehdotus) is written.
    case proposalPresent = "proposal_present"
    /// The cost shares add up to the total, when both are given.
    case costSharesBalanced = "cost_shares_balanced"
    /// A contact person is named.
    case contactPersonPresent = "contact_person_present"
    /// The decision has a meeting date and a § number.
    case meetingAndSectionSet = "meeting_and_section_set"
    /// The outcome is recorded.
    case outcomeRecorded = "outcome_recorded"
    /// Every `appeal_ends` deadline of the decision has passed.
    case appealPeriodOver = "appeal_period_over"
}

/// How a started deadline's date is computed.
public enum DeadlineRule: String, Sendable, Codable, CaseIterable {
    /// The last day for a request for rectification, from publication (``AppealPeriod``).
    case rectification
}
