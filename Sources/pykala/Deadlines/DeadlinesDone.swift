internal import ArgumentParser
internal import DecisionStore
internal import Decisions

extension DeadlinesCommand {
    struct Done: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Mark a deadline done (or, with --undo, open again).",
            discussion: "ID is the first column of `pykala deadlines`.\n\nExample:\n  pykala deadlines done 12")

        @Argument(help: "The deadline's id.")
        var id: Int64
        @Flag(help: "Mark it open again.")
        var undo = false

        @OptionGroup var organization: OrganizationOption
        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var request: RequestOption
        @OptionGroup var output: OutputOptions

        func run() throws {
            let item = try connection.target.writing { database in try Deadlines.markDone(id, done: !undo, organization: organization.name, request: request.id, on: database) }
            try output.emit(item) { item in
                print("deadline \(item.id) (\(item.kind.label) \(item.date), \(item.decisionTitle)) is \(item.done ? "done" : "open")")
            }
        }
    }
}
