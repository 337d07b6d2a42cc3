internal import ArgumentParser

/// How a command prints its result: a table for people, JSON for scripts.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json
}

struct OutputOptions: ParsableArguments {
    @Option(help: "Output format: table or json.")
    var format: OutputFormat = .table
}
