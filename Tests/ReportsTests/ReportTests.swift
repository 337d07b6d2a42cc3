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
        case .extract: values = context.single(ReportFixtures.workedExample, organization: "Ranuan kunta")
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
        let values = kind == .agenda || kind == .minutes
            ? context.meeting(meeting, digest: Self.digest) : context.single(decision, organization: evil)
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

    @Test("a missing template names the file searched")
    func missingTemplate() throws {
        let library = try #require(Self.library)
        let error = #expect(throws: ReportError.self) { try library.render([:], template: "minutes.de.html") }
        #expect(error?.message == "no template minutes.de.html.mustache in \(ReportFixtures.templates.path)")
    }
}
