internal import ArgumentParser
internal import DecisionStore
internal import Decisions

struct UserCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user",
        abstract: "Add and list users: PostgreSQL logins in the pykala roles.",
        discussion: """
            Each person who uses pykala logs in as their own PostgreSQL role; the server
            authenticates them, and every change records that login. Set a password with
            psql's \\password, or use the server's other methods (pg_hba.conf). With the
            local cluster, PGUSER=NAME runs a command as that user.

            Example:
              pykala user add anna.virtanen --role secretary
              PGUSER=anna.virtanen pykala submit 2265/15.151/2020
            """,
        subcommands: [Add.self, List.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a login in a pykala role (admins only).",
            discussion: "--role is secretary, manager, auditor or admin.\n\nExample:\n  pykala user add sirpa.hakala --role manager")

        @Argument(help: "The login name, e.g. anna.virtanen.")
        var name: String
        @Option(help: "secretary, manager, auditor or admin.")
        var role: String

        @OptionGroup var connection: ConnectionOptions

        @OptionGroup var request: RequestOption
        @OptionGroup var output: OutputOptions

        func run() throws {
            let user = try connection.target.writing { database in try Users.add(try NewUser(name: name, role: role), request: request.id, on: database) }
            try output.emit(user) { print("added user \($0.name) (\($0.roles.joined(separator: ", ")))") }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the users and their roles.", discussion: "Example:\n  pykala user list")

        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            try output.emit(try Users.list(on: try connection.target.connect())) { users in
                Output.table(header: ["user", "roles"], rows: users.map { [$0.name, $0.roles.joined(separator: ", ")] })
            }
        }
    }
}
