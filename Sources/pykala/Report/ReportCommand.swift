internal import ArgumentParser
internal import DecisionStore
internal import Decisions
internal import Foundation
internal import Reports
internal import Postgres

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Make the documents a municipality publishes: agenda, minutes, extract, decision card.",
        discussion: """
            Templates are Mustache files named KIND.LANG.FORMAT.mustache in pykala's
            templates/ directory; --templates DIR (or PYKALA_TEMPLATES) uses a
            municipality's own copies.

            Example:
              pykala report minutes Kunnanhallitus 24.2.2020 --lang fi --format html -o \\
                minutes.html
              pykala report extract 2265/15.151/2020 --lang sv --format md
            """,
        subcommands: [Agenda.self, Minutes.self, Extract.self, Decision.self, Commitments.self, DeadlinesReport.self])
}

/// The formats of `pykala report`: the templates' own, and PDF printed from the HTML.
enum ReportOutput: String, CaseIterable {
    case html, md, txt, pdf

    var template: ReportFormat {
        switch self {
        case .html, .pdf: .html
        case .md: .md
        case .txt: .txt
        }
    }
}

/// What every report takes: language, format, output, templates and publicity.
struct ReportOptions: ParsableArguments {
    @Option(help: "fi or sv.", transform: { try FieldRules.choice($0, field: "--lang", as: ReportLanguage.self) })
    var lang: ReportLanguage = .fi
    @Option(help: "html, md, txt or pdf (pdf: the HTML printed by headless Chromium).",
            transform: { try FieldRules.choice($0, field: "--format", as: ReportOutput.self) })
    var format: ReportOutput = .html
    @Option(name: [.customShort("o"), .customLong("output")], help: ArgumentHelp("The file to write; - for standard output.", valueName: "file"))
    var output: String = "-"
    @Option(help: ArgumentHelp("A directory of the municipality's own templates (default: PYKALA_TEMPLATES, else pykala's).", valueName: "dir"))
    var templates: String?
    @Flag(help: "The public version: secret sections as title, decision and legal basis; no private persons' contact data.")
    var `public` = false
    @Option(help: "The day the minutes are published, for the appeal dates (default: when the decision was published, if it was).",
            transform: CalendarDate.init(parsing:))
    var published: CalendarDate?
    @Option(help: "Count \"after the appeal period\" from this day (default: today in Helsinki).", transform: CalendarDate.init(parsing:))
    var today: CalendarDate?

    @OptionGroup var organization: OrganizationOption
    @OptionGroup var connection: ConnectionOptions

    func library() throws -> TemplateLibrary {
        let configured = templates ?? ProcessInfo.processInfo.environment["PYKALA_TEMPLATES"].flatMap { $0.isEmpty ? nil : $0 }
        let directory = try configured.map { URL(fileURLWithPath: $0) } ?? ResourceDirectory.locate().templates
        return try TemplateLibrary(directory: directory)
    }

    /// Renders `kind` with the context `build` makes, and writes it.
    func render(_ kind: ReportKind, _ build: (ReportContext, Connection) throws -> [String: Any]) throws {
        let library = try library()
        let database = try connection.target.connect()
        let context = ReportContext(
            language: lang, isPublic: `public`, today: try today ?? Deadlines.today(on: database), published: published)
        let text = try library.render(try build(context, database), template: kind.template(lang, format.template))
        let file = try OutputFile(path: output)
        do {
            if format == .pdf { try file.write(try PDFPrinter.print(text)) } else { try file.write(text) }
            try file.commit()
        } catch {
            file.discard()
            throw error
        }
    }

    /// `--published`, else the day the decision was published in pykala.
    func publication(of reference: DecisionReference, on database: Connection) throws -> CalendarDate? {
        try published ?? Transitions.publicationDate(of: reference, organization: organization.name, on: database)
    }
}

