internal import ArgumentParser
internal import DecisionStore
internal import Decisions

extension WorkflowCommand {
    struct Load: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate a workflow file and store it as the workflow's next version (admins only).",
            discussion: """
                Loading the same content again stores nothing. A decision keeps the version it
                started on, so a changed workflow never breaks a decision already moving.

                Example:
                  pykala workflow load workflows/council-decision.yaml
                """)

        @Argument(help: "The workflow file (YAML).")
        var file: String

        @OptionGroup var organization: OrganizationOption
        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var request: RequestOption
        @OptionGroup var output: OutputOptions

        func run() throws {
            let source = try InputFile.read(file)
            let definition = try WorkflowReader.read(source, file: file)
            let loaded = try connection.target.writing { database in try Workflows.load(definition, source: source, organization: organization.name, request: request.id, on: database) }
            try output.emit(loaded) { loaded in
                print(loaded.unchanged
                    ? "workflow \(loaded.name) version \(loaded.version) already has this content; nothing stored"
                    : "loaded workflow \(loaded.name) as version \(loaded.version)")
            }
        }
    }
}
