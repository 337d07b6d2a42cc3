internal import ArgumentParser

struct Db: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db",
        abstract: "Apply and list the database migrations (db/migrations).",
        discussion: "Example:\n  pykala db migrate && pykala db status",
        subcommands: [Migrate.self, Status.self]
    )
}
