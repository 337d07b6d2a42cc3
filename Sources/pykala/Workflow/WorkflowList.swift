internal import ArgumentParser
internal import Foundation
internal import DecisionStore

extension WorkflowCommand {
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the loaded workflows and their versions.", discussion: "Example:\n  pykala workflow list")

        @OptionGroup var organization: OrganizationOption
        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let workflows = try Workflows.list(organization: organization.name, on: try connection.target.connect())
            try output.emit(workflows) { workflows in
                Output.table(
                    header: ["name", "version", "loaded", "by", "sha-256"],
                    rows: workflows.map {
                        [$0.name, String($0.version), $0.loadedAt.formatted(.iso8601), $0.loadedBy, String($0.contentHash.prefix(16))]
                    })
            }
        }
    }
}
