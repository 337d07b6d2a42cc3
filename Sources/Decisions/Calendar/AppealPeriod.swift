/// How a party is presumed to have received notice of a decision (hallintolaki 59 §,
/// kuntalaki 140 §).
public enum NoticeMethod: String, Sendable, Codable, CaseIterable {
    /// Minutes published in a public network: notice on the 7th day after publication.
    case `public`
    /// An extract sent by e-mail: notice on the 3rd day after sending.
    case email
    /// An extract sent by post: notice on the 7th day after sending.
    case post

    /// Days from publication (or sending) to presumed notice.
    public var daysToNotice: Int {
        switch self {
        case .public, .post: 7
        case .email: 3
        }
    }
}

/// The period for a request for rectification (oikaisuvaatimus): 14 days from presumed
/// notice, the last day moved to the next working day when it falls on a weekend or a
/// holiday (laki säädettyjen määräaikain laskemisesta 5 §).
public struct AppealPeriod: Sendable, Equatable, Encodable {
    /// Days from notice to the last day of a request for rectification (kuntalaki 134 §).
    public static let rectificationDays = 14

    /// The day the minutes were published, or the extract sent.
    public let published: CalendarDate
    public let notice: NoticeMethod
    /// The day the party is presumed to have received notice.
    public let presumedNotice: CalendarDate
    /// The last day for a request for rectification.
    public let lastDay: CalendarDate
    /// The 14th day itself, when it was not a working day and the period moved on.
    public let movedFrom: CalendarDate?
    /// Why it moved: the holiday's name, or `lauantai` / `sunnuntai`.
    public let movedBecause: String?

    /// Computes the period; nil only past the years ``CalendarDate`` accepts.
    public init?(published: CalendarDate, notice: NoticeMethod = .public) {
        guard let presumedNotice = published.adding(days: notice.daysToNotice),
            let fourteenth = presumedNotice.adding(days: Self.rectificationDays)
        else { return nil }
        self.published = published
        self.notice = notice
        self.presumedNotice = presumedNotice
        lastDay = FinnishHolidays.nextWorkingDay(onOrAfter: fourteenth)
        movedFrom = lastDay == fourteenth ? nil : fourteenth
        movedBecause = movedFrom.map { day in
            FinnishHolidays.holiday(on: day) ?? (day.weekday == 6 ? "lauantai" : "sunnuntai")
        }
    }
}
