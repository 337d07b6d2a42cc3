import Decisions
import PropertyBased
import Testing

@Suite("Finnish holidays and the appeal period")
struct AppealPeriodTests {
    private func day(_ text: String) throws -> CalendarDate { try CalendarDate(parsing: text) }

    @Test("Easter Sunday", arguments: [(2019, "21.4.2019"), (2020, "12.4.2020"), (2024, "31.3.2024"), (2025, "20.4.2025"), (2026, "5.4.2026"), (2038, "25.4.2038"), (2285, "")])
    func easter(_ year: Int, _ expected: String) {
        #expect(FinnishHolidays.easterSunday(year: year)?.description ?? "" == expected)
    }

    @Test("the moving and fixed holidays", arguments: [
        ("10.4.2020", "pitkäperjantai"), ("13.4.2020", "toinen pääsiäispäivä"), ("21.5.2020", "helatorstai"),
        ("19.6.2020", "juhannusaatto"), ("20.6.2020", "juhannuspäivä"), ("24.6.2022", "juhannusaatto"),
        ("31.10.2020", "pyhäinpäivä"), ("5.11.2022", "pyhäinpäivä"), ("6.12.2021", "itsenäisyyspäivä"),
        ("1.5.2020", "vapunpäivä"), ("24.12.2020", "jouluaatto"), ("6.1.2020", "loppiainen"),
    ])
    func holidays(_ date: String, _ name: String) throws {
        #expect(FinnishHolidays.holiday(on: try day(date)) == name)
        #expect(!FinnishHolidays.isWorkingDay(try day(date)))
    }

    @Test("ordinary days are not holidays", arguments: ["24.2.2020", "18.6.2020", "26.6.2020", "30.10.2020", "2.11.2020", "23.12.2020"])
    func ordinary(_ date: String) throws {
        #expect(FinnishHolidays.holiday(on: try day(date)) == nil)
        #expect(FinnishHolidays.isWorkingDay(try day(date)))
    }

    @Test(
        "the last day for a request for rectification",
        arguments: [
            // published, notice, presumed notice, last day (moved from)
            ("2.3.2020", NoticeMethod.public, "9.3.2020", "23.3.2020", nil),  // a Monday: no move
            ("4.3.2020", .public, "11.3.2020", "25.3.2020", nil),
            ("7.3.2020", .public, "14.3.2020", "30.3.2020", "28.3.2020"),  // the 14th day a Saturday
            ("8.3.2020", .public, "15.3.2020", "30.3.2020", "29.3.2020"),  // a Sunday
            ("20.3.2020", .public, "27.3.2020", "14.4.2020", "10.4.2020"),  // Good Friday, Easter: to Tuesday
            ("29.5.2020", .public, "5.6.2020", "22.6.2020", "19.6.2020"),  // Midsummer Eve: to Monday
            ("3.12.2020", .public, "10.12.2020", "28.12.2020", "24.12.2020"),  // Christmas Eve, Day, Boxing Day, Sunday
            ("10.2.2020", .email, "13.2.2020", "27.2.2020", nil),
            ("10.2.2020", .post, "17.2.2020", "2.3.2020", nil),
            ("14.5.2020", .email, "17.5.2020", "1.6.2020", "31.5.2020"),  // Whitsunday
        ] as [(String, NoticeMethod, String, String, String?)])
    func rectification(_ published: String, _ notice: NoticeMethod, _ presumed: String, _ last: String, _ moved: String?) throws {
        let period = try #require(AppealPeriod(published: try day(published), notice: notice))
        #expect(period.presumedNotice.description == presumed)
        #expect(period.lastDay.description == last)
        #expect(period.movedFrom?.description == moved)
    }

    @Test("the last day is always a working day, at least 14 days after notice and at most a few more")
    func property() async {
        await propertyCheck(count: 2000, input: Gen.int(in: 0...80_000)) { offset throws in
            let published = try #require(CalendarDate(year: 1950, month: 1, day: 1)?.adding(days: offset))
            for notice in NoticeMethod.allCases {
                let period = try #require(AppealPeriod(published: published, notice: notice))
                #expect(FinnishHolidays.isWorkingDay(period.lastDay))
                let days = period.lastDay.dayNumber - period.presumedNotice.dayNumber
                #expect((14...19).contains(days), "\(published) \(notice): \(days)")
            }
        }
    }
}
