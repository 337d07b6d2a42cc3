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

        func run() throws {
            let cluster = DatabaseTarget.localCluster(dataDirectory: connection.dataDirectory)
            let stopped = try cluster.stop()
            print(stopped ? "stopped the local cluster in \(cluster.root.path)" : "the local cluster in \(cluster.root.path) was not running")
        }
    }
}
