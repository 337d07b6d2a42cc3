/// The days on which a Finnish statutory period cannot end (laki säädettyjen määräaikain
/// laskemisesta 5 §): Saturdays and Sundays, the public holidays of the church year
/// (computed from Easter, never listed by hand), Independence Day, May Day, Christmas Eve
/// and Midsummer Eve.
public enum FinnishHolidays {
    /// The holiday on `date`, by its Finnish name, or nil on an ordinary day (weekends are
    /// not named here; see ``isWorkingDay(_:)``).
    public static func holiday(on date: CalendarDate) -> String? {
        switch (date.month, date.day) {
        case (1, 1): return "uudenvuodenpäivä"
        case (1, 6): return "loppiainen"
        case (5, 1): return "vapunpäivä"
        case (12, 6): return "itsenäisyyspäivä"
        case (12, 24): return "jouluaatto"
        case (12, 25): return "joulupäivä"
        case (12, 26): return "tapaninpäivä"
        default: break
        }
        if let easter = easterSunday(year: date.year) {
            switch date.dayNumber - easter.dayNumber {
            case -2: return "pitkäperjantai"
            case 0: return "pääsiäispäivä"
            case 1: return "toinen pääsiäispäivä"
            case 39: return "helatorstai"
            case 49: return "helluntaipäivä"
            default: break
            }
        }
        // Midsummer Day is the Saturday of 20–26 June, its Eve the Friday before;
        // All Saints' Day the Saturday of 31 October – 6 November.
        if date.month == 6, (20...26).contains(date.day), date.weekday == 6 { return "juhannuspäivä" }
        if date.month == 6, (19...25).contains(date.day), date.weekday == 5 { return "juhannusaatto" }
        let allSaints = (date.month == 10 && date.day == 31) || (date.month == 11 && date.day <= 6)
        if allSaints, date.weekday == 6 { return "pyhäinpäivä" }
        return nil
    }

    /// True unless `date` is a Saturday, a Sunday or one of the days of ``holiday(on:)``.
    public static func isWorkingDay(_ date: CalendarDate) -> Bool {
        date.weekday <= 5 && holiday(on: date) == nil
    }

    /// `date` itself when a period may end on it, otherwise the next day that is.
    public static func nextWorkingDay(onOrAfter date: CalendarDate) -> CalendarDate {
        var day = date
        while !isWorkingDay(day), let next = day.adding(days: 1) { day = next }
        return day
    }

    /// Easter Sunday of `year` (Gregorian; the anonymous algorithm of Meeus, Jones and Butcher).
    public static func easterSunday(year: Int) -> CalendarDate? {
        let a = year % 19
        let b = year / 100
        let c = year % 100
        let d = b / 4
        let e = b % 4
        let f = (b + 8) / 25
        let g = (b - f + 1) / 3
        let h = (19 * a + b - d - g + 15) % 30
        let i = c / 4
        let k = c % 4
        let l = (32 + 2 * e + 2 * i - h - k) % 7
        let m = (a + 11 * h + 22 * l) / 451
        let month = (h + l - 7 * m + 114) / 31
        let day = (h + l - 7 * m + 114) % 31 + 1
        return CalendarDate(year: year, month: month, day: day)
    }
}
