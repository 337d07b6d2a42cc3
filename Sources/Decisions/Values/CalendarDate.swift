/// A calendar day, as decisions and deadlines name them: no time, no time zone.
///
/// ``init(parsing:)`` reads the Finnish `20.2.2020` / `24.02.2020` and ISO `2020-02-20`,
/// nothing else: no two-digit years, no guessing. ``description`` is Finnish (`20.2.2020`);
/// ``iso`` is `2020-02-20`.
public struct CalendarDate: Hashable, Sendable, Comparable, Codable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// The years accepted: no municipal decision falls outside them.
    public static let years = 1900...2199

    public init?(year: Int, month: Int, day: Int) {
        guard Self.years.contains(year), (1...12).contains(month), (1...Self.daysIn(month: month, year: year)).contains(day) else {
            return nil
        }
        self.year = year
        self.month = month
        self.day = day
    }

    public init(parsing input: String) throws {
        self = try CalendarDateParser.parse(input)
    }

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// `20.2.2020`.
    public var description: String { "\(day).\(month).\(year)" }

    /// `2020-02-20`.
    public var iso: String {
        "\(year)-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)"
    }

    /// Days since 1970-01-01.
    public var dayNumber: Int {
        let y = month <= 2 ? year - 1 : year
        let era = y / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        return era * 146_097 + yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear - 719_468
    }

    /// The date `days` later (or earlier, when negative).
    public func adding(days: Int) -> CalendarDate? {
        let z = dayNumber + days + 719_468
        let era = z / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return CalendarDate(year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month: month, day: day)
    }

    /// Monday = 1 … Sunday = 7.
    public var weekday: Int { ((dayNumber % 7) + 7 + 3) % 7 + 1 }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        self = try CalendarDate(parsing: text)
    }

    /// Encoded as ISO `YYYY-MM-DD`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(iso)
    }
}

/// Why a text is not a date.
public struct DateParseError: Error, Sendable, Equatable, CustomStringConvertible {
    public let input: String
    public let reason: String
    public var description: String {
        "\"\(input)\" is not a date: \(reason). Write e.g. 20.2.2020 or 2020-02-20."
    }
}

enum CalendarDateParser {
    private static let monthNames = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
        "December",
    ]

    static func parse(_ input: String) throws -> CalendarDate {
        func fail(_ reason: String) -> DateParseError { DateParseError(input: input, reason: reason) }
        let text = TextNoise.cleaned(input)
        let year: Int
        let month: Int
        let day: Int
        if text.contains("-") {
            let parts = text.split(separator: "-", omittingEmptySubsequences: false)
            guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
                parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) })
            else { throw fail("an ISO date has the form YYYY-MM-DD") }
            (year, month, day) = (Int(parts[0]) ?? 0, Int(parts[1]) ?? 0, Int(parts[2]) ?? 0)
        } else if text.contains(".") {
            let parts = text.split(separator: ".", omittingEmptySubsequences: false)
            guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }) else {
                throw fail("a Finnish date has the form D.M.YYYY")
            }
            guard parts[0].count <= 2, parts[1].count <= 2 else { throw fail("day and month have one or two digits") }
            guard parts[2].count == 4 else { throw fail("the year must have four digits") }
            (year, month, day) = (Int(parts[2]) ?? 0, Int(parts[1]) ?? 0, Int(parts[0]) ?? 0)
        } else {
            throw fail(text.isEmpty ? "it is empty" : "it is neither D.M.YYYY nor YYYY-MM-DD")
        }
        guard (1...12).contains(month) else { throw fail("there is no month \(month)") }
        guard CalendarDate.years.contains(year) else {
            throw fail("the year must be between \(CalendarDate.years.lowerBound) and \(CalendarDate.years.upperBound)")
        }
        let days = CalendarDate.daysIn(month: month, year: year)
        guard let date = CalendarDate(year: year, month: month, day: day) else {
            throw fail("\(monthNames[month - 1]) \(year) has \(days) days")
        }
        return date
    }
}

extension CalendarDate {
    /// The ISO 8601 week: its year (which may differ from the date's near New Year) and number.
    public var isoWeek: (year: Int, week: Int) {
        // The week's Thursday decides its year.
        let thursday = adding(days: 4 - weekday) ?? self
        guard let januaryFirst = CalendarDate(year: thursday.year, month: 1, day: 1) else { return (year, 1) }
        return (thursday.year, (thursday.dayNumber - januaryFirst.dayNumber) / 7 + 1)
    }

    /// The Monday of this date's week.
    public var monday: CalendarDate { adding(days: 1 - weekday) ?? self }
}
