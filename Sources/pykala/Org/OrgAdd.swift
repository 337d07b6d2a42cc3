internal import ArgumentParser
internal import DecisionStore
internal import Decisions

extension OrgCommand {
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add an organization.",
            discussion: """
                Example:
                  pykala org add "Ranuan kunta" --name-sv "Ranua kommun" \\
                    --business-id 0201256-6
                """)

        @Argument(help: "The organization's Finnish name, e.g. \"Ranuan kunta\".")
        var name: String
        @Option(help: "Its Swedish name.")
        var nameSv: String?
        @Option(help: "Its business id (Y-tunnus), e.g. 0201256-6.")
        var businessId: String?

        @OptionGroup var connection: ConnectionOptions

        @OptionGroup var request: RequestOption
        @OptionGroup var output: OutputOptions

        func run() throws {
            let new = try NewOrganization(name: name, nameSv: nameSv, businessID: businessId)
            let added = try connection.target.writing { database in try Organizations.add(new, request: request.id, on: database) }
            try output.emit(added) { print("added organization \($0.id): \($0.name)") }
        }
    }
}
