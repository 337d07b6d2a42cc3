internal import ArgumentParser
internal import DecisionStore
internal import Decisions

extension BodyCommand {
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show a body with its latest decisions.", discussion: "Example:\n  pykala body show Kunnanhallitus")

        @Argument(help: "The body's Finnish or Swedish name.")
        var name: String

        @OptionGroup var organization: OrganizationOption
        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let detail = try Bodies.show(name, organization: organization.name, on: try connection.target.connect())
            try output.emit(detail) { detail in
                Output.fields([
                    ("name", detail.body.name), ("name (sv)", detail.body.nameSv ?? ""), ("kind", detail.body.kind),
                    ("organization", detail.organization), ("decisions", String(detail.decisions)),
                    ("last meeting", detail.lastMeeting?.description ?? ""),
                ])
                if !detail.recent.isEmpty {
                    print("")
                    DecisionListText.print(detail.recent)
                }
            }
        }
    }
}
