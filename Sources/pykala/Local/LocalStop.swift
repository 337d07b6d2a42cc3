internal import ArgumentParser
internal import DecisionStore
internal import Postgres
internal import Foundation

extension Local {
    struct Stop: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Stop the local cluster (open sessions are ended cleanly).",
            discussion: "Example:\n  pykala local stop")

        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let cluster = DatabaseTarget.localCluster(dataDirectory: connection.dataDirectory)
            let stopped = try cluster.stop()
            let report = LifecycleReport(state: stopped ? "stopped" : "not_running", dataDirectory: cluster.root.path)
            try output.emit(report) { _ in
                print(stopped ? "stopped the local cluster in \(cluster.root.path)" : "the local cluster in \(cluster.root.path) was not running")
            }
        }
    }
}
