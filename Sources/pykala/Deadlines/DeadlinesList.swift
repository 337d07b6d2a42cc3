internal import ArgumentParser
internal import DecisionStore
internal import Decisions
internal import Foundation
internal import Reports

extension DeadlinesCommand {
    struct List: ParsableCommand {
        enum Format: String, ExpressibleByArgument, CaseIterable { case table, json, ics }

        static let configuration = CommandConfiguration(
            abstract: "List open deadlines: all, those due within some days, or the overdue.",
            discussion: """
                A deadline "by 20.2.2020" lasts to the end of that day in Helsinki: it is due
                within 0 days on 20.2.2020 and overdue from 21.2.2020. --format ics writes an
                iCalendar file (RFC 5545) that a calendar program can subscribe to; each
                deadline is an all-day event with a stable UID.

                Example:
                  pykala deadlines --within 14d
                  pykala deadlines --overdue --format json
                  pykala deadlines --format ics --output deadlines.ics
                """)

        @Option(help: ArgumentHelp("Deadlines due from today to this many days later (14, 14d or 2w).", valueName: "days"),
                transform: DayCount.init(parsing:))
        var within: DayCount?
        @Flag(help: "Deadlines whose day has passed and that are not done.")
        var overdue = false
        @Flag(help: "Include deadlines marked done.")
        var all = false
        @Option(help: "Count from this day instead of today in Helsinki (20.2.2020 or 2020-02-20).", transform: CalendarDate.init(parsing:))
        var today: CalendarDate?
        @Option(help: "table, json or ics.")
        var format: Format = .table
        @Option(help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
        var output: String?

        @OptionGroup var organization: OrganizationOption
        @OptionGroup var connection: ConnectionOptions

        func validate() throws {
            if within != nil, overdue { throw ValidationError("give --within or --overdue, not both") }
            if overdue, all { throw ValidationError("--overdue lists open deadlines only; leave out --all") }
        }

        func run() throws {
            let database = try connection.target.connect()
            let today = try self.today ?? Deadlines.today(on: database)
            var window = DeadlineWindow(includeDone: all)
            if let within { window = .within(within, of: today) }
            if overdue { window = .overdue(on: today) }
            window.includeDone = all
            let items = try Deadlines.list(window, organization: organization.name, on: database)
            let text: String
            switch format {
            case .ics:
                let name = "Pykälä: " + (items.first?.organization ?? "deadlines")
                let now = UTCInstant(secondsSince1970: Int64(Date().timeIntervalSince1970.rounded(.down)))
                guard let now else { throw ValidationError("the system clock is outside the supported years") }
                text = DeadlineCalendar.render(items, name: name, stamp: now)
            case .json:
                text = try Output.jsonText(items)
            case .table:
                text = DeadlineListText.render(items, today: today)
            }
            try Output.write(text, to: output)
        }
    }
}

/// Deadlines as a table for a terminal.
enum DeadlineListText {
    static func render(_ items: [DeadlineItem], today: CalendarDate) -> String {
        guard !items.isEmpty else { return "no deadlines\n" }
        return Output.tableText(
            header: ["id", "due", "days", "kind", "decision", "title", "text"],
            rows: items.map { item in
                let days = item.daysLeft(from: today)
                let status = item.done ? "done" : days < 0 ? "\(-days) overdue" : "\(days)"
                return [
                    String(item.id), item.date.description, status, item.kind.label, item.reference ?? "#\(item.decisionID)",
                    item.decisionTitle, item.text ?? "",
                ]
            })
    }
}