extension ReportCommand {
    struct Agenda: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The agenda (esityslista) of a meeting: § by § with diary number, description and proposal.",
            discussion: "Example:\n  pykala report agenda Kunnanhallitus 24.2.2020 --format html -o agenda.html")

        @Argument(help: "The body.")
        var body: String
        @Argument(help: "The meeting's day.", transform: CalendarDate.init(parsing:))
        var date: CalendarDate
        @OptionGroup var options: ReportOptions

        func run() throws {
            try options.render(.agenda) { context, database in
                let (meeting, _) = try MeetingReport.load(body: body, date: date, organization: options.organization.name, on: database)
                return context.meeting(meeting, digest: nil)
            }
        }
    }

    struct Minutes: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The minutes (pöytäkirja) of a meeting: attendance, each § with its decision and appeal instructions.",
            discussion: "Example:\n  pykala report minutes Kunnanhallitus 24.2.2020 --published 3.3.2020 \\\n    -o minutes.html")

        @Argument(help: "The body.")
        var body: String
        @Argument(help: "The meeting's day.", transform: CalendarDate.init(parsing:))
        var date: CalendarDate
        @OptionGroup var options: ReportOptions

        func run() throws {
            try options.render(.minutes) { context, database in
                let (meeting, _) = try MeetingReport.load(body: body, date: date, organization: options.organization.name, on: database)
                return context.meeting(meeting, digest: try AuditLog.digest(on: database))
            }
        }
    }

    struct Extract: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "An extract (pöytäkirjanote) of one decision, with appeal instructions and the last day of the appeal period.",
            discussion: """
                Example:
                  pykala report extract 2265/15.151/2020 --to "Lapin ammattikorkeakoulu" --to \\
                    "Anitta Jaakola" --format pdf -o ote.pdf
                """)

        @Argument(help: "The decision: id, diary number, or BODY/YEAR/§N.")
        var reference: String
        @Option(help: "A party the extract is sent to (repeatable), e.g. \"Lapin ammattikorkeakoulu\".")
        var to: [String] = []
        @OptionGroup var options: ReportOptions

        func run() throws {
            let reference = try DecisionReference(parsing: reference)
            let recipients = try to.map { try FieldRules.requiredLine($0, field: "--to", limit: 200) }
            try options.render(.extract) { context, database in
                let card = try DecisionQueries.card(reference, organization: options.organization.name, on: database)
                return context.published(try options.publication(of: reference, on: database))
                    .single(ReportData.decision(card), organization: card.organization, recipients: recipients)
            }
        }
    }

    struct Decision: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "A decision's card with its full history.",
            discussion: "Example:\n  pykala report decision 2265/15.151/2020 --format md")

        @Argument(help: "The decision: id, diary number, or BODY/YEAR/§N.")
        var reference: String
        @OptionGroup var options: ReportOptions

        func run() throws {
            let reference = try DecisionReference(parsing: reference)
            try options.render(.decision) { context, database in
                let card = try DecisionQueries.card(reference, organization: options.organization.name, on: database)
                let history = try Transitions.history(of: reference, organization: options.organization.name, on: database)
                return context.published(try options.publication(of: reference, on: database))
                    .single(ReportData.decision(card), organization: card.organization, history: ReportData.history(history))
            }
        }
    }
}

extension ReportCommand {
    struct Commitments: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Cost shares across decisions as a table of year × funding source (or × project), with totals.",
            discussion: """
                What the budget must hold per year. --committed counts only decisions whose
                outcome commits the costs (approved, amended, …); --state keeps decisions in
                given states.

                Example:
                  pykala report commitments --committed --from-year 2021 --to-year 2022 \\
                    --format html -o commitments.html
                  pykala report commitments --by project --body Kunnanhallitus --format md
                """)

        @Option(help: "Columns: source (funding source / budget account) or project.")
        var by: String = "source"
        @Option(help: "Only decisions of this body.")
        var body: String?
        @Option(help: "Only decisions in this state (repeatable), e.g. decided.")
        var state: [String] = []
        @Flag(help: "Only decisions whose outcome commits the costs.")
        var committed = false
        @Option(help: "From this year on.")
        var fromYear: Int?
        @Option(help: "To this year, included.")
        var toYear: Int?
        @OptionGroup var options: ReportOptions

        func validate() throws {
            guard ["source", "project"].contains(by) else { throw ValidationError("--by: \"\(by)\" is not accepted; expected source or project") }
        }

        func run() throws {
            var filter = DecisionStore.Commitments.Filter()
            filter.body = body
            filter.states = state
            filter.committedOnly = committed
            filter.fromYear = fromYear
            filter.toYear = toYear
            try options.render(.commitments) { context, database in
                let shares = try DecisionStore.Commitments.shares(filter, organization: options.organization.name, on: database)
                let table = CommitmentTable(shares.map {
                    CommitmentTable.Share(year: $0.year, column: (by == "project" ? $0.project : $0.source) ?? "", amount: $0.amount)
                })
                var filters: [String] = []
                if let body { filters.append(body) }
                if committed { filters.append(options.lang == .fi ? "päätetyt" : "beslutade") }
                filters += state
                if fromYear != nil || toYear != nil { filters.append("\(fromYear.map(String.init) ?? "")–\(toYear.map(String.init) ?? "")") }
                let name = try Organizations.named(options.organization.name, on: database).name
                return context.commitments(table, organization: name, by: by, filters: filters)
            }
        }
    }

    struct DeadlinesReport: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "deadlines",
            abstract: "Open deadlines: the overdue first, then the coming ones week by week.",
            discussion: "Example:\n  pykala report deadlines --within 8w --format html -o deadlines.html")

        @Option(help: "How far ahead (14d, 8w; default 8w).", transform: DayCount.init(parsing:))
        var within: DayCount = DayCount(days: 56)
        @OptionGroup var options: ReportOptions

        func run() throws {
            try options.render(.deadlines) { context, database in
                let open = try Deadlines.list(
                    DeadlineWindow(to: context.today.adding(days: within.days)), organization: options.organization.name, on: database)
                let name = try Organizations.named(options.organization.name, on: database).name
                return context.deadlines(open, organization: name)
            }
        }
    }
}

/// A meeting and its decisions, read for a report.
enum MeetingReport {
    static func load(body: String, date: CalendarDate, organization: String?, on database: Connection) throws
        -> (ReportMeeting, MeetingView)
    {
        let view = try Meetings.show(body: body, date: date, organization: organization, on: database)
        let cards = try DecisionQueries.cards(view.agenda.map(\.decision), organization: organization, on: database)
        let name = try Organizations.named(organization, on: database).name
        return (try ReportData.meeting(view, organization: name, cards: cards), view)
    }
}
