internal import ArgumentParser
internal import DecisionStore
internal import Decisions

extension ProjectCommand {
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List projects with their decisions and costs.",
            discussion: """
                committed: the cost shares of decisions that approved them; proposed: shares of
                decisions not (yet) approved; to pay: committed shares from this year on.

                Example:
                  pykala project list
                """)

        @OptionGroup var asOf: AsOfYearOption
        @OptionGroup var organization: OrganizationOption
        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let database = try connection.target.connect()
            let year = try asOf.year ?? Deadlines.today(on: database).year
            let projects = try Projects.list(organization: organization.name, asOfYear: year, on: database)
            try output.emit(projects) { projects in
                Output.table(
                    header: ["project", "coordinator", "period", "decisions", "committed", "proposed", "to pay"],
                    rows: projects.map {
                        [
                            $0.name, $0.coordinator ?? "", $0.period ?? "", String($0.decisions), $0.costs.committed.description,
                            $0.costs.proposed.description, $0.costs.toPay.description,
                        ]
                    })
            }
        }
    }
}
