internal import ArgumentParser
internal import DecisionStore

extension OrgCommand {
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show an organization with its bodies.",
            discussion: "NAME may be left out when there is only one.\n\nExample:\n  pykala org show \"Ranuan kunta\"")

        @Argument(help: "The organization's Finnish or Swedish name.")
        var name: String?

        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            try output.emit(try Organizations.show(name, on: try connection.target.connect())) { detail in
                let organization = detail.organization
                Output.fields([
                    ("name", organization.name), ("name (sv)", organization.nameSv ?? ""),
                    ("business id", organization.businessId ?? ""), ("people", String(detail.people)),
                    ("cases", String(detail.cases)), ("decisions", String(detail.decisions)), ("projects", String(detail.projects)),
                ])
                print("")
                Output.table(
                    header: ["body", "kind", "name (sv)"], rows: detail.bodies.map { [$0.name, $0.kind, $0.nameSv ?? ""] })
            }
        }
    }
}
