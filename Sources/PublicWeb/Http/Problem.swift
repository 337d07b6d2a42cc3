internal import Decisions
public import Hummingbird

/// An error the portal answers with: for the API an RFC 9457 problem document
/// (`application/problem+json`), for pages an HTML page (``ErrorPages``).
public struct Problem: Error, Sendable {
    public let status: HTTPResponse.Status
    public let title: String
    public let detail: String

    public init(_ status: HTTPResponse.Status, _ title: String, detail: String) {
        self.status = status
        self.title = title
        self.detail = detail
    }

    /// A query or path parameter that is not what the route takes.
    static func badParameter(_ name: String, _ value: some StringProtocol, expected: String) -> Problem {
        Problem(.badRequest, "Bad parameter", detail: "\(name) \"\(value.prefix(80))\" is not accepted; expected \(expected)")
    }

    static func notFound(_ what: String) -> Problem {
        Problem(.notFound, "Not found", detail: "\(what) does not exist or is not public")
    }

    /// The problem document for the request at `path`.
    func document(path: String) -> String {
        "{\"type\":\"about:blank\",\"title\":\(JSONValue.quoted(title)),\"status\":\(status.code),"
            + "\"detail\":\(JSONValue.quoted(detail)),\"instance\":\(JSONValue.quoted(path))}"
    }
}
