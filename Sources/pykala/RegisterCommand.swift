internal import ArgumentParser
internal import Decisions
internal import DecisionStore
internal import Foundation

/// `pykala register FILE`: decision documents in, drafts stored.
struct RegisterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "register",
        abstract: "Register the decisions a YAML or JSON document describes, as drafts (all or none).",
        discussion: """
            The document's keys are described in docs/decision-document.md. By default the
            organization, body and people it names must exist; --create-missing creates
            them and says what it created. A file may hold any number of decisions: a JSON
            array is read and sent 5 000 at a time (the first 250, 500, 1 000, 2 000 and
            4 000 sooner), and all are stored together, or none.

            Example:
              pykala register examples/ranua-2020-39.yaml --create-missing
            """)

    @Argument(help: "The decision document (YAML or JSON); - reads standard input.")
    var file: String

    @Flag(help: "Create the organization, body and people the document names when they do not exist.")
    var createMissing = false

    @OptionGroup var connection: ConnectionOptions

    @OptionGroup var request: RequestOption
    @OptionGroup var output: OutputOptions

    func run() throws {
        let text = try InputFile.read(file)
        let reader = try DocumentBatchReader(text, file: file, batchSize: DecisionRegistry.batchSize)
        let progress = Progress(label: "decisions sent (stored together, all or none, at the end)", quiet: output.format == .json)
        let result = try connection.target.writing { database in
            try DecisionRegistry.register(reading: reader, createMissing: createMissing, request: request.id, on: database) { stored in
                progress.advance(by: stored - progress.count)
            }
        }
        progress.finish()
        Fault.afterCommit()
        switch output.format {
        case .json: try Output.json(result)
        case .table:
            // One write: a long file's lines would otherwise be written one by one.
            var lines = ""
            for created in result.created {
                lines += "created \(created.kind) \(created.name)" + (created.bodyKind.map { " (kind \($0))" } ?? "") + "\n"
            }
            for decision in result.decisions {
                let place = decision.section.map { " \(decision.body) § \($0)" } ?? " \(decision.body)"
                lines += "registered decision \(decision.id) as a draft:\(place) \(decision.diaryNumber ?? "") \(decision.title)\n"
            }
            try Output.write(lines, to: nil)
        }
    }
}
