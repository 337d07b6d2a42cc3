internal import ArgumentParser
internal import DecisionStore
internal import Decisions
internal import Foundation
internal import Reports

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export decision histories for auditors.",
        discussion: "Example:\n  pykala export history --decision 2265/15.151/2020 --format csv -o history.csv",
        subcommands: [History.self])

    struct History: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Every event, with time, actor, decision, action, states, changes, comment and hash.",
            discussion: """
                The hash of each row matches the verified chain (`pykala audit verify`). CSV is
                RFC 4180 UTF-8 with a header; cells that a spreadsheet would run as formulas
                are neutralised. HTML is escaped. --public leaves out secret decisions and
                private persons' contact data. Exports stream: memory stays flat however many
                events.

                Example:
                  pykala export history --body Kunnanhallitus --from 1.1.2020 --to 31.12.2020 \\
                    --format csv -o kh-2020.csv
                  pykala export history --decision 2265/15.151/2020 --format html -o \\
                    history.html
                """)

        @Option(help: "Only this decision (id, diary number or BODY/YEAR/§N).")
        var decision: String?
        @Option(help: "Only decisions of this body.")
        var body: String?
        @Option(help: "From this day on (Helsinki time).", transform: CalendarDate.init(parsing:))
        var from: CalendarDate?
        @Option(help: "To this day, included.", transform: CalendarDate.init(parsing:))
        var to: CalendarDate?
        @Option(help: "csv, jsonl, json or html.",
                transform: { try FieldRules.choice($0, field: "--format", as: HistoryWriter.Format.self) })
        var format: HistoryWriter.Format
        @Option(name: [.customShort("o"), .customLong("output")], help: ArgumentHelp("The file to write; - for standard output.", valueName: "file"))
        var output: String
        @Flag(help: "For the public: leave out secret decisions and private persons' contact data.")
        var `public` = false

        @OptionGroup var organization: OrganizationOption
        @OptionGroup var connection: ConnectionOptions

        func run() throws {
            var filter = EventFilter()
            filter.decision = try decision.map(DecisionReference.init(parsing:))
            filter.body = body
            filter.from = from
            filter.to = to
            let file = try OutputFile(path: output)
            let progress = Progress(label: "events exported", quiet: format == .json || format == .jsonl || output == "-")
            var writer = try HistoryWriter(format: format, sink: file.write)
            do {
                _ = try AuditLog.forEachEvent(matching: filter, organization: organization.name, on: try connection.target.connect()) { stored in
                    if self.public, stored.secret { return }
                    try writer.write(
                        HistoryRow(
                            event: try stored.event(), hash: stored.hash, localTime: stored.localTime, diaryNumber: stored.diaryNumber,
                            sectionReference: stored.sectionReference, public: self.public))
                    progress.advance()
                }
                try writer.finish()
                try file.commit()
            } catch {
                file.discard()
                throw error
            }
            progress.finish()
        }
    }
}
