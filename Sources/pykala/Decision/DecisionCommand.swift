internal import ArgumentParser

struct DecisionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decision",
        abstract: "Show, list and edit decisions; see their history and next actions.",
        discussion: "Example:\n  pykala decision show 2265/15.151/2020\n  pykala decision list --year 2020",
        subcommands: [Show.self, List.self, Edit.self, Actions.self, History.self]
    )
}
