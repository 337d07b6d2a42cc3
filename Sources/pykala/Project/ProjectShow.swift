internal import ArgumentParser
internal import DecisionStore
internal import Decisions

extension ProjectCommand {
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show a project: its decisions, costs by year, deadlines and contacts.",
            discussion: """
                Costs per year: committed (decisions that approved them), proposed (not yet
                approved), and still to pay (committed, this year or later; Pykälä records
                commitments, not payments).

                Example:
                  pykala project show "Turvallisuus -hankeyhteistyö"
                  pykala project show "Turvallisuus -hankeyhteistyö" --as-of 2021 --format json
                """)

        @Argument(help: "The project's name.")
        var name: String

        @OptionGroup var asOf: AsOfYearOption
        @OptionGroup var organization: OrganizationOption
        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let database = try connection.target.connect()
            let year = try asOf.year ?? Deadlines.today(on: database).year
            let detail = try Projects.show(name, organization: organization.name, asOfYear: year, on: database)
            try output.emit(detail) { print(ProjectText.render($0), terminator: "") }
        }
    }
}
