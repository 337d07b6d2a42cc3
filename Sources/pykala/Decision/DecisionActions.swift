internal import ArgumentParser
internal import DecisionStore

extension DecisionCommand {
    struct Actions: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List what you may do next with a decision, and why not the rest.",
            discussion: "Example:\n  pykala decision actions 2265/15.151/2020")

        @Argument(help: "The decision: id, diary number, or BODY/YEAR/§N.")
        var reference: String

        @OptionGroup var organization: OrganizationOption
        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let actions = try Transitions.actions(
                for: try DecisionReference(parsing: reference), organization: organization.name, on: try connection.target.connect())
            try output.emit(actions) { actions in
                print("decision \(actions.decision) is \(actions.state) (version \(actions.version), workflow \(actions.workflow))")
                for action in actions.actions {
                    if action.allowed {
                        print("  \(action.action) → \(action.to)")
                    } else {
                        print("  \(action.action): \(action.reasons.joined(separator: "; "))")
                    }
                }
                if actions.actions.isEmpty { print("  no action leaves this state") }
            }
        }
    }
}
