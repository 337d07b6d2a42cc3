internal import ArgumentParser
internal import DecisionStore

extension PersonCommand {
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show a person with the decisions and projects that name them.",
            discussion: "Example:\n  pykala person show \"Anitta Jaakola\"")

        @Argument(help: "The person's name or id.")
        var person: String

        @OptionGroup var organization: OrganizationOption
        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let detail = try People.show(person, organization: organization.name, on: try connection.target.connect())
            try output.emit(detail) { detail in
                let person = detail.person
                Output.fields([
                    ("name", person.name), ("title", person.title ?? ""), ("phone", person.phone ?? ""),
                    ("email", person.email ?? ""), ("private", person.private ? "yes" : "no"),
                ])
                if !detail.projects.isEmpty {
                    print("")
                    Output.table(header: ["project", "responsibility"], rows: detail.projects.map { [$0.project, $0.responsibility ?? ""] })
                }
                if !detail.decisions.isEmpty {
                    print("")
                    Output.table(
                        header: ["role", "decision", "reference", "title"],
                        rows: detail.decisions.map {
                            [$0.role, String($0.decision.id), $0.decision.sectionReference ?? $0.decision.diaryNumber ?? "", $0.decision.title]
                        })
                }
            }
        }
    }
}
