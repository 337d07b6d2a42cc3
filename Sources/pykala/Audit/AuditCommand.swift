internal import ArgumentParser
internal import DecisionStore
internal import Foundation

struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Verify the audit trail's hash chain, and print its head to publish.",
        discussion: """
            Example:
              pykala audit verify
              pykala audit digest
              pykala audit verify --digest 9f2c…   # the head published in earlier minutes
            """,
        subcommands: [Verify.self, Digest.self])

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Recompute the whole chain in pykala, trusting nothing the database computed.",
            discussion: """
                Exits 0 and prints "N events, chain intact, head HASH", or exits 1 naming the
                first event that does not hold and why. With --digest, also proves that a head
                published earlier is still part of today's chain: a rewrite of the whole chain
                passes the plain check but fails this one.

                Example:
                  pykala audit verify --digest 4d3c1f…
                """)

        @Option(help: "A head hash published earlier (pykala audit digest).")
        var digest: String?

        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var output: OutputOptions

        struct Report: Encodable {
            let events: Int64
            let intact: Bool
            let head: String
            let digestFound: Bool?
            let problem: String?
            /// Events committed but not in the chain this check read: committed after it
            /// started, or left waiting on a connection that may not chain them (a standby).
            let waiting: Int
        }

        func validate() throws {
            if let digest, digest.count != 64 || !digest.allSatisfy(\.isHexDigit) {
                throw ValidationError("--digest: \"\(digest)\" is not accepted; expected the 64 hexadecimal digits `pykala audit digest` printed")
            }
        }

        func run() throws {
            var verifier = ChainVerifier(digest: digest)
            var problem: ChainVerifier.Break?
            let progress = Progress(label: "events checked", quiet: output.format == .json)
            let database = try connection.target.connect()
            do {
                _ = try AuditLog.forEachEvent(on: database) { stored in
                    try verifier.check(
                        seq: stored.seq, prevHash: stored.prevHash, hash: stored.hash, payload: stored.payload,
                        organizationID: stored.organizationID, decisionID: stored.decisionID)
                    progress.advance()
                }
            } catch let error as ChainVerifier.Break {
                problem = error
            }
            progress.finish()
            let digestFound = digest.map { _ in problem == nil && verifier.digestFound }
            let report = Report(
                events: verifier.count, intact: problem == nil, head: verifier.head, digestFound: digestFound,
                problem: problem?.description, waiting: try AuditLog.waitingCount(on: database))
            try output.emit(report) { report in
                if let problem = report.problem {
                    print("the chain is broken at \(problem); \(report.events) events before it hold")
                } else {
                    print("\(report.events) events, chain intact, head \(report.head)")
                    if let found = report.digestFound {
                        print(found ? "the published digest is part of the chain" : "the published digest is NOT part of the chain: the chain was rewritten")
                    }
                }
                if report.waiting > 0 {
                    print("\(report.waiting) committed events are not in the chain yet and were not checked: run this on a connection that can write (not a standby), or again later")
                }
            }
            if problem != nil || digestFound == false { throw ExitCode.failure }
        }
    }

    struct Digest: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the chain's head hash and length, to publish (e.g. in the minutes).",
            discussion: "Example:\n  pykala audit digest --format json")

        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var output: OutputOptions

        struct Report: Encodable {
            let events: Int64
            let head: String
        }

        func run() throws {
            let digest = try AuditLog.digest(on: try connection.target.connect())
            try output.emit(Report(events: digest.count, head: digest.head)) { print("\($0.events) events, head \($0.head)") }
        }
    }
}
