internal import ArgumentParser
internal import DecisionStore

/// Where the database is; shared by every command that touches it.
struct ConnectionOptions: ParsableArguments {
    @Option(
        name: .customLong("database"),
        help: ArgumentHelp(
            "A PostgreSQL connection string or URI (default: DATABASE_URL, PGHOST/PGDATABASE, else the local cluster).",
            valueName: "url"))
    var database: String?

    @Option(
        name: .customLong("data-dir"),
        help: ArgumentHelp("Where the local cluster lives (default: PYKALA_DATA_DIR, else ./.pykala).", valueName: "dir"))
    var dataDirectory: String?

    var target: DatabaseTarget { DatabaseTarget.resolve(database: database, dataDirectory: dataDirectory) }
}
