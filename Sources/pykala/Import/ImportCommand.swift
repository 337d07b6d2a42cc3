internal import ArgumentParser

/// `pykala import …`: bringing in what other systems wrote.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Bring in decisions from other systems' text.",
        discussion: """
            Example:
              pykala import minutes poytakirja.txt --dry-run
            """,
        subcommands: [ImportMinutes.self])
}
