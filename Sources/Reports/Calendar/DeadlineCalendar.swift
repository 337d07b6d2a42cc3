public import Decisions

/// Deadlines as an iCalendar file (RFC 5545) that a calendar program subscribes to.
///
/// Each deadline is an all-day event on its due day ("by 20.2.2020" is that whole day in
/// Europe/Helsinki); a deadline marked done is kept, marked `TRANSP:TRANSPARENT` and
/// `[done]`, so a calendar that subscribed sees it change rather than vanish. UIDs are
/// stable, so a refreshed subscription updates events instead of duplicating them.
public enum DeadlineCalendar {
    /// The calendar text, lines ending in CRLF and folded at 75 octets.
    /// - Parameter stamp: when the file is written (`DTSTAMP`), in UTC.
    public static func render(_ items: [DeadlineItem], name: String, stamp: UTCInstant) -> String {
        var lines = [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//Pykala//Decision deadlines//FI",
            "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
            "X-WR-CALNAME:" + ICalendarText.escape(name),
            "X-WR-TIMEZONE:Europe/Helsinki",
        ]
        for item in items {
            var summary = "\(item.kind.label): \(item.decisionTitle)"
            if item.done { summary = "[done] " + summary }
            var description = [item.text, item.reference].compactMap { $0 }
            description.append("pykala decision show \(item.decisionID)")
            lines += [
                "BEGIN:VEVENT",
                "UID:deadline-\(item.id)-\(ICalendarText.slug(item.organization))@pykala",
                "DTSTAMP:\(stamp.basicFormat)",
                "DTSTART;VALUE=DATE:\(basic(item.date))",
                "DTEND;VALUE=DATE:\(basic(item.date.adding(days: 1) ?? item.date))",
                "SUMMARY:" + ICalendarText.escape(summary),
                "DESCRIPTION:" + ICalendarText.escape(description.joined(separator: "\n")),
                "CATEGORIES:" + ICalendarText.escape(item.kind.rawValue),
                "TRANSP:" + (item.done ? "TRANSPARENT" : "OPAQUE"),
                "END:VEVENT",
            ]
        }
        lines.append("END:VCALENDAR")
        return lines.map(ICalendarText.fold).joined()
    }

    /// `20200220`.
    private static func basic(_ date: CalendarDate) -> String { date.iso.filter { $0 != "-" } }
}

/// An instant in UTC to the second, for `DTSTAMP`.
public struct UTCInstant: Sendable, Equatable {
    public let date: CalendarDate
    public let secondOfDay: Int

    /// The instant `seconds` after 1970-01-01T00:00:00Z; nil outside the years ``CalendarDate`` accepts.
    public init?(secondsSince1970 seconds: Int64) {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        guard let epoch = CalendarDate(year: 1970, month: 1, day: 1), let date = epoch.adding(days: Int(days)) else { return nil }
        self.date = date
        secondOfDay = Int(seconds - days * 86_400)
    }

    /// `20261125T074100Z`.
    public var basicFormat: String {
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return date.iso.filter { $0 != "-" } + "T" + two(secondOfDay / 3600) + two(secondOfDay / 60 % 60) + two(secondOfDay % 60) + "Z"
    }
}

/// Text rules of RFC 5545.
enum ICalendarText {
    /// TEXT values: backslash, semicolon and comma escaped, line breaks as `\n`, other
    /// control characters dropped.
    static func escape(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": result += "\\\\"
            case ";": result += "\\;"
            case ",": result += "\\,"
            case "\n": result += "\\n"
            case "\r": continue
            default:
                if scalar.properties.generalCategory == .control { continue }
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// The line with CRLF, folded so that no line exceeds 75 octets; a fold never splits a
    /// UTF-8 sequence.
    static func fold(_ line: String) -> String {
        var result = ""
        var octets = 0
        for scalar in line.unicodeScalars {
            let width = String(scalar).utf8.count
            if octets + width > 75 {
                result += "\r\n "
                octets = 1
            }
            result.unicodeScalars.append(scalar)
            octets += width
        }
        return result + "\r\n"
    }

    /// Lowercase ASCII letters, digits and hyphens, for UIDs: `ranuan-kunta`.
    static func slug(_ text: String) -> String {
        var slug = ""
        for scalar in text.lowercased().unicodeScalars {
            switch scalar {
            case "a"..."z", "0"..."9": slug.unicodeScalars.append(scalar)
            case "ä", "å", "á", "à", "â": slug += "a"
            case "ö", "ó", "ò", "ô": slug += "o"
            case "é", "è", "ê", "ë": slug += "e"
            case "ü", "ú": slug += "u"
            default: if !slug.isEmpty, !slug.hasSuffix("-") { slug += "-" }
            }
        }
        while slug.hasSuffix("-") { slug.removeLast() }
        return slug.isEmpty ? "organization" : slug
    }
}
