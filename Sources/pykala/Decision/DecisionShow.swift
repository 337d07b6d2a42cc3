internal import ArgumentParser
internal import DecisionStore
internal import Decisions

extension DecisionCommand {
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print one decision as a readable card.",
            discussion: """
                REF is the decision's id, its case's diary number, or BODY/YEAR/§N.

                Example:
                  pykala decision show 2265/15.151/2020
                  pykala decision show "Kunnanhallitus/2020/§39" --format json
                """)

        @Argument(help: "The decision: id, diary number, or BODY/YEAR/§N.")
        var reference: String

        @OptionGroup var organization: OrganizationOption
        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let card = try DecisionQueries.card(
                try DecisionReference(parsing: reference), organization: organization.name, on: try connection.target.connect())
            switch output.format {
            case .json: try Output.json(card)
            case .table: print(DecisionCardText.render(card), terminator: "")
            }
        }
    }
}
