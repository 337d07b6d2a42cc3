internal import ArgumentParser
internal import DecisionStore

extension OrgCommand {
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the organizations.", discussion: "Example:\n  pykala org list --format json")

        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            try output.emit(try Organizations.list(on: try connection.target.connect())) { organizations in
                Output.table(
                    header: ["id", "name", "name (sv)", "business id"],
                    rows: organizations.map { [String($0.id), $0.name, $0.nameSv ?? "", $0.businessId ?? ""] })
            }
        }
    }
}
