internal import ArgumentParser

/// `pykala bench …`: drivers for bench/run, which prints their figures beside
/// PostgreSQL's own tools. Not for everyday use.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Load drivers for the benchmarks of bench/run.",
        discussion: """
            Example:
              pykala bench transitions --clients 8 --seconds 10
            """,
        subcommands: [BenchTransitions.self])
}
