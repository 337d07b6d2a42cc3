public import Foundation

/// Reads and writes `timestamptz` text without Foundation's formatters (no locale, no
/// week-based years): `2020-02-24 10:00:00.5+02`, `…+05:30`, `…Z`.
public enum PostgresTimestamp {
    public static func parse(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        var index = 0
        func number(_ width: Int) -> Int? {
            guard index + width <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[index..<(index + width)] {
                guard (0x30...0x39).contains(byte) else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            index += width
            return value
        }
        func expect(_ characters: Set<UInt8>) -> Bool {
            guard index < bytes.count, characters.contains(bytes[index]) else { return false }
            index += 1
            return true
        }
        guard let year = number(4), expect([UInt8(ascii: "-")]), let month = number(2), expect([UInt8(ascii: "-")]),
            let day = number(2), expect([UInt8(ascii: " "), UInt8(ascii: "T")]), let hour = number(2),
            expect([UInt8(ascii: ":")]), let minute = number(2), expect([UInt8(ascii: ":")]), let second = number(2),
            PostgresDate(year: year, month: month, day: day) != nil, hour < 24, minute < 60, second < 60
        else { return nil }
        var microseconds = 0
        if expect([UInt8(ascii: ".")]) {
            var digits = 0
            while index < bytes.count, (0x30...0x39).contains(bytes[index]) {
                if digits < 6 { microseconds = microseconds * 10 + Int(bytes[index] - 0x30) }
                digits += 1
                index += 1
            }
            guard digits > 0 else { return nil }
            if digits < 6 { for _ in digits..<6 { microseconds *= 10 } }
        }
        var offsetSeconds = 0
        if expect([UInt8(ascii: "Z")]) {
            offsetSeconds = 0
        } else {
            guard index < bytes.count else { return nil }
            let sign = bytes[index] == UInt8(ascii: "-") ? -1 : 1
            guard expect([UInt8(ascii: "+"), UInt8(ascii: "-")]), let offsetHours = number(2) else { return nil }
            var offsetMinutes = 0
            var extraSeconds = 0
            if expect([UInt8(ascii: ":")]) {
                guard let value = number(2) else { return nil }
                offsetMinutes = value
                if expect([UInt8(ascii: ":")]) {
                    guard let value = number(2) else { return nil }
                    extraSeconds = value
                }
            }
            offsetSeconds = sign * (offsetHours * 3600 + offsetMinutes * 60 + extraSeconds)
        }
        guard index == bytes.count else { return nil }
        let days = CivilCalendar.daysSinceEpoch(year: year, month: month, day: day)
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offsetSeconds
        return Date(timeIntervalSince1970: Double(seconds) + Double(microseconds) / 1_000_000)
    }

    /// `YYYY-MM-DDTHH:MM:SS.ffffffZ`, exact to the microsecond.
    public static func format(_ date: Date) -> String {
        let totalMicroseconds = (date.timeIntervalSince1970 * 1_000_000).rounded()
        let micros = Int(totalMicroseconds)
        let seconds = micros >= 0 ? micros / 1_000_000 : (micros - 999_999) / 1_000_000
        let fraction = micros - seconds * 1_000_000
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        let (year, month, day) = CivilCalendar.civil(fromDaysSinceEpoch: days)
        func pad(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(secondOfDay / 3600, 2)):"
            + "\(pad(secondOfDay / 60 % 60, 2)):\(pad(secondOfDay % 60, 2)).\(pad(fraction, 6))Z"
    }
}

/// Checks on `numeric` text from the server.
enum PostgresNumericText {
    /// `-?digits(.digits)?`: what the server prints for a finite numeric.
    static func isPlainDecimal(_ text: String) -> Bool {
        var sawDigit = false
        var sawPoint = false
        for (offset, character) in text.utf8.enumerated() {
            switch character {
            case UInt8(ascii: "-") where offset == 0: continue
            case UInt8(ascii: "."):
                guard !sawPoint, sawDigit else { return false }
                sawPoint = true
                sawDigit = false
            case UInt8(ascii: "0")...UInt8(ascii: "9"): sawDigit = true
            default: return false
            }
        }
        return sawDigit
    }
}

/// The hex format of `bytea` output.
enum PostgresHex {
    static func decode(_ text: String) -> [UInt8]? {
        let bytes = Array(text.utf8)
        guard bytes.count >= 2, bytes[0] == UInt8(ascii: "\\"), bytes[1] == UInt8(ascii: "x"), bytes.count % 2 == 0 else {
            return nil
        }
        func nibble(_ byte: UInt8) -> UInt8? {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
            default: nil
            }
        }
        var result: [UInt8] = []
        result.reserveCapacity((bytes.count - 2) / 2)
        var index = 2
        while index < bytes.count {
            guard let high = nibble(bytes[index]), let low = nibble(bytes[index + 1]) else { return nil }
            result.append(high << 4 | low)
            index += 2
        }
        return result
    }
}
