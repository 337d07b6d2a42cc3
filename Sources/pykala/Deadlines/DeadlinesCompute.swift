internal import ArgumentParser
internal import Decisions

extension DeadlinesCommand {
    struct Compute: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Compute the presumed notice date and the last day for a request for rectification.",
            discussion: """
                Minutes published in a public network are presumed known on the 7th day after
                publication; an extract sent by e-mail on the 3rd day, by post on the 7th. The
                request for rectification is due within 14 days of that; a last day on a
                Saturday, Sunday or holiday (Easter, Midsummer and the other moving ones
                included) moves to the next working day. No database is needed.

                Example:
                  pykala deadlines compute --published 2.3.2020
                  pykala deadlines compute --published 3.12.2020 --notice email --format json
                """)

        @Option(help: "The day the minutes were published, or the extract sent (20.2.2020 or 2020-02-20).",
                transform: CalendarDate.init(parsing:))
        var published: CalendarDate
        @Option(help: "How notice is given: public, email or post (default: public).",
                transform: { try FieldRules.choice($0, field: "--notice", as: NoticeMethod.self) })
        var notice: NoticeMethod?

        @OptionGroup var output: OutputOptions

        func run() throws {
            guard let period = AppealPeriod(published: published, notice: notice ?? .public) else {
                throw ValidationError("--published \(published): the period runs past the years supported (to 2199)")
            }
            try output.emit(period) { period in
                var fields = [
                    ("published", "\(period.published) (\(period.notice.rawValue))"),
                    ("presumed notice", period.presumedNotice.description),
                    ("last day", period.lastDay.description),
                ]
                if let moved = period.movedFrom, let reason = period.movedBecause {
                    fields.append(("moved from", "\(moved) (\(reason))"))
                }
                Output.fields(fields)
            }
        }
    }
}
