internal import ArgumentParser
internal import Foundation
internal import DecisionStore
internal import Decisions
internal import Reports

extension WorkflowCommand {
    struct Show: ParsableCommand {
        enum Format: String, ExpressibleByArgument, CaseIterable { case table, json, mermaid }

        static let configuration = CommandConfiguration(
            abstract: "Show a loaded workflow's states and transitions, or draw it as a Mermaid diagram.",
            discussion: """
                Example:
                  pykala workflow show council-decision
                  pykala workflow show council-decision --format mermaid --lang sv \\
                    > council.mmd
                """)

        @Argument(help: "The workflow's name, e.g. council-decision.")
        var name: String
        @Option(help: "table, json or mermaid.")
        var format: Format = .table
        @Option(help: "The language of state labels: fi, sv or en.")
        var lang: String = "fi"

        @OptionGroup var organization: OrganizationOption
        @OptionGroup var connection: ConnectionOptions

        func validate() throws {
            guard ["fi", "sv", "en"].contains(lang) else { throw ValidationError("--lang: \"\(lang)\" is not accepted; expected fi, sv or en") }
        }

        func run() throws {
            let stored = try Workflows.latest(name, organization: organization.name, on: try connection.target.connect())
            switch format {
            case .json: try Output.json(stored)
            case .mermaid: print(WorkflowDiagram.mermaid(stored.definition, language: lang), terminator: "")
            case .table:
                let definition = stored.definition
                print("\(definition.name) version \(stored.version), loaded \(stored.loadedAt.formatted(.iso8601)) by \(stored.loadedBy)\n")
                Output.table(
                    header: ["state", "label", "final", "starts"],
                    rows: definition.states.map { state in
                        [
                            state.name, label(state.labels), state.final ? "yes" : "",
                            state.starts.map { "\($0.kind.rawValue) (\($0.rule.rawValue))" }.joined(separator: ", "),
                        ]
                    })
                print("")
                Output.table(
                    header: ["action", "from", "to", "roles", "requires"],
                    rows: definition.transitions.map {
                        [
                            $0.name, $0.from.joined(separator: ", "), $0.to, $0.roles.map(\.rawValue).joined(separator: ", "),
                            $0.requires.map(\.rawValue).joined(separator: ", "),
                        ]
                    })
            }
        }

        private func label(_ labels: WorkflowDefinition.Labels) -> String {
            lang == "sv" ? labels.sv : lang == "en" ? labels.en : labels.fi
        }
    }
}
