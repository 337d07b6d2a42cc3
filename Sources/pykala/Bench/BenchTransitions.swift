internal import ArgumentParser
internal import DecisionStore
internal import Decisions
internal import Foundation
internal import Synchronization

/// Full workflow steps as fast as they go: each client moves its own decision between
/// draft and proposed (`submit`, then `return`), each step checked by `pykala.transition`
/// with its history row and audit event, as the CLI takes it (one transaction each).
struct BenchTransitions: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "transitions",
        abstract: "Take workflow steps from concurrent clients and print how many per second.",
        discussion: """
            Client i moves decision i (ids 1…N must exist as drafts with a proposal, in the
            council workflow). Prints JSON: {clients, transitions, seconds, per_second}.

            Example:
              pykala bench transitions --clients 8 --seconds 10
            """)

    @Option(help: "Concurrent clients, each with its own connection and decision.")
    var clients = 1

    @Option(help: "How long to run.")
    var seconds = 10.0

    @OptionGroup var connection: ConnectionOptions

    func run() throws {
        guard (1...64).contains(clients) else { throw ValidationError("--clients: \(clients) is not from 1 to 64") }
        let target = connection.target
        let done = Mutex<(count: Int, failure: String?)>((0, nil))
        let deadline = Date().addingTimeInterval(seconds)
        let start = Date()
        let group = DispatchGroup()
        for client in 1...clients {
            group.enter()
            Thread.detachNewThread {
                defer { group.leave() }
                do {
                    let database = try target.connect()
                    var count = 0
                    var action = try DecisionQueries.card(.id(Int64(client)), on: database).state == "draft" ? "submit" : "return"
                    while Date() < deadline {
                        _ = try Transitions.take(
                            action, on: .id(Int64(client)), expectedVersion: nil, comment: action == "return" ? "bench" : nil,
                            requestID: .timeOrdered(), organization: nil, connect: { database })
                        action = action == "submit" ? "return" : "submit"
                        count += 1
                    }
                    done.withLock { $0.count += count }
                } catch {
                    done.withLock { $0.failure = "client \(client): \(error)" }
                }
            }
        }
        group.wait()
        let elapsed = Date().timeIntervalSince(start)
        let (count, failure) = done.withLock { ($0.count, $0.failure) }
        if let failure { throw BenchProblem(description: failure) }
        print(#"{"clients": \#(clients), "transitions": \#(count), "seconds": \#(String(format: "%.2f", elapsed)), "per_second": \#(String(format: "%.1f", Double(count) / elapsed))}"#)
    }
}

struct BenchProblem: Error, CustomStringConvertible {
    let description: String
}
