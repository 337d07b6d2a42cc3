internal import ArgumentParser
internal import DecisionStore
internal import Foundation

extension Db {
    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List applied and pending migrations.",
            discussion: "Example:\n  pykala db status --format json")

        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let migrator = try Migrator(directory: try ResourceDirectory.locate().migrations)
            let entries = try migrator.status(on: try connection.target.connect())
            switch output.format {
            case .json: try Output.json(entries)
            case .table:
                Output.table(
                    header: ["migration", "state", "applied at", "by"],
                    rows: entries.map { entry in
                        [entry.name, entry.state.rawValue, entry.appliedAt.map { $0.formatted(.iso8601) } ?? "", entry.appliedBy ?? ""]
                    })
            }
            if entries.contains(where: { $0.state == .changed || $0.state == .unknown }) {
                throw ExitCode.failure
            }
        }
    }
}
