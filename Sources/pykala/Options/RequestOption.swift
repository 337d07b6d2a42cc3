internal import ArgumentParser
internal import Decisions
internal import Foundation

/// The request id of a write: repeating a write with the same id returns the first result
/// instead of writing twice. Generated when not given; pykala itself repeats a write once,
/// with the same id, when the connection is lost before the answer arrives.
struct RequestOption: ParsableArguments {
    @Option(
        name: .customLong("request-id"),
        help: ArgumentHelp("A UUID for this write; repeating the write with the same id acts once (default: a new one).", valueName: "uuid"),
        transform: { text in
            guard let id = UUID(uuidString: text) else {
                throw ValidationError("--request-id: \"\(text)\" is not accepted; expected a UUID such as 3f2504e0-4f89-11d3-9a0c-0305e82c3301")
            }
            return id
        })
    var given: UUID?

    /// The id to send: the given one, or one made for this run.
    var id: UUID { given ?? Self.generated }

    private static let generated = UUID.timeOrdered()
}
