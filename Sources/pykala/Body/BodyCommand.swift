internal import ArgumentParser

struct BodyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "body",
        abstract: "Add, list and show bodies: councils, boards, committees and office-holders.",
        discussion: "Example:\n  pykala body add Kunnanhallitus --kind board --name-sv Kommunstyrelsen",
        subcommands: [Add.self, List.self, Show.self, Set.self])
}
