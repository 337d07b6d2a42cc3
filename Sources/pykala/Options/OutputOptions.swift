internal import ArgumentParser

/// How a command prints its result: a table for people, JSON for scripts.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json
}

struct OutputOptions: ParsableArguments {
    @Option(help: "Output format: table or json.")
    var format: OutputFormat = .table
}

extension OutputOptions {
    /// Prints `value` as JSON for scripts, or as `table` renders it for people.
    func emit<T: Encodable>(_ value: T, table: (T) -> Void) throws {
        switch format {
        case .json: try Output.json(value)
        case .table: table(value)
        }
    }
}
