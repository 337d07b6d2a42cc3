internal import ArgumentParser

struct DeadlinesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deadlines",
        abstract: "List deadlines across decisions, write them as a calendar, mark them done.",
        discussion: """
            Example:
              pykala deadlines --within 14d
              pykala deadlines --overdue
              pykala deadlines --format ics --output deadlines.ics
              pykala deadlines done 12
              pykala deadlines compute --published 2.3.2020
            """,
        subcommands: [List.self, Done.self, Compute.self],
        defaultSubcommand: List.self)
}
