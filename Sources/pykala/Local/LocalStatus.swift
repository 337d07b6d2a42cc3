internal import ArgumentParser
internal import DecisionStore
internal import Postgres
internal import Foundation

extension Local {
    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show whether the local cluster exists and runs, and how to reach it.",
            discussion: "Example:\n  pykala local status --format json")

        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var output: OutputOptions

        struct Report: Encodable {
            let state: String
            let pid: Int32?
            let dataDirectory: String
            let socketDirectory: String
            let conninfo: String
        }

        func run() throws {
            let cluster = DatabaseTarget.localCluster(dataDirectory: connection.dataDirectory)
            let report: Report
            switch cluster.status() {
            case .notInitialized: report = Report(cluster, state: "not created", pid: nil)
            case .stopped: report = Report(cluster, state: "stopped", pid: nil)
            case .running(let pid): report = Report(cluster, state: "running", pid: pid)
            }
            switch output.format {
            case .json: try Output.json(report)
            case .table:
                Output.fields([
                    ("state", report.state + (report.pid.map { " (pid \($0))" } ?? "")),
                    ("data", report.dataDirectory),
                    ("socket", report.socketDirectory),
                    ("connect", "psql \"\(report.conninfo)\""),
                ])
            }
        }
    }
}

extension Local.Status.Report {
    init(_ cluster: LocalCluster, state: String, pid: Int32?) {
        self.init(
            state: state, pid: pid, dataDirectory: cluster.dataDirectory.path,
            socketDirectory: cluster.socketDirectory.path,
            conninfo: cluster.connectionString(database: DatabaseTarget.embeddedDatabaseName))
    }
}
