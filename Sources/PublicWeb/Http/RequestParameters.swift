internal import Decisions
internal import Foundation
internal import Hummingbird

/// The parameters a route reads from its path and query string, each checked strictly: a
/// value that is not what the route takes is a 400 problem naming it, never a guess.
struct RequestParameters {
    /// The longest search text taken (in characters), and the longest query string (in bytes).
    static let longestText = 200
    static let longestQuery = 2_000

    let query: Parameters
    let path: Parameters
    /// The API refuses a parameter given empty; pages take it as not given (an empty form field).
    let refusesEmpty: Bool

    init(_ request: Request, context: some RequestContext) throws(Problem) {
        refusesEmpty = request.uri.path.hasPrefix("/api/")
        if (request.uri.query?.utf8.count ?? 0) > Self.longestQuery {
            throw Problem(.badRequest, "Query too long", detail: "the query string is longer than \(Self.longestQuery) bytes")
        }
        query = request.uri.queryParameters
        path = context.parameters
    }

    /// A positive id from the path.
    func id(_ name: String) throws(Problem) -> Int64 {
        let raw = path.get(name) ?? ""
        guard let value = Int64(raw), value > 0, raw.allSatisfy(\.isASCIIDigit) else {
            throw .badParameter(name, raw, expected: "a positive whole number")
        }
        return value
    }

    /// An optional positive id from the query string.
    func optionalID(_ name: String) throws(Problem) -> Int64? {
        guard let raw = try text(name) else { return nil }
        guard raw.allSatisfy(\.isASCIIDigit), let value = Int64(raw), value > 0 else {
            throw .badParameter(name, raw, expected: "a positive whole number")
        }
        return value
    }

    func year() throws(Problem) -> Int? {
        guard let raw = try text("year") else { return nil }
        guard raw.count == 4, raw.allSatisfy(\.isASCIIDigit), let value = Int(raw), CalendarDate.years.contains(value) else {
            throw .badParameter("year", raw, expected: "a year from \(CalendarDate.years.lowerBound) to \(CalendarDate.years.upperBound)")
        }
        return value
    }

    func limit(default fallback: Int, most: Int) throws(Problem) -> Int {
        guard let raw = try text("limit") else { return fallback }
        guard raw.allSatisfy(\.isASCIIDigit), let value = Int(raw), (1...most).contains(value) else {
            throw .badParameter("limit", raw, expected: "a whole number from 1 to \(most)")
        }
        return value
    }

    /// The id a `cursor` continues from (``Cursor``).
    func cursor() throws(Problem) -> Int64? {
        guard let raw = try text("cursor") else { return nil }
        guard let id = Cursor.id(raw) else { throw .badParameter("cursor", raw, expected: "the next_cursor of a page (digits)") }
        return id
    }

    /// Search words: one line, at most ``longestText`` characters.
    func searchText() throws(Problem) -> String? {
        guard let raw = try text("q") else { return nil }
        guard raw.count <= Self.longestText else {
            throw Problem(.badRequest, "Search too long", detail: "q is \(raw.count) characters long; at most \(Self.longestText) are taken")
        }
        guard !raw.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw .badParameter("q", raw, expected: "one line of text without control characters")
        }
        let trimmed = raw.trimmingWhitespace()
        return trimmed.isEmpty ? nil : trimmed
    }

    func outcome(_ name: String) throws(Problem) -> String? {
        guard let raw = try text(name) else { return nil }
        guard let outcome = Outcome(rawValue: raw) else {
            throw .badParameter(name, raw, expected: Outcome.allCases.map(\.rawValue).joined(separator: ", "))
        }
        return outcome.rawValue
    }

    /// The search configuration: `lang=fi` (default) or `lang=sv`.
    func searchLanguage(default fallback: PortalLanguage = .fi) throws(Problem) -> PortalLanguage {
        guard let raw = try text("lang") else { return fallback }
        guard let language = PortalLanguage(rawValue: raw) else { throw .badParameter("lang", raw, expected: "fi or sv") }
        return language
    }

    /// A query value, nil when absent (or, on pages, empty).
    private func text(_ name: String) throws(Problem) -> String? {
        guard let value = query.get(name) else { return nil }
        if value.isEmpty {
            if refusesEmpty { throw .badParameter(name, "", expected: "a value, or leave the parameter out") }
            return nil
        }
        return value
    }
}

/// Continuation points of lists: the id of the last item of the page (first, for lists
/// newest first), in decimal.
enum Cursor {
    static func make(_ id: Int64) -> String { String(id) }

    static func id(_ cursor: String) -> Int64? {
        guard (1...18).contains(cursor.count), cursor.allSatisfy(\.isASCIIDigit) else { return nil }
        return Int64(cursor)
    }
}

/// The portal's languages, as path prefixes (`/fi/…`, `/sv/…`).
public enum PortalLanguage: String, Sendable, CaseIterable {
    case fi, sv

    var searchConfiguration: String { self == .fi ? "finnish" : "swedish" }
}
