internal import ArgumentParser
internal import DecisionStore

extension PersonCommand {
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List people, or those whose name or title contains some text.",
            discussion: "Example:\n  pykala person list --search koordinaattori")

        @Option(help: "Text the name or title contains (case-insensitive).")
        var search: String?

        @OptionGroup var organization: OrganizationOption
        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let people = try People.list(organization: organization.name, matching: search, on: try connection.target.connect())
            try output.emit(people) { people in
                Output.table(
                    header: ["id", "name", "title", "phone", "email", "private"],
                    rows: people.map {
                        [String($0.id), $0.name, $0.title ?? "", $0.phone ?? "", $0.email ?? "", $0.private ? "yes" : ""]
                    })
            }
        }
    }
}
