internal import Crypto
internal import Foundation
internal import Hummingbird
internal import HTTPTypes

/// Responses that a client or cache can revalidate: a strong `ETag` from the body's SHA-256,
/// `Last-Modified` from the newest publication in it, and `304 Not Modified` when the client
/// already has it (If-None-Match first; If-Modified-Since only without it, RFC 9110 13.2.2).
enum Revalidation {
    /// The strong ETag of a body: its SHA-256, shortened to 128 bits.
    static func tag(of body: String) -> String {
        let digest = SHA256.hash(data: Data(body.utf8))
        return "\"" + digest.prefix(16).map { String(format: "%02x", $0) }.joined() + "\""
    }

    /// `answer`, or 304 Not Modified when the client already has it.
    static func response(to request: Request, _ answer: ResponseCache.Answer) -> Response {
        var headers: HTTPFields = [.eTag: answer.tag, .cacheControl: "public, max-age=60"]
        if let lastModified = answer.lastModified { headers[.lastModified] = HTTPDate.format(lastModified) }
        if isFresh(request, tag: answer.tag, lastModified: answer.lastModified) {
            return Response(status: .notModified, headers: headers)
        }
        headers[.contentType] = answer.contentType
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: answer.body))
    }

    static func isFresh(_ request: Request, tag: String, lastModified: Date?) -> Bool {
        if let match = request.headers[.ifNoneMatch] {
            return match.split(separator: ",").contains { candidate in
                let trimmed = candidate.trimmingCharacters(in: .whitespaces)
                return trimmed == "*" || trimmed == tag || trimmed == "W/" + tag
            }
        }
        if let since = request.headers[.ifModifiedSince].flatMap(HTTPDate.parse), let lastModified {
            return lastModified.timeIntervalSince1970.rounded(.down) <= since.timeIntervalSince1970
        }
        return false
    }
}

/// HTTP dates (IMF-fixdate, RFC 9110 5.6.7): `Wed, 25 Nov 2026 12:00:00 GMT`.
enum HTTPDate {
    private static let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    private static var utc: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        return calendar
    }

    static func format(_ date: Date) -> String {
        let parts = utc.dateComponents([.weekday, .day, .month, .year, .hour, .minute, .second], from: date)
        let two = { (value: Int?) in String(format: "%02d", value ?? 0) }
        return "\(days[(parts.weekday ?? 1) - 1]), \(two(parts.day)) \(months[(parts.month ?? 1) - 1]) \(parts.year ?? 1970) "
            + "\(two(parts.hour)):\(two(parts.minute)):\(two(parts.second)) GMT"
    }

    /// The date of an IMF-fixdate; nil for anything else (a client's odd date is ignored, not guessed).
    static func parse(_ text: String) -> Date? {
        let fields = text.split(separator: " ")
        guard fields.count == 6, fields[5] == "GMT", let day = Int(fields[1]), let month = months.firstIndex(of: String(fields[2])),
            let year = Int(fields[3])
        else { return nil }
        let clock = fields[4].split(separator: ":").compactMap { Int($0) }
        guard clock.count == 3 else { return nil }
        return utc.date(from: DateComponents(year: year, month: month + 1, day: day, hour: clock[0], minute: clock[1], second: clock[2]))
    }

    /// A timestamp the views give (`2026-11-25T12:00:00Z`).
    static func timestamp(_ text: String) -> Date? {
        try? Date(text, strategy: .iso8601)
    }
}
