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
        @OptionGroup var output: OutputOptions

        func run() throws {
            let cluster = DatabaseTarget.localCluster(dataDirectory: connection.dataDirectory)
            let started = try cluster.start()
            let report = LifecycleReport(state: started ? "started" : "already_running", dataDirectory: cluster.root.path)
            try output.emit(report) { _ in
                print(started ? "started the local cluster in \(cluster.root.path)" : "the local cluster in \(cluster.root.path) was already running")
            }
        }
    }
}

/// What `local start` and `local stop` did, for `--format json`.
struct LifecycleReport: Encodable {
    let state: String
    let dataDirectory: String
}
