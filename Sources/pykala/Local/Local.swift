internal import ArgumentParser

struct Local: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Start, stop and inspect the local PostgreSQL cluster (the embedded default).",
        discussion: """
            The cluster lives in .pykala/ under the current directory (or --data-dir),
            listens only on a Unix socket in a private directory, and is left running
            between commands.

            Example:
              pykala local status
            """,
        subcommands: [Start.self, Stop.self, Status.self]
    )
}
