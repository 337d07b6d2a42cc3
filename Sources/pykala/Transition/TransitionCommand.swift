internal import ArgumentParser
internal import Decisions

/// `pykala transition REF ACTION`: any action of the decision's workflow.
struct TransitionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "transition",
        abstract: "Take an action of a decision's workflow (checked by the database: state, role, guards, version).",
        discussion: """
            `pykala decision actions REF` lists the actions you may take now, and why not
            the others.

            Example:
              pykala transition 2265/15.151/2020 put_on_agenda
              pykala transition 2265/15.151/2020 decide --expect-version 4 --comment \\
                "yksimielisesti"
            """)

    @OptionGroup var options: TransitionOptions
    @Argument(help: "The action, e.g. submit, approve, put_on_agenda, decide, publish.")
    var action: String

    func run() throws { try options.take(action) }
}

/// `pykala submit REF`: a secretary proposes a draft for approval.
struct SubmitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "submit", abstract: "Submit a draft for a manager's approval (the submit action).",
        discussion: "Example:\n  pykala submit 2265/15.151/2020")

    @OptionGroup var options: TransitionOptions

    func run() throws { try options.take("submit") }
}

/// `pykala approve REF`: a manager approves a proposal for the agenda.
struct ApproveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "approve", abstract: "Approve a proposal for the agenda (managers only).",
        discussion: "Example:\n  pykala approve 2265/15.151/2020 --expect-version 2")

    @OptionGroup var options: TransitionOptions

    func run() throws { try options.take("approve") }
}

/// `pykala return REF --comment …`: a manager sends a proposal back to its draft.
struct ReturnCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "return", abstract: "Return a proposal to its draft, saying why (managers only).",
        discussion: "Example:\n  pykala return 2265/15.151/2020 --comment \"Kustannusjako puuttuu\"")

    @OptionGroup var options: TransitionOptions

    func validate() throws {
        if options.comment?.trimmingWhitespace().isEmpty ?? true {
            throw ValidationError("--comment is needed: say why the proposal goes back, e.g. --comment \"Kustannusjako puuttuu\"")
        }
    }

    func run() throws { try options.take("return") }
}
