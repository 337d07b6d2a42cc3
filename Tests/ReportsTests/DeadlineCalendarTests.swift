import Decisions
import PropertyBased
import Reports
import Testing

@Suite("deadlines as an iCalendar file (RFC 5545)")
struct DeadlineCalendarTests {
    static func item(title: String = "Turvallisuus -hankeyhteistyöhön osallistuminen", text: String? = nil, done: Bool = false)
        -> DeadlineItem
    {
        DeadlineItem(
            id: 7, kind: .replyBy, date: CalendarDate(year: 2020, month: 2, day: 20)!, text: text, done: done, decisionID: 1,
            decisionTitle: title, body: "Kunnanhallitus", reference: "Kunnanhallitus/2020/§39", organization: "Ranuan kunta")
    }

    static let stamp = UTCInstant(secondsSince1970: 1_764_057_600)!  // 2025-11-25T08:00:00Z

    /// Undoes line folding (RFC 5545 3.1).
    /// Works on bytes, as calendar programs do: a fold may fall before a combining mark.
    static func unfold(_ text: String) -> [String] {
        let bytes = Array(text.utf8)
        var lines: [String] = []
        var line: [UInt8] = []
        var index = 0
        while index < bytes.count {
            if bytes[index] == 13, index + 1 < bytes.count, bytes[index + 1] == 10 {
                if index + 2 < bytes.count, bytes[index + 2] == 32 {
                    index += 3
                    continue
                }
                lines.append(String(decoding: line, as: UTF8.self))
                line = []
                index += 2
                continue
            }
            line.append(bytes[index])
            index += 1
        }
        if !line.isEmpty { lines.append(String(decoding: line, as: UTF8.self)) }
        return lines
    }

    /// The lines as written, as bytes, without their CRLF.
    static func physicalLines(_ text: String) -> [[UInt8]] {
        var lines: [[UInt8]] = [[]]
        for byte in text.utf8 {
            if byte == 10, lines[lines.count - 1].last == 13 {
                lines[lines.count - 1].removeLast()
                lines.append([])
            } else {
                lines[lines.count - 1].append(byte)
            }
        }
        return lines
    }

    /// Undoes TEXT escaping (RFC 5545 3.3.11), scalar by scalar (a backslash may carry a
    /// combining mark in one Character).
    static func unescape(_ value: String) -> String {
        var result = String.UnicodeScalarView()
        var escaped = false
        for scalar in value.unicodeScalars {
            if escaped {
                result.append(scalar == "n" || scalar == "N" ? "\n" : scalar)
                escaped = false
            } else if scalar == "\\" {
                escaped = true
            } else {
                result.append(scalar)
            }
        }
        return String(result)
    }

    @Test("the worked example's reply-by deadline is an all-day event on 20.2.2020")
    func workedExample() {
        let text = DeadlineCalendar.render([Self.item(text: "Osallistumisilmoitusta pyydetään 20.2.2020 mennessä")], name: "Ranua", stamp: Self.stamp)
        let lines = Self.unfold(text)
        #expect(lines.first == "BEGIN:VCALENDAR")
        #expect(lines.last == "END:VCALENDAR")
        #expect(lines.contains("VERSION:2.0"))
        #expect(lines.contains("DTSTART;VALUE=DATE:20200220"))
        #expect(lines.contains("DTEND;VALUE=DATE:20200221"))
        #expect(lines.contains("DTSTAMP:20251125T080000Z"))
        #expect(lines.contains("UID:deadline-7-ranuan-kunta@pykala"))
        #expect(lines.contains("SUMMARY:reply by: Turvallisuus -hankeyhteistyöhön osallistuminen"))
        #expect(lines.contains("DESCRIPTION:Osallistumisilmoitusta pyydetään 20.2.2020 mennessä\\nKunnanhallitus/2020/§39\\npykala decision show 1"))
        #expect(text.hasSuffix("END:VCALENDAR\r\n"))
    }

    @Test("a done deadline stays, marked, and does not block time")
    func done() {
        let lines = Self.unfold(DeadlineCalendar.render([Self.item(done: true)], name: "Ranua", stamp: Self.stamp))
        #expect(lines.contains("TRANSP:TRANSPARENT"))
        #expect(lines.contains { $0.hasPrefix("SUMMARY:[done] reply by:") })
    }

    @Test("special characters are escaped and long lines folded at 75 octets without splitting a character")
    func escapingAndFolding() {
        let title = "Sopimus; ehdot, liitteet \\ ja ääkköset " + String(repeating: "ö", count: 60)
        let text = DeadlineCalendar.render([Self.item(title: title)], name: "Ranua", stamp: Self.stamp)
        #expect(text.contains("Sopimus\\; ehdot\\, liitteet \\\\ ja"))
        for line in Self.physicalLines(text) {
            #expect(line.count <= 75, "\(line)")
        }
        #expect(!text.replacing("\r\n", with: "").contains("\n"))
    }

    @Test("any title comes back unchanged after unfolding and unescaping")
    func roundTrip() async {
        let alphabet = Array("abcåäö ;,\\:\"ÄÖ€§–\n0123456789") + ["😀", "\u{301}"]
        let titles = Gen<Character?>.element(of: alphabet).map { $0 ?? " " }.string(of: 0...200)
        await propertyCheck(count: 500, input: titles) { title throws in
            let text = DeadlineCalendar.render([Self.item(title: title)], name: "Ranua", stamp: Self.stamp)
            let summary = Self.unfold(text).first { $0.hasPrefix("SUMMARY:") }.map { Self.unescape(String($0.dropFirst(8))) }
            #expect(summary == "reply by: " + title)
            #expect(Self.physicalLines(text).allSatisfy { $0.count <= 75 })
            #expect(Self.physicalLines(text).allSatisfy { String(validating: $0, as: UTF8.self) != nil })
        }
    }

    @Test("DTSTAMP instants", arguments: [(0, "19700101T000000Z"), (951_004_800, "20000220T000000Z"), (1_582_243_199, "20200220T235959Z")] as [(Int64, String)])
    func stamps(_ seconds: Int64, _ expected: String) {
        #expect(UTCInstant(secondsSince1970: seconds)?.basicFormat == expected)
    }
}
