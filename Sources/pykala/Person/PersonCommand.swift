internal import ArgumentParser

struct PersonCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "person",
        abstract: "Add, list and show people: officials and private persons named in decisions.",
        discussion: "Example:\n  pykala person add \"Anitta Jaakola\" --title hyvinvointikoordinaattori",
        subcommands: [Add.self, List.self, Show.self])
}
