internal import ArgumentParser

struct ProjectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "project",
        abstract: "List projects and show everything decided about one.",
        discussion: "Example:\n  pykala project show \"Turvallisuus -hankeyhteistyö\"",
        subcommands: [List.self, Show.self])
}

/// The year "still to pay" counts from: --year, or this year in Helsinki.
struct AsOfYearOption: ParsableArguments {
    @Option(name: .customLong("as-of"), help: ArgumentHelp("Count what is still to pay from this year (default: this year).", valueName: "year"))
    var year: Int?
}
