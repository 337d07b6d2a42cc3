internal import ArgumentParser
internal import DecisionStore
internal import Decisions

extension PersonCommand {
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a person.",
            discussion: """
                An official's work contacts are public. --private marks a private person, whose
                contact data public outputs leave out.

                Example:
                  pykala person add "Sirpa Hakala" --title kunnanjohtaja --phone \\
                    "040 539 4293" --email etunimi.sukunimi@ranua.fi
                """)

        @Argument(help: "The person's name.")
        var name: String
        @Option(help: "Their title, e.g. kunnanjohtaja.")
        var title: String?
        @Option(help: "Phone number: digits, spaces and + - ( ).")
        var phone: String?
        @Option(help: "E-mail address.")
        var email: String?
        @Flag(help: "A private person: contact data stays out of public outputs.")
        var `private` = false

        @OptionGroup var organization: OrganizationOption
        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var request: RequestOption
        @OptionGroup var output: OutputOptions

        func run() throws {
            let new = try NewPerson(name: name, title: title, phone: phone, email: email, isPrivate: `private`)
            let added = try connection.target.writing { database in try People.add(new, organization: organization.name, request: request.id, on: database) }
            try output.emit(added) { print("added person \($0.id): \($0.name)" + ($0.title.map { ", \($0)" } ?? "")) }
        }
    }
}
