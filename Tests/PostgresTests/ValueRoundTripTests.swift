import Foundation
import Postgres
import PostgresTestSupport
import Testing

@Suite("values travel to PostgreSQL and back unchanged")
struct ValueRoundTripTests {
    let connection: Connection

    init() throws {
        connection = try TestPostgres.emptyDatabase().connect()
    }

    private func roundTrip<T: PostgresEncodable & PostgresDecodable>(_ value: T, as sqlType: String) throws -> T {
        let result = try connection.execute("SELECT $1::\(sqlType) AS value", [value])
        return try result[0].get("value", as: T.self)
    }

    @Test("text, including Finnish, Swedish and emoji", arguments: ["", "Päätös", "Åbo – Turku", "§ 39 🎉", "a'b\"c\\d", "\u{200B}zero-width"])
    func text(_ value: String) throws {
        #expect(try roundTrip(value, as: "text") == value)
    }

    @Test("integers at their limits", arguments: [Int64.min, -1, 0, 1, Int64.max])
    func int64(_ value: Int64) throws {
        #expect(try roundTrip(value, as: "int8") == value)
    }

    @Test func int32AndInt() throws {
        #expect(try roundTrip(Int32.min, as: "int4") == Int32.min)
        #expect(try roundTrip(42, as: "int8") == 42)
    }

    @Test(arguments: [true, false])
    func bool(_ value: Bool) throws {
        #expect(try roundTrip(value, as: "bool") == value)
    }

    @Test("timestamptz to the microsecond, whatever the session time zone")
    func timestamptz() throws {
        let instant = Date(timeIntervalSince1970: 1_582_538_400.123456)  // 2020-02-24 10:00:00.123456 UTC
        try connection.execute("SET TimeZone = 'Europe/Helsinki'")
        let back = try roundTrip(instant, as: "timestamptz")
        #expect(abs(back.timeIntervalSince1970 - instant.timeIntervalSince1970) < 0.000_001)
        try connection.execute("SET TimeZone = 'Asia/Kolkata'")
        let text = try connection.execute("SELECT $1::timestamptz::text AS t", [instant])[0].get("t", as: String.self)
        #expect(text == "2020-02-24 15:30:00.123456+05:30")
        #expect(try roundTrip(instant, as: "timestamptz").timeIntervalSince1970.rounded() == 1_582_538_400)
    }

    @Test("calendar dates keep their day", arguments: [(2020, 2, 24), (2024, 2, 29), (1, 1, 1), (9999, 12, 31)])
    func date(_ parts: (Int, Int, Int)) throws {
        let date = try #require(PostgresDate(year: parts.0, month: parts.1, day: parts.2))
        #expect(try roundTrip(date, as: "date") == date)
    }

    @Test func invalidCalendarDatesDoNotExist() {
        #expect(PostgresDate(year: 2020, month: 2, day: 30) == nil)
        #expect(PostgresDate(year: 2023, month: 2, day: 29) == nil)
        #expect(PostgresDate(year: 0, month: 1, day: 1) == nil)
    }

    @Test func uuid() throws {
        let value = UUID()
        #expect(try roundTrip(value, as: "uuid") == value)
    }

    @Test("bytea with every byte value")
    func bytea() throws {
        let bytes = (0...255).map(UInt8.init) + [0, 0, 255]
        #expect(try roundTrip(bytes, as: "bytea") == bytes)
        #expect(try roundTrip(Data(bytes), as: "bytea") == Data(bytes))
        #expect(try roundTrip([UInt8](), as: "bytea") == [])
    }

    @Test func jsonb() throws {
        struct Share: Codable, Equatable {
            let year: Int
            let amountCents: Int64
        }
        let share = Share(year: 2021, amountCents: 40_000)
        let back = try roundTrip(try PostgresJSON(encoding: share), as: "jsonb")
        #expect(try back.decode(Share.self) == share)
    }

