internal import ArgumentParser
internal import DecisionStore

extension Db {
    struct Migrate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Apply the pending migrations, each in its own transaction.",
            discussion: """
                A second run does nothing. An applied migration whose file was changed is
                refused.

                Example:
                  pykala db migrate --database postgresql:///pykala
                """)

        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let migrator = try Migrator(directory: try ResourceDirectory.locate().migrations)
            let database = try connection.target.connect()
            let applied = try migrator.migrate(on: database)
            switch output.format {
            case .json: try Output.json(["applied": applied])
            case .table:
                if applied.isEmpty {
                    print("nothing to apply: all \(migrator.migrations.count) migrations are applied")
                } else {
                    applied.forEach { print("applied \($0)") }
                }
            }
        }
    }
}
