import Foundation
import Postgres
import Testing

@Suite("timestamptz text")
struct TimestampTextTests {
    @Test(
        "the server's output forms parse to the same instant",
        arguments: [
            "2020-02-24 10:00:00+00", "2020-02-24 12:00:00+02", "2020-02-24 15:30:00+05:30", "2020-02-24 05:00:00-05",
            "2020-02-24T10:00:00Z", "2020-02-24 12:00:00.000000+02",
        ])
    func sameInstant(_ text: String) throws {
        let date = try #require(PostgresTimestamp.parse(text))
        #expect(date.timeIntervalSince1970 == 1_582_538_400)
    }

    @Test("not a timestamp", arguments: ["", "2020-02-24", "2020-02-30 10:00:00+00", "24.2.2020 10:00", "2020-02-24 10:00:00", "infinity", "2020-02-24 10:00:00+02 junk"])
    func refused(_ text: String) {
        #expect(PostgresTimestamp.parse(text) == nil)
    }

    @Test("format and parse agree", arguments: [0.0, 1_582_538_400.5, -86_400.25, 4_102_444_799.999999])
    func formatParse(_ seconds: Double) throws {
        let date = Date(timeIntervalSince1970: seconds)
        let back = try #require(PostgresTimestamp.parse(PostgresTimestamp.format(date)))
        #expect(abs(back.timeIntervalSince1970 - seconds) < 0.000_001)
    }
}
