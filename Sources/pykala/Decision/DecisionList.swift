internal import ArgumentParser
internal import DecisionStore
internal import Decisions

extension DecisionCommand {
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List decisions, newest first, filtered by state, body, year, text or deadlines.",
            discussion: """
                Every filter given must hold. --text looks in the title and the description.
                --deadline-from/--deadline-to keep the decisions with a deadline in that range.

                Example:
                  pykala decision list --body Kunnanhallitus --year 2020 --text hanke
                  pykala decision list --deadline-from 1.2.2020 --deadline-to 29.2.2020 \\
                    --format json
                """)

        @Option(help: "The state, e.g. draft.")
        var state: String?
        @Option(help: "The body's Finnish or Swedish name.")
        var body: String?
        @Option(help: "The meeting's year (for undated drafts, the case's year).")
        var year: Int?
        @Option(help: "Text in the title or description (case-insensitive).")
        var text: String?
        @Option(help: "The project's name.")
        var project: String?
        @Option(help: "Only decisions with a deadline on or after this day (20.2.2020 or 2020-02-20).", transform: CalendarDate.init(parsing:))
        var deadlineFrom: CalendarDate?
        @Option(help: "Only decisions with a deadline on or before this day.", transform: CalendarDate.init(parsing:))
        var deadlineTo: CalendarDate?
        @Option(help: "At most this many.")
        var limit: Int?

        @OptionGroup var organization: OrganizationOption
        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var output: OutputOptions

        func validate() throws {
            if let year, !CalendarDate.years.contains(year) {
                throw ValidationError("--year: \(year) is out of range; expected a year from 1900 to 2199")
            }
            if let limit, limit < 1 { throw ValidationError("--limit: \(limit) is not accepted; expected a number from 1 up") }
            if let deadlineFrom, let deadlineTo, deadlineTo < deadlineFrom {
                throw ValidationError("--deadline-to \(deadlineTo) is before --deadline-from \(deadlineFrom)")
            }
        }

        func run() throws {
            var filter = DecisionFilter()
            filter.state = state
            filter.body = body
            filter.year = year
            filter.text = text
            filter.project = project
            filter.deadlineFrom = deadlineFrom
            filter.deadlineTo = deadlineTo
            filter.limit = limit
            let decisions = try DecisionQueries.list(filter, organization: organization.name, on: try connection.target.connect())
            try output.emit(decisions, table: DecisionListText.print)
        }
    }
}
