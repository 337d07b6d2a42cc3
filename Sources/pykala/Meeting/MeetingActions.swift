internal import ArgumentParser
internal import DecisionStore
internal import Decisions
internal import Foundation

/// `pykala agenda add REF --meeting DATE`: the decision's next § and the put_on_agenda step.
struct AgendaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agenda",
        abstract: "Put approved decisions on a meeting's agenda.",
        discussion: "Example:\n  pykala agenda add 2265/15.151/2020 --meeting 24.2.2020",
        subcommands: [Add.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Put a decision on its body's meeting: it gets the next § of that body and year.",
            discussion: """
                § numbers run per body and calendar year, without gaps, however many
                secretaries add items at once. A tabled decision gets a new § at the later
                meeting.

                Example:
                  pykala agenda add 2265/15.151/2020 --meeting 24.2.2020
                """)

        @Argument(help: "The decision: id, diary number, or BODY/YEAR/§N.")
        var reference: String
        @Option(help: "The meeting's day (the body is the decision's).", transform: CalendarDate.init(parsing:))
        var meeting: CalendarDate
        @Option(help: "The version you saw; refused if the decision has moved on.")
        var expectVersion: Int?

        @OptionGroup var organization: OrganizationOption
        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var request: RequestOption
        @OptionGroup var output: OutputOptions

        func run() throws {
            let placed = try connection.target.writing { database in try Meetings.putOnAgenda(
                try DecisionReference(parsing: reference), meeting: meeting, expectedVersion: expectVersion,
                organization: organization.name, request: request.id, on: database) }
            try output.emit(placed) { print("decision \($0.decision) is § \($0.section) of the meeting of \(meeting), now version \($0.version)") }
        }
    }
}

/// `pykala outcome REF OUTCOME`: how the body disposed of the decision.
struct OutcomeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outcome",
        abstract: "Record how the body disposed of a decision on its agenda.",
        discussion: """
            OUTCOME is approved, approved_after_vote, amended, modified, rejected, noted,
            returned, tabled, removed or election. Free text goes in --text, never in the
            outcome.

            Example:
              pykala outcome 2265/15.151/2020 approved \\
                --text "Hyväksyttiin yksimielisesti."
            """)

    @Argument(help: "The decision.")
    var reference: String
    @Argument(help: "The outcome.", transform: { try FieldRules.choice($0, field: "OUTCOME", as: Outcome.self) })
    var outcome: Outcome
    @Option(help: "The decision text (päätös).")
    var text: String?

    @OptionGroup var organization: OrganizationOption
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var request: RequestOption
    @OptionGroup var output: OutputOptions

    func run() throws {
        let recorded = try connection.target.writing { database in try Meetings.recordOutcome(
            try DecisionReference(parsing: reference), outcome: outcome, text: text, organization: organization.name,
            request: request.id, on: database) }
        try output.emit(recorded) { print("decision \($0.decision): outcome \($0.outcome)") }
    }
}

/// `pykala vote REF --yes … --no … --ballot NAME=yes …`.
struct VoteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vote",
        abstract: "Record a vote on a decision's §: each voter's ballot; the result is computed.",
        discussion: """
            Every voting member present at the § (and not disqualified) gives one ballot:
            yes, no, blank or absent. A tie goes the way the chair voted.

            Example:
              pykala vote 12 --yes "Kaupunginjohtajan ehdotus" --no \\
                "Palautetaan valmisteluun" \\
                --ballot "Kai Pöntinen=yes" --ballot "Marcus Toppari=no"
            """)

    @Argument(help: "The decision.")
    var reference: String
    @Option(help: "The motion a yes vote supports.")
    var yes: String
    @Option(help: "The motion a no vote supports.")
    var no: String
    @Option(help: "NAME=yes|no|blank|absent, once per voter.")
    var ballot: [String] = []

    @OptionGroup var organization: OrganizationOption
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var request: RequestOption
    @OptionGroup var output: OutputOptions

    func run() throws {
        var ballots: [String: Meetings.Choice] = [:]
        for entry in ballot {
            guard let equals = entry.lastIndex(of: "=") else {
                throw ValidationError("--ballot: \"\(entry)\" is not accepted; expected NAME=yes, NAME=no, NAME=blank or NAME=absent")
            }
            let name = String(entry[..<equals]).trimmingWhitespace()
            let choice = try FieldRules.choice(String(entry[entry.index(after: equals)...]), field: "--ballot \(name)", as: Meetings.Choice.self)
            guard ballots.updateValue(choice, forKey: name) == nil else {
                throw ValidationError("--ballot: \(name) votes twice; give one ballot per voter")
            }
        }
        let result = try connection.target.writing { database in try Meetings.vote(
            try DecisionReference(parsing: reference), yes: yes, no: no, ballots: ballots, organization: organization.name,
            request: request.id, on: database) }
        try output.emit(result) { result in
            print("yes \(result.yes), no \(result.no), blank \(result.blank), absent \(result.absent): \(result.winningMotion)"
                + (result.decidedByChair ? " (a tie; the chair's vote decided)" : ""))
        }
    }
}

/// `pykala disqualify REF PERSON --ground …` (hallintolaki 28 §).
struct DisqualifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "disqualify",
        abstract: "Record that a member is disqualified from a decision's § (hallintolaki 28 §).",
        discussion: """
            A disqualified member counts neither for the quorum nor in the vote of that §.

            Example:
              pykala disqualify 12 "Matti Virtanen" --ground \\
                "hallintolaki 28 § 1 mom. 5 k. (yhteisöjäävi)"
            """)

    @Argument(help: "The decision.")
    var reference: String
    @Argument(help: "The member's name.")
    var person: String
    @Option(help: "The ground, e.g. hallintolaki 28 § 1 mom. 5 k.")
    var ground: String

    @OptionGroup var organization: OrganizationOption
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var request: RequestOption
    @OptionGroup var output: OutputOptions

    func run() throws {
        let recorded = try connection.target.writing { database in try Meetings.disqualify(
            try DecisionReference(parsing: reference), person: person, ground: ground, organization: organization.name,
            request: request.id, on: database) }
        try output.emit(recorded) { recorded in
            let quorum = recorded.quorum.quorate.map { $0 ? "still quorate" : "NOT quorate" } ?? "quorum unknown (no seats set)"
            print("\(recorded.person) is disqualified (\(recorded.ground)); \(recorded.quorum.present) present, \(quorum)")
        }
    }
}
