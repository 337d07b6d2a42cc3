internal import ArgumentParser

struct WorkflowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "workflow",
        abstract: "Validate, load and show workflow definitions.",
        discussion: "Example:\n  pykala workflow validate workflows/council-decision.yaml\n  pykala workflow load workflows/council-decision.yaml",
        subcommands: [Validate.self, Load.self, Show.self, List.self])
}
