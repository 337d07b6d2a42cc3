internal import ArgumentParser

/// The `pykala` command: the root of the command tree.
@main
struct Pykala: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pykala",
        abstract: "Pykälä: decision documents of Finnish municipalities, from proposal to execution.",
        discussion: """
            Without connection settings pykala keeps everything in its own PostgreSQL
            cluster under .pykala/ in the current directory, started on first use. Give
            --database, DATABASE_URL or libpq's PGHOST/PGDATABASE to use another server.

            Example:
              pykala register examples/ranua-2020-39.yaml --create-missing
              pykala decision show 2265/15.151/2020
              pykala deadlines --within 14d
            """,
        subcommands: [
            Local.self, Db.self, OrgCommand.self, BodyCommand.self, PersonCommand.self, CaseCommand.self, RegisterCommand.self,
            DecisionCommand.self, TransitionCommand.self, SubmitCommand.self, ApproveCommand.self, ReturnCommand.self,
            DeadlinesCommand.self, ProjectCommand.self, WorkflowCommand.self, UserCommand.self, DeputyCommand.self,
            MeetingCommand.self, AgendaCommand.self, OutcomeCommand.self, VoteCommand.self, DisqualifyCommand.self,
            AuditCommand.self, ExportCommand.self, ReportCommand.self, ImportCommand.self, BenchCommand.self, ServeCommand.self,
        ]
    )
}
