internal import ArgumentParser
internal import DecisionStore

extension BodyCommand {
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List an organization's bodies.", discussion: "Example:\n  pykala body list --org \"Ranuan kunta\"")

        @OptionGroup var organization: OrganizationOption
        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            try output.emit(try Bodies.list(organization: organization.name, on: try connection.target.connect())) { bodies in
                Output.table(
                    header: ["id", "name", "kind", "name (sv)"], rows: bodies.map { [String($0.id), $0.name, $0.kind, $0.nameSv ?? ""] })
            }
        }
    }
}
