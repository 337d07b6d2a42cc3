import Decisions
import Foundation
import Reports

/// The decisions and the meeting the report tests render: the worked example (Ranua
/// municipal board 24.2.2020 § 39, see Tests/Fixtures/README.md) and a meeting of six
/// sections with different outcomes, a vote, a disqualification, a secret section and a
/// private person's contact data.
enum ReportFixtures {
    static let templates = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("templates")

    static func day(_ text: String) -> CalendarDate { (try? CalendarDate(parsing: text)) ?? CalendarDate(year: 2000, month: 1, day: 1)! }

    static var workedExample: ReportDecision {
        var decision = ReportDecision(id: 1, body: "Kunnanhallitus", title: "Turvallisuus -hankeyhteistyöhön osallistuminen", state: "published")
        decision.diaryNumber = "2265/15.151/2020"
        decision.meetingDate = day("24.2.2020")
        decision.section = 39
        decision.description = "Lapin ammattikorkeakoulu on hakemassa \"Turvallisuus -hankeyhteistyö\" -hanketta.\nOsallistuminen maksaa kunnalle 1.000 euroa koko hankkeen ajalta."
        decision.proposal = "Kunnanhallitus päättää, että kunta osallistuu Turvallisuus-hankeyhteistyöhön."
        decision.decision = "Hyväksyttiin yksimielisesti."
        decision.outcome = .approved
        decision.total = Money(cents: 100_000)
        decision.shares = [
            .init(year: 2020, amount: Money(cents: 20_000), source: "osastojen hallintomäärärahat"),
            .init(year: 2021, amount: Money(cents: 40_000), source: "osastojen hallintomäärärahat"),
            .init(year: 2022, amount: Money(cents: 40_000), source: "osastojen hallintomäärärahat"),
        ]
        decision.deadlines = [.init(kind: .replyBy, date: day("20.2.2020"), text: "Osallistumisilmoitusta pyydetään 20.2.2020 mennessä")]
        decision.contacts = [
            .init(role: .contactPerson, name: "Anitta Jaakola", title: "hyvinvointikoordinaattori", phone: nil, email: nil, isPrivate: false),
            .init(role: .furtherInformation, name: "Sirpa Hakala", title: "kunnanjohtaja", phone: "040 539 4293",
                  email: "etunimi.sukunimi@ranua.fi", isPrivate: false),
        ]
        return decision
    }

    static var meeting: ReportMeeting {
        var meeting = ReportMeeting(organization: "Ranuan kunta", body: "Kunnanhallitus", date: day("24.2.2020"))
        meeting.number = "4/2020"
        meeting.place = "Kunnantalo"
        meeting.attendees = [
            .init(name: "Puheen Johtaja", role: "chair", deputyFor: nil, arrived: nil, left: nil),
            .init(name: "Jäsen Yksi", role: "member", deputyFor: nil, arrived: nil, left: 41),
            .init(name: "Vara Jäsen", role: "deputy", deputyFor: "Jäsen Kaksi", arrived: 38, left: nil),
            .init(name: "Sirpa Hakala", role: "presenter", deputyFor: nil, arrived: nil, left: nil),
            .init(name: "Pöytäkirjan Pitäjä", role: "secretary", deputyFor: nil, arrived: nil, left: nil),
        ]
        var voted = ReportDecision(id: 2, body: "Kunnanhallitus", title: "Kännykkäkieltoa koskeva valtuustoaloite", state: "decided")
        voted.section = 38
        voted.proposal = "Kunnanhallitus merkitsee selvityksen tiedoksi."
        voted.outcome = .returned
        voted.votes = [.init(yesMotion: "Kunnanjohtajan ehdotus", noMotion: "Palautetaan valmisteluun", yes: 4, no: 7, blank: 0, absent: 0,
                             yesWon: false, decidedByChair: false)]
        var disqualified = ReportDecision(id: 3, body: "Kunnanhallitus", title: "Maa-alueen myynti", state: "decided")
        disqualified.section = 40
        disqualified.outcome = .approvedAfterVote
        disqualified.disqualified = ["Jäsen Yksi (hallintolaki 28 § 1 mom. 5 k.)"]
        disqualified.votes = [.init(yesMotion: "Ehdotus", noMotion: "Hylätään", yes: 2, no: 2, blank: 1, absent: 0, yesWon: true, decidedByChair: true)]
        disqualified.contacts = [.init(role: .contactPerson, name: "Yksityinen Ostaja", title: nil, phone: "040 123 4567",
                                       email: "ostaja@example.fi", isPrivate: true)]
        var tabled = ReportDecision(id: 4, body: "Kunnanhallitus", title: "Kaapelin sijoittamislupa", state: "approved")
        tabled.section = 41
        tabled.outcome = .tabled
        var secret = ReportDecision(id: 5, body: "Kunnanhallitus", title: "Henkilöstöasia", state: "decided")
        secret.section = 42
        secret.description = "Salainen selostus henkilön terveydentilasta."
        secret.decision = "Hyväksyttiin ehdotus."
        secret.outcome = .approved
        secret.secrecyBasis = "JulkL 24 § 1 mom. 25 k."
        var rejected = ReportDecision(id: 6, body: "Kunnanhallitus", title: "Avantouimareiden kuntarahoitus", state: "decided")
        rejected.section = 43
        rejected.outcome = .rejected
        rejected.total = Money(cents: 50_000)
        meeting.decisions = [voted, workedExample, disqualified, tabled, secret, rejected]
        return meeting
    }
}
