internal import ArgumentParser
internal import DecisionStore
internal import Decisions

extension DecisionCommand {
    struct Edit: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Replace a draft's content with a decision document (only drafts can be edited).",
            discussion: """
                The document has the same keys as for `pykala register` and describes one
                decision; it replaces the draft's text, cost shares, deadlines and contacts in
                one transaction. --expect-version (from `pykala decision show`) refuses the
                edit if someone else changed the draft in between.

                Example:
                  pykala decision edit 2265/15.151/2020 examples/ranua-2020-39.yaml \\
                    --expect-version 1
                """)

        @Argument(help: "The draft: id, diary number, or BODY/YEAR/§N.")
        var reference: String
        @Argument(help: "The decision document (YAML or JSON); - reads standard input.")
        var file: String
        @Option(help: "The version you last saw; the edit is refused if the draft has moved on.")
        var expectVersion: Int?
        @Flag(help: "Create the body and people the document names when they do not exist.")
        var createMissing = false

        @OptionGroup var organization: OrganizationOption
        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var request: RequestOption
        @OptionGroup var output: OutputOptions

        func run() throws {
            let documents = try DocumentReader.read(try InputFile.read(file), file: file)
            guard documents.count == 1, let document = documents.first else {
                throw ValidationError("\(file): holds \(documents.count) decisions; an edit takes exactly one")
            }
            let edited = try connection.target.writing { database in try DecisionRegistry.editDraft(
                try DecisionReference(parsing: reference), with: document, expectedVersion: expectVersion,
                createMissing: createMissing, organization: organization.name, request: request.id, on: database) }
            try output.emit(edited) { edited in
                for created in edited.created { print("created \(created.kind) \(created.name)") }
                print("edited draft \(edited.decision.id), now version \(edited.decision.version): \(edited.decision.title)")
            }
        }
    }
}