    @Test("numeric as Decimal and as exact cents")
    func numeric() throws {
        let row = try connection.execute(
            "SELECT 1000.50::numeric AS a, 24881.52::numeric AS b, -0.01::numeric AS c, 1000::int4 AS d, 12.3400::numeric AS e")[0]
        #expect(try row.get("a", as: Decimal.self) == Decimal(string: "1000.5"))
        #expect(try row.get("a", as: PostgresCents.self).cents == 100_050)
        #expect(try row.get("b", as: PostgresCents.self).cents == 2_488_152)
        #expect(try row.get("c", as: PostgresCents.self).cents == -1)
        #expect(try row.get("d", as: PostgresCents.self).cents == 100_000)
        #expect(try row.get("e", as: PostgresCents.self).cents == 1_234)
    }

    @Test("cents refuse what they cannot hold exactly")
    func centsRefuseFractions() throws {
        let row = try connection.execute("SELECT 0.001::numeric AS tiny, 'NaN'::numeric AS nan, 1e30::numeric AS huge")[0]
        for column in ["tiny", "nan", "huge"] {
            let error = try #require(throws: PostgresError.self) { try row.get(column, as: PostgresCents.self) }
            #expect(error.kind == .decoding)
            #expect(error.message.contains("\"\(column)\""))
        }
    }

    @Test("NULL becomes nil for optionals and an error naming the column otherwise")
    func nulls() throws {
        let row = try connection.execute(
            "SELECT NULL::text AS title, NULL::int8 AS n, NULL::date AS d, NULL::timestamptz AS t, NULL::bytea AS b")[0]
        #expect(try row.get("title", as: String?.self) == nil)
        #expect(try row.get("n", as: Int64?.self) == nil)
        #expect(try row.get("d", as: PostgresDate?.self) == nil)
        #expect(try row.get("t", as: Date?.self) == nil)
        #expect(try row.get("b", as: [UInt8]?.self) == nil)
        let error = try #require(throws: PostgresError.self) { try row.get("title", as: String.self) }
        #expect(error.kind == .decoding)
        #expect(error.message == "column \"title\" is NULL, but a String was expected")
    }

    @Test("NULL parameters")
    func nullParameters() throws {
        let row = try connection.execute("SELECT $1::text IS NULL AS a, $2::int8 IS NULL AS b", [String?.none, PostgresNull()])[0]
        #expect(try row.get("a", as: Bool.self))
        #expect(try row.get("b", as: Bool.self))
    }

    @Test("a type mismatch names the column and both types")
    func typeMismatch() throws {
        let row = try connection.execute("SELECT 'x'::text AS title, 5::int4 AS count, now()::timestamp AS naive")[0]
        let error = try #require(throws: PostgresError.self) { try row.get("title", as: Int.self) }
        #expect(error.message == "column \"title\" is text, which cannot be read as Int")
        let count = try #require(throws: PostgresError.self) { try row.get("count", as: String.self) }
        #expect(count.message.contains("\"count\""))
        let naive = try #require(throws: PostgresError.self) { try row.get("naive", as: Date.self) }
        #expect(naive.message.contains("timestamp without time zone"))
        let missing = try #require(throws: PostgresError.self) { try row.get("nope", as: Int.self) }
        #expect(missing.message.contains("no column \"nope\""))
    }

    @Test("an integer too big for Int32 is refused, not truncated")
    func narrowing() throws {
        let row = try connection.execute("SELECT 3000000000::int8 AS big")[0]
        #expect(throws: PostgresError.self) { try row.get("big", as: Int32.self) }
    }

    @Test("an enum comes back as its label")
    func enumAsText() throws {
        try connection.execute("CREATE TYPE outcome AS ENUM ('approved', 'rejected')")
        let row = try connection.execute("SELECT 'approved'::outcome AS o")[0]
        #expect(try row.get("o", as: String.self) == "approved")
    }
}
