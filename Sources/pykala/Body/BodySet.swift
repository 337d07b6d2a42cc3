internal import ArgumentParser
internal import DecisionStore
internal import Decisions

extension BodyCommand {
    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set",
            abstract: "Set a body's number of seats and its quorum rule.",
            discussion: """
                --quorum is more_than_half (boards and committees; the default) or two_thirds
                (a council).

                Example:
                  pykala body set Kunnanhallitus --seats 11
                  pykala body set Kunnanvaltuusto --seats 27 --quorum two_thirds
                """)

        @Argument(help: "The body.")
        var name: String
        @Option(help: "The number of members.")
        var seats: Int?
        @Option(help: "more_than_half or two_thirds.", transform: { try FieldRules.choice($0, field: "--quorum", as: Meetings.QuorumRule.self) })
        var quorum: Meetings.QuorumRule?

        @OptionGroup var organization: OrganizationOption
        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var request: RequestOption
        @OptionGroup var output: OutputOptions

        func run() throws {
            let settings = try connection.target.writing { database in try Meetings.setBody(name, seats: seats, quorum: quorum, organization: organization.name, request: request.id, on: database) }
            try output.emit(settings) { print("\($0.name): \($0.seats.map { "\($0) seats" } ?? "seats not set"), quorum \($0.quorum)") }
        }
    }
}
