internal import ArgumentParser
internal import DecisionStore
internal import Decisions

extension BodyCommand {
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a body to an organization.",
            discussion: """
                --kind is council, board, committee or office-holder.

                Example:
                  pykala body add Kunnanhallitus --kind board --name-sv Kommunstyrelsen --org \\
                    "Ranuan kunta"
                """)

        @Argument(help: "The body's Finnish name, e.g. Kunnanhallitus.")
        var name: String
        @Option(help: "council, board, committee or office-holder.")
        var kind: String
        @Option(help: "Its Swedish name.")
        var nameSv: String?

        @OptionGroup var organization: OrganizationOption
        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var request: RequestOption
        @OptionGroup var output: OutputOptions

        func run() throws {
            let new = try NewBody(name: name, kind: kind, nameSv: nameSv)
            let added = try connection.target.writing { database in try Bodies.add(new, organization: organization.name, request: request.id, on: database) }
            try output.emit(added) { print("added body \($0.id): \($0.name) (\($0.kind))") }
        }
    }
}
