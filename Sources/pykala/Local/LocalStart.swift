internal import ArgumentParser
internal import DecisionStore
internal import Postgres
internal import Foundation

extension Local {
    struct Start: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create the local cluster if needed and start it.",
            discussion: "Example:\n  pykala local start --data-dir /srv/pykala")

        @OptionGroup var connection: ConnectionOptions

        func run() throws {
            let cluster = DatabaseTarget.localCluster(dataDirectory: connection.dataDirectory)
            let started = try cluster.start()
            print(started ? "started the local cluster in \(cluster.root.path)" : "the local cluster in \(cluster.root.path) was already running")
        }
    }
}
