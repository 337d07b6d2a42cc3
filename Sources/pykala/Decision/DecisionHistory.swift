internal import ArgumentParser
internal import Foundation
internal import DecisionStore

extension DecisionCommand {
    struct History: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show everything that happened to a decision: who, when, from, to, why.",
            discussion: "Example:\n  pykala decision history 2265/15.151/2020 --format json")

        @Argument(help: "The decision: id, diary number, or BODY/YEAR/§N.")
        var reference: String

        @OptionGroup var organization: OrganizationOption
        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let history = try Transitions.history(
                of: try DecisionReference(parsing: reference), organization: organization.name, on: try connection.target.connect())
            try output.emit(history) { history in
                Output.table(
                    header: ["when", "action", "from", "to", "version", "who", "comment"],
                    rows: history.map {
                        [
                            $0.at.formatted(.iso8601), $0.action, $0.from ?? "", $0.to, String($0.version),
                            $0.actor + ($0.onBehalfOf.map { " for \($0)" } ?? ""), $0.comment ?? "",
                        ]
                    })
            }
        }
    }
}
