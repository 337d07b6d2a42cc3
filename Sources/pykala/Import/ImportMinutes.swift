internal import ArgumentParser
internal import Decisions
internal import DecisionStore
internal import Foundation

/// How `import minutes --dry-run` prints the drafts.
enum DraftFormat: String, ExpressibleByArgument, CaseIterable {
    case yaml, json
}

/// `pykala import minutes FILE`: sections of minutes text in, drafts out (or registered).
struct ImportMinutes: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "minutes",
        abstract: "Read sections of minutes (plain text, Finnish or Swedish) into draft decisions.",
        discussion: """
            Each section (a new one starts at a line "§ N") becomes one draft: §, title,
            diary number, body and meeting date (from the handling line or the page
            heading), preparers and contacts, description, proposal, decision and outcome,
            vote counts, disqualified members, total and cost shares per year, deadlines.
            Earlier handlings quoted above the current one become history. Nothing is
            guessed: what the text does not say clearly is left empty and listed.

            --dry-run prints the drafts as decision documents (the form `pykala register`
            reads, money in cents and ISO dates) with what was not filled and which lines
            were not used; edit and register them. Without it, the drafts are registered
            (all or none) and their references printed.

            Example:
              pykala import minutes poytakirja.txt --dry-run > drafts.yaml
              pykala import minutes poytakirja.txt --dry-run --explain
              pykala import minutes ote.txt --body Kunnanhallitus --meeting 24.2.2020
            """)

    @Argument(help: "The minutes as UTF-8 text; - reads standard input.")
    var file: String

    @Option(help: ArgumentHelp("The body, where the text does not name it.", valueName: "name"))
    var body: String?

    @Option(help: ArgumentHelp("The meeting date (20.2.2020 or 2020-02-20), where the text does not give it.", valueName: "date"))
    var meeting: String?

    @Flag(help: "Print the drafts instead of registering them.")
    var dryRun = false

    @Flag(help: "Also print where each value came from (file lines).")
    var explain = false

    @Option(help: "Draft format with --dry-run: yaml (default) or json (one document, or an array for several).")
    var format: DraftFormat = .yaml

    @Flag(help: "Create the organization, body and people the drafts name when they do not exist.")
    var createMissing = false

    @OptionGroup var organization: OrganizationOption
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var request: RequestOption

    func run() throws {
        var meetingDate: CalendarDate?
        if let meeting {
            do {
                meetingDate = try CalendarDate(parsing: meeting)
            } catch {
                throw ValidationError("--meeting: \(error)")
            }
        }
        let text = try InputFile.read(file)
        let defaults = MinutesDraft.Defaults(organization: organization.name, body: body, meetingDate: meetingDate)
        let sections = MinutesImport.sections(in: text).filter(\.isSection)
        let drafts = sections.map { MinutesDraft(section: $0, defaults: defaults) }
        guard !drafts.isEmpty else {
            throw ImportProblem(description: "\(file): no section of minutes found: expected a line \"§ N\" or a handling line such as \"Kunnanhallitus 24.02.2020 § 39\"; check that this is the text of minutes")
        }
        if dryRun {
            printDrafts(drafts)
        } else {
            try register(drafts)
        }
    }

    private func printDrafts(_ drafts: [MinutesDraft]) {
        let trees = drafts.map { DocumentWriter.tree($0.document) }
        switch format {
        case .yaml:
            for (index, draft) in drafts.enumerated() {
                if index > 0 { print("---") }
                for line in DraftReport.lines(draft, file: file, explain: explain) { print("# " + line) }
                print(DocumentWriter.yaml(trees[index]), terminator: "")
            }
        case .json:
            print(trees.count == 1 ? DocumentWriter.json(trees[0]) : DocumentWriter.json(.list(trees)))
            for draft in drafts {
                for line in DraftReport.lines(draft, file: file, explain: explain) { Output.warn(line) }
            }
        }
    }

    private func register(_ drafts: [MinutesDraft]) throws {
        let incomplete = drafts.filter { $0.document.body.isEmpty || $0.document.title.isEmpty }
        if !incomplete.isEmpty {
            let lines = incomplete.map { draft in
                let missing = [draft.document.body.isEmpty ? "body" : nil, draft.document.title.isEmpty ? "title" : nil].compactMap { $0 }
                return "\(file):\(draft.lines.lowerBound): the section of lines \(draft.lines.lowerBound)–\(draft.lines.upperBound) has no \(missing.joined(separator: " and "))"
            }
            throw ImportProblem(description: (lines + [
                "Nothing was registered. Give --body (and --meeting), or run with --dry-run, complete the drafts and register them with `pykala register FILE`.",
            ]).joined(separator: "\n"))
        }
        let result = try connection.target.writing { database in
            try DecisionRegistry.register(drafts.map(\.document), createMissing: createMissing, request: request.id, on: database)
        }
        Fault.afterCommit()
        for created in result.created { print("created \(created.kind) \(created.name)") }
        for (decision, draft) in zip(result.decisions, drafts) {
            let place = decision.section.map { " \(decision.body) § \($0)" } ?? " \(decision.body)"
            print("registered decision \(decision.id) as a draft:\(place) \(decision.diaryNumber ?? "") \(decision.title)")
            for gap in draft.gaps { Output.warn("  not filled: \(gap.field): \(gap.reason)") }
        }
    }
}

/// A problem with the minutes file as a whole.
struct ImportProblem: Error, CustomStringConvertible {
    let description: String
}
