internal import ArgumentParser

/// The `pykala` command: the root of the command tree.
@main
struct Pykala: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pykala",
        abstract: "Pykälä: decision documents of Finnish municipalities, from proposal to execution.",
        discussion: """
            Without connection settings pykala keeps everything in its own PostgreSQL cluster
            under .pykala/ in the current directory, started on first use. Give --database,
            DATABASE_URL or libpq's PGHOST/PGDATABASE to use another server.

            Example:
              pykala db migrate
              pykala local status
            """,
        subcommands: [Local.self, Db.self, RegisterCommand.self, DecisionCommand.self]
    )
}
