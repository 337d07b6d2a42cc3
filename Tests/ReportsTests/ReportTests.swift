import Decisions
import Foundation
import Reports
import Testing

@Suite("reports: agenda, minutes, extract, decision card in Finnish and Swedish")
struct ReportTests {
    static let library = try? TemplateLibrary(directory: ReportFixtures.templates)
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
    static let digest = (count: Int64(12), head: String(repeating: "ab", count: 32))

    static func context(_ language: ReportLanguage, public isPublic: Bool = false, today: String = "1.3.2020") -> ReportContext {
        ReportContext(language: language, isPublic: isPublic, today: ReportFixtures.day(today), published: ReportFixtures.day("2.3.2020"))
    }

    static func render(_ kind: ReportKind, _ language: ReportLanguage, _ format: ReportFormat, public isPublic: Bool = false,
                       today: String = "1.3.2020", meeting: ReportMeeting = ReportFixtures.meeting) throws -> String
    {
        let library = try #require(Self.library)
        let context = Self.context(language, public: isPublic, today: today)
        let values: [String: Any]
        switch kind {
        case .agenda: values = context.meeting(meeting, digest: nil)
        case .minutes: values = context.meeting(meeting, digest: digest)
        case .extract:
            values = context.single(
                ReportFixtures.workedExample, organization: "Ranuan kunta", recipients: ["Lapin ammattikorkeakoulu", "Anitta Jaakola"])
        case .commitments:
            values = context.commitments(
                CommitmentTable([
                    .init(year: 2020, column: "osastojen hallintomäärärahat", amount: Money(cents: 20_000)),
                    .init(year: 2021, column: "osastojen hallintomäärärahat", amount: Money(cents: 40_000)),
                    .init(year: 2022, column: "osastojen hallintomäärärahat", amount: Money(cents: 40_000)),
                    .init(year: 2021, column: "hyvinvointilautakunta 1010", amount: Money(cents: 1_250_050)),
                ]), organization: "Ranuan kunta", by: "source", filters: ["2020–2022"])
        case .deadlines:
            func item(_ id: Int64, _ kind: DeadlineKind, _ date: String, _ title: String) -> DeadlineItem {
                DeadlineItem(
                    id: id, kind: kind, date: ReportFixtures.day(date), text: nil, done: false, decisionID: id, decisionTitle: title,
                    body: "Kunnanhallitus", reference: "Kunnanhallitus/2020/§\(id)", organization: "Ranuan kunta")
            }
            values = context.deadlines([
                item(39, .replyBy, "20.2.2020", "Turvallisuus -hankeyhteistyöhön osallistuminen"),
                item(40, .executeBy, "3.3.2020", "Maa-alueen myynti"), item(41, .notifyBy, "5.3.2020", "Kaapelin sijoittamislupa"),
                item(42, .appealEnds, "23.3.2020", "Henkilöstöasia"),
            ], organization: "Ranuan kunta")
        case .decision:
            values = context.single(ReportFixtures.workedExample, organization: "Ranuan kunta", history: [
                .init(time: "2020-02-18T09:00:00Z", action: "submit", from: "draft", to: "proposed", actor: "sihteeri", comment: nil),
                .init(time: "2020-02-19T10:00:00Z", action: "approve", from: "proposed", to: "approved", actor: "kunnanjohtaja", comment: "ok"),
            ])
        }
        return try library.render(values, template: kind.template(language, format))
    }

    static let cases: [(ReportKind, ReportLanguage, ReportFormat)] = ReportKind.allCases.flatMap { kind in
        ReportLanguage.allCases.flatMap { language in ReportFormat.allCases.map { (kind, language, $0) } }
    }

