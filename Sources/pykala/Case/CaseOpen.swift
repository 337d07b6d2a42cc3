internal import ArgumentParser
internal import DecisionStore
internal import Decisions

extension CaseCommand {
    struct Open: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Open a case: the next diary number of a classification, or a given one.",
            discussion: """
                Without --number, the case gets the organization's next running number of the
                year (this year in Helsinki unless --year says otherwise), e.g.
                2266/15.151/2020. Numbers are given out without gaps, and never twice, however
                many secretaries open cases at once. --number records an existing number as it
                is, including other systems' identifiers such as LAPDno-2025-763.

                Example:
                  pykala case open --class 15.151 --title "Turvallisuus -hankeyhteistyö"
                  pykala case open --number 2265/15.151/2020 --title \\
                    "Turvallisuus -hankeyhteistyö"
                """)

        @Option(name: .customLong("class"), help: "The classification (tehtäväluokka), e.g. 15.151.")
        var classification: String?
        @Option(help: "The case's title.")
        var title: String
        @Option(help: "The year of the number (default: this year).")
        var year: Int?
        @Option(help: "An existing diary number to record as it is.")
        var number: String?

        @OptionGroup var organization: OrganizationOption
        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var request: RequestOption
        @OptionGroup var output: OutputOptions

        func run() throws {
            let new = try NewCase(title: title, classification: classification, year: year, number: number)
            let opened = try connection.target.writing { database in try Cases.open(new, organization: organization.name, request: request.id, on: database) }
            try output.emit(opened) { print("opened case \($0.diaryNumber): \($0.title ?? "")") }
        }
    }
}
