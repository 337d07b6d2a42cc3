internal import ArgumentParser

struct CaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "case",
        abstract: "Open and list cases with their diary numbers.",
        discussion: "Example:\n  pykala case open --class 15.151 --title \"Turvallisuus -hankeyhteistyö\"",
        subcommands: [Open.self, List.self])
}
