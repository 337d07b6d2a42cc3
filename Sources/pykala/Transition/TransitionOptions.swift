internal import ArgumentParser
internal import DecisionStore
internal import Decisions
internal import Foundation

/// What every transition command takes: the decision, a comment, the version the caller
/// saw, and a request id that makes a retry safe.
struct TransitionOptions: ParsableArguments {
    @Argument(help: "The decision: id, diary number, or BODY/YEAR/§N.")
    var reference: String
    @Option(help: "Why: recorded in the history.")
    var comment: String?
    @Option(help: "The version you saw (`pykala decision show`); refused if the decision has moved on.")
    var expectVersion: Int?
    @Option(help: "A UUID for this request; repeating a request with the same id acts once (default: a new one).")
    var requestId: String?

    @OptionGroup var organization: OrganizationOption
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        if let requestId, UUID(uuidString: requestId) == nil {
            throw ValidationError("--request-id: \"\(requestId)\" is not accepted; expected a UUID such as 3f2504e0-4f89-11d3-9a0c-0305e82c3301")
        }
    }

    /// Takes `action` and prints what happened.
    func take(_ action: String) throws {
        let result = try Transitions.take(
            action, on: try DecisionReference(parsing: reference), expectedVersion: expectVersion, comment: comment,
            requestID: requestId.flatMap(UUID.init(uuidString:)) ?? .timeOrdered(), organization: organization.name,
            connect: { try connection.target.connect() })
        Fault.afterCommit()
        try output.emit(result) { result in
            let again = result.repeated ? " (this request had already acted; nothing was done again)" : ""
            print("decision \(result.decision): \(result.action), \(result.from) → \(result.to), now version \(result.version)\(again)")
            for started in result.started { print("started deadline \(started.kind): \(started.date)") }
        }
    }
}
