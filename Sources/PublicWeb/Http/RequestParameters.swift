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

    init(_ request: Request, context: some RequestContext) throws(Problem) {
        if (request.uri.query?.utf8.count ?? 0) > Self.longestQuery {
            throw Problem(.badRequest, "Query too long", detail: "the query string is longer than \(Self.longestQuery) bytes")
        }
        query = request.uri.queryParameters
        path = context.parameters
    }

    /// A positive id from the path.
    func id(_ name: String) throws(Problem) -> Int64 {
        let raw = path.get(name) ?? ""
        guard let value = Int64(raw), value > 0, raw.allSatisfy(\.isPlainDigit) else {
            throw .badParameter(name, raw, expected: "a positive whole number")
        }
        return value
    }

    /// An optional positive id from the query string.
    func optionalID(_ name: String) throws(Problem) -> Int64? {
        guard let raw = text(name) else { return nil }
        guard raw.allSatisfy(\.isPlainDigit), let value = Int64(raw), value > 0 else {
            throw .badParameter(name, raw, expected: "a positive whole number")
        }
        return value
    }

    func year() throws(Problem) -> Int? {
        guard let raw = text("year") else { return nil }
        guard raw.count == 4, raw.allSatisfy(\.isPlainDigit), let value = Int(raw), CalendarDate.years.contains(value) else {
            throw .badParameter("year", raw, expected: "a year from \(CalendarDate.years.lowerBound) to \(CalendarDate.years.upperBound)")
        }
        return value
    }

    func limit(default fallback: Int, most: Int) throws(Problem) -> Int {
        guard let raw = text("limit") else { return fallback }
        guard raw.allSatisfy(\.isPlainDigit), let value = Int(raw), (1...most).contains(value) else {
            throw .badParameter("limit", raw, expected: "a whole number from 1 to \(most)")
        }
        return value
    }

    /// The id a `cursor` continues from (``Cursor``).
    func cursor() throws(Problem) -> Int64? {
        guard let raw = text("cursor") else { return nil }
        guard let id = Cursor.id(raw) else { throw .badParameter("cursor", raw, expected: "a cursor from this API's next_cursor") }
        return id
    }

    /// Search words: one line, at most ``longestText`` characters.
    func searchText() throws(Problem) -> String? {
        guard let raw = text("q") else { return nil }
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
        guard let raw = text(name) else { return nil }
        guard let outcome = Outcome(rawValue: raw) else {
            throw .badParameter(name, raw, expected: Outcome.allCases.map(\.rawValue).joined(separator: ", "))
        }
        return outcome.rawValue
    }

    /// The search configuration: `lang=fi` (default) or `lang=sv`.
    func searchLanguage(default fallback: PortalLanguage = .fi) throws(Problem) -> PortalLanguage {
        guard let raw = text("lang") else { return fallback }
        guard let language = PortalLanguage(rawValue: raw) else { throw .badParameter("lang", raw, expected: "fi or sv") }
        return language
    }

    /// A query value, nil when absent or empty.
    private func text(_ name: String) -> String? {
        guard let value = query.get(name), !value.isEmpty else { return nil }
        return value
    }
}

/// Opaque continuation points of lists: base64url of `v1:ID`.
enum Cursor {
    static func make(_ id: Int64) -> String {
        Data("v1:\(id)".utf8).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func id(_ cursor: String) -> Int64? {
        guard cursor.count <= 40, cursor.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else {
            return nil
        }
        var base64 = cursor.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard let data = Data(base64Encoded: base64), let text = String(data: data, encoding: .utf8), text.hasPrefix("v1:") else {
            return nil
        }
        let digits = text.dropFirst(3)
        guard !digits.isEmpty, digits.allSatisfy(\.isPlainDigit), let id = Int64(digits), id > 0 else { return nil }
        return id
    }
}

/// The portal's languages, as path prefixes (`/fi/…`, `/sv/…`).
public enum PortalLanguage: String, Sendable, CaseIterable {
    case fi, sv

    var searchConfiguration: String { self == .fi ? "finnish" : "swedish" }
}

extension Character {
    /// 0–9 only (`isNumber` takes other scripts' digits and fractions too).
    var isPlainDigit: Bool { ("0"..."9").contains(self) }
}
