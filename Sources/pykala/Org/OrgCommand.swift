internal import ArgumentParser

struct OrgCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "org",
        abstract: "Add, list and show organizations (municipalities, welfare regions).",
        discussion: "Example:\n  pykala org add \"Ranuan kunta\" --name-sv \"Ranua kommun\"",
        subcommands: [Add.self, List.self, Show.self])
}
