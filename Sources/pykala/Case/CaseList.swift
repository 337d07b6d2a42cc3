internal import ArgumentParser
internal import DecisionStore

extension CaseCommand {
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List cases, newest number first.", discussion: "Example:\n  pykala case list --year 2020")

        @Option(help: "Only the cases numbered in this year.")
        var year: Int?

        @OptionGroup var organization: OrganizationOption
        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let cases = try Cases.list(organization: organization.name, year: year, on: try connection.target.connect())
            try output.emit(cases) { cases in
                Output.table(header: ["diary number", "title"], rows: cases.map { [$0.diaryNumber, $0.title ?? ""] })
            }
        }
    }
}