    @Test("every report × language × format matches its golden file", arguments: cases)
    func golden(_ kind: ReportKind, _ language: ReportLanguage, _ format: ReportFormat) throws {
        let output = try Self.render(kind, language, format)
        let file = Self.golden.appendingPathComponent(kind.template(language, format))
        if ProcessInfo.processInfo.environment["PYKALA_UPDATE_GOLDEN"] == "1" {
            try output.write(to: file, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: file, encoding: .utf8)
        #expect(output == expected, "\(file.lastPathComponent) differs; review the change and rerun with PYKALA_UPDATE_GOLDEN=1")
    }

    @Test("the worked example's extract holds § 39, the amounts and the appeal end date, moved past the weekend")
    func extractFacts() throws {
        let text = try Self.render(.extract, .fi, .txt)
        for fact in ["§ 39", "2265/15.151/2020", "200,00 €", "400,00 €", "1 000,00 €", "Pöytäkirja julkaistaan 2.3.2020",
                     "tiedoksisaanti katsotaan tapahtuneen 9.3.2020", "oikaisuvaatimusaika päättyy 23.3.2020", "Oikaisuvaatimusviranomainen: Kunnanhallitus"] {
            #expect(text.contains(fact), "missing: \(fact)")
        }
        let swedish = try Self.render(.extract, .sv, .txt)
        #expect(swedish.contains("tiden för begäran om omprövning går ut 23.3.2020"))
    }

    @Test("preparatory outcomes get no appeal instructions")
    func noAppeal() throws {
        let minutes = try Self.render(.minutes, .fi, .txt)
        let returned = try #require(minutes.range(of: "Kännykkäkieltoa koskeva valtuustoaloite"))
        let next = try #require(minutes.range(of: "§ 39 Turvallisuus"))
        #expect(minutes[returned.upperBound..<next.lowerBound].contains("Tähän päätökseen ei saa hakea muutosta"))
    }

    @Test("every user text field is escaped in HTML", arguments: ReportKind.allCases)
    func escaping(_ kind: ReportKind) throws {
        let evil = "<script>alert(1)</script>"
        var meeting = ReportFixtures.meeting
        meeting.organization = evil
        meeting.place = evil
        meeting.attendees = [.init(name: evil, role: "member", deputyFor: evil, arrived: nil, left: nil)]
        var decision = ReportFixtures.workedExample
        decision.title = evil
        decision.description = evil
        decision.proposal = evil
        decision.decision = evil
        decision.diaryNumber = evil
        decision.shares = [.init(year: 2020, amount: Money(cents: 1), source: evil)]
        decision.deadlines = [.init(kind: .other, date: ReportFixtures.day("1.1.2020"), text: evil)]
        decision.contacts = [.init(role: .preparer, name: evil, title: evil, phone: "1 2 3", email: "a@b.fi", isPrivate: false)]
        decision.votes = [.init(yesMotion: evil, noMotion: evil, yes: 1, no: 0, blank: 0, absent: 0, yesWon: true, decidedByChair: false)]
        decision.disqualified = [evil]
        meeting.decisions = [decision]
        let library = try #require(Self.library)
        let context = Self.context(.fi)
        let values: [String: Any]
        switch kind {
        case .agenda, .minutes: values = context.meeting(meeting, digest: Self.digest)
        case .commitments: values = context.commitments(CommitmentTable([.init(year: 2020, column: evil, amount: Money(cents: 1))]), organization: evil, by: "source", filters: [evil])
        case .deadlines:
            values = context.deadlines([DeadlineItem(
                id: 1, kind: .other, date: ReportFixtures.day("2.3.2020"), text: evil, done: false, decisionID: 1, decisionTitle: evil,
                body: evil, reference: evil, organization: evil)], organization: evil)
        case .extract, .decision: values = context.single(decision, organization: evil)
        }
        let html = try library.render(values, template: kind.template(.fi, .html))
        #expect(!html.contains("<script>"))
        #expect(html.contains("&lt;script&gt;"))
    }

    @Test("public minutes hold neither the secret section's text nor a private person's contact data", arguments: ReportFormat.allCases)
    func publicMinutes(_ format: ReportFormat) throws {
        let internal_ = try Self.render(.minutes, .fi, format)
        let published = try Self.render(.minutes, .fi, format, public: true)
        for secret in ["Salainen selostus", "040 123 4567", "ostaja@example.fi"] {
            #expect(internal_.contains(secret))
            #expect(!published.contains(secret), "\(secret) in public \(format)")
        }
        #expect(published.contains("Henkilöstöasia"))
        #expect(published.contains("JulkL 24 § 1 mom. 25 k."))
        #expect(published.contains("Hyväksyttiin ehdotus."))
        #expect(published.contains("Yksityinen Ostaja"))
        let afterAppeal = try Self.render(.minutes, .fi, format, public: true, today: "1.6.2020")
        #expect(!afterAppeal.contains("Yksityinen Ostaja"))
        #expect(afterAppeal.contains("(yksityishenkilö)"))
    }

    @Test("commitments: years × sources with row and column totals; deadlines: the overdue, then week by week")
    func tables() throws {
        let commitments = try Self.render(.commitments, .fi, .md)
        #expect(commitments.contains("| 2021 | 12 500,50 € | 400,00 € | **12 900,50 €** |"))
        #expect(commitments.contains("| **Yhteensä** | **12 500,50 €** | **1 000,00 €** | **13 500,50 €** |"))
        let deadlines = try Self.render(.deadlines, .fi, .txt)
        #expect(deadlines.contains("Myöhässä\n----------------------------------------\n\n- 20.2.2020 Vastattava viimeistään"))
        #expect(deadlines.contains("Viikko 10/2020 (2.3.2020–8.3.2020)"))
        #expect(deadlines.contains("Viikko 13/2020 (23.3.2020–29.3.2020)"))
    }

    @Test("ISO weeks, around New Year too", arguments: [("1.1.2021", 2020, 53), ("4.1.2021", 2021, 1), ("31.12.2024", 2025, 1), ("2.3.2020", 2020, 10)])
    func isoWeeks(_ date: String, _ year: Int, _ week: Int) {
        let value = ReportFixtures.day(date).isoWeek
        #expect(value.year == year && value.week == week, "\(date): \(value)")
    }

    @Test("a missing template names the file searched")
    func missingTemplate() throws {
        let library = try #require(Self.library)
        let error = #expect(throws: ReportError.self) { try library.render([:], template: "minutes.de.html") }
        #expect(error?.message == "no template minutes.de.html.mustache in \(ReportFixtures.templates.path)")
    }
}
