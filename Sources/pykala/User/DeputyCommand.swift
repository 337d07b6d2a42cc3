internal import ArgumentParser
internal import DecisionStore
internal import Decisions

struct DeputyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deputy",
        abstract: "Record standing substitutes: a deputy may act for another user for a period.",
        discussion: """
            While the period holds, the deputy may take the actions the other user's role
            allows, and the history records both: who acted, and for whom.

            Example:
              pykala deputy add kunnanjohtajan.sijainen --for sirpa.hakala \\
                --from 1.7.2020 --to 31.7.2020
            """,
        subcommands: [Add.self, List.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Let one user act for another from one day to another.",
            discussion: "Example:\n  pykala deputy add kunnanjohtajan.sijainen --for sirpa.hakala \\\n    --from 1.7.2020 --to 31.7.2020")

        @Argument(help: "The deputy's login.")
        var deputy: String
        @Option(name: .customLong("for"), help: "The login of the user substituted.")
        var substituted: String
        @Option(help: "The first day (20.2.2020 or 2020-02-20).", transform: CalendarDate.init(parsing:))
        var from: CalendarDate
        @Option(help: "The last day.", transform: CalendarDate.init(parsing:))
        var to: CalendarDate

        @OptionGroup var organization: OrganizationOption
        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var request: RequestOption
        @OptionGroup var output: OutputOptions

        func run() throws {
            let added = try connection.target.writing { database in try Users.addDeputy(
                deputy, for: substituted, from: from, to: to, organization: organization.name, request: request.id, on: database) }
            try output.emit(added) { print("\($0.deputy) may act for \($0.for) from \($0.from) to \($0.to)") }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the deputies.", discussion: "Example:\n  pykala deputy list")

        @OptionGroup var organization: OrganizationOption
        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            try output.emit(try Users.deputies(organization: organization.name, on: try connection.target.connect())) { deputies in
                Output.table(header: ["deputy", "for", "from", "to"], rows: deputies.map { [$0.deputy, $0.for, $0.from, $0.to] })
            }
        }
    }
}
