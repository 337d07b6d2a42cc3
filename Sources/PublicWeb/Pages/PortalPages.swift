internal import DecisionStore
internal import Decisions
internal import Foundation
internal import Reports
internal import HTTPTypes

/// The portal's HTML pages: the report templates' sections (`_section`, `_appeal`) inside
/// `portal-*.LANG.html` pages, with the public rules applied once more by ``ReportContext``.
struct PortalPages: Sendable {
    let templates: TemplateLibrary

    func home(_ language: PortalLanguage, bodies: [PublicRecords.Body]) throws -> String {
        try render("portal-home", language, path: "", [
            "bodies": bodies.map { body(language, $0) },
        ])
    }

    func body(
        _ language: PortalLanguage, _ body: PublicRecords.Body, years: [Int], year: Int?, meetings: [PublicRecords.Meeting]
    ) throws -> String {
        var context: [String: Any] = [
            "body": self.body(language, body),
            "years": years.sorted(by: >).map { ["year": String($0), "current": $0 == year] },
            "meetings": meetings.map { meeting(language, $0) },
        ]
        context["year"] = year.map(String.init)
        return try render("portal-body", language, path: "bodies/\(body.id)" + (year.map { "?year=\($0)" } ?? ""), context)
    }

    func meeting(_ language: PortalLanguage, _ meeting: PublicRecords.Meeting, decisions: [PublicRecords.Decision]) throws -> String {
        let published = Self.helsinkiDate(meeting.minutesPublishedAt)
        var report = ReportMeeting(
            organization: decisions.first?.organization ?? "", body: name(language, meeting.policymakerName, meeting.policymakerNameSv),
            date: try CalendarDate(parsing: meeting.date))
        report.number = meeting.number
        report.place = meeting.location
        report.decisions = decisions.map(Self.reportDecision)
        var context = try reportContext(language, published: published).meeting(report, digest: nil)
        context["meeting"] = self.meeting(language, meeting)
        if var sections = context["sections"] as? [[String: Any]] {
            for index in sections.indices { sections[index]["link"] = "/\(language.rawValue)/decisions/\(decisions[index].id)" }
            context["sections"] = sections
        }
        return try render("portal-meeting", language, path: "meetings/\(meeting.id)", context)
    }

    func decision(_ language: PortalLanguage, _ decision: PublicRecords.Decision) throws -> String {
        var context = try reportContext(language, published: Self.helsinkiDate(decision.publishedAt))
            .single(Self.reportDecision(decision), organization: decision.organization)
        context["appeal_ends"] = decision.appealPeriodEnds.flatMap { try? CalendarDate(parsing: $0).description }
        context["published"] = Self.helsinkiDate(decision.publishedAt)?.description
        context["meeting_link"] = decision.meeting.map { "/\(language.rawValue)/meetings/\($0)" }
        context["body_link"] = "/\(language.rawValue)/bodies/\(decision.policymaker)"
        context["json_link"] = "/api/v1/decisions/\(decision.id)"
        context["case_decisions"] = decision.caseDecisions.map { other -> [String: Any] in
            var row: [String: Any] = ["link": "/\(language.rawValue)/decisions/\(other.id)", "body": other.policymakerName, "title": other.subject]
            row["date"] = other.date.flatMap { try? CalendarDate(parsing: $0).description }
            row["section"] = other.index.map { "§ \($0)" }
            return row
        }
        if !decision.earlierHandlings.isEmpty {
            context["earlier_handlings"] = decision.earlierHandlings.map { handling -> [String: Any] in
                var row: [String: Any] = ["body": handling.body]
                row["date"] = (try? CalendarDate(parsing: handling.date))?.description ?? handling.date
                row["section"] = handling.section.map { "§ \($0)" }
                return row
            }
        }
        return try render("portal-decision", language, path: "decisions/\(decision.id)", context)
    }

    func search(
        _ language: PortalLanguage, text: String?, body: Int64?, year: Int?, outcome: String?, bodies: [PublicRecords.Body],
        results: [PublicRecords.Decision], next: String?
    ) throws -> String {
        var context: [String: Any] = [
            "bodies": bodies.map { item -> [String: Any] in
                var row = self.body(language, item)
                row["selected"] = item.id == body
                return row
            },
            "outcomes": Outcome.allCases.map { ["value": $0.rawValue, "selected": $0.rawValue == outcome] },
            "results": results.map { decision -> [String: Any] in
                var row: [String: Any] = [
                    "link": "/\(language.rawValue)/decisions/\(decision.id)", "title": decision.subject,
                    "body": name(language, decision.policymakerName, decision.policymakerNameSv),
                ]
                row["date"] = decision.date.flatMap { try? CalendarDate(parsing: $0).description }
                row["section"] = decision.index.map { "§ \($0)" }
                row["outcome"] = decision.resolution
                return row
            },
            "searched": text != nil || body != nil || year != nil || outcome != nil,
        ]
        context["q"] = text
        context["year"] = year.map(String.init)
        if let next {
            var query = URLComponents()
            query.queryItems = [
                text.map { URLQueryItem(name: "q", value: $0) }, body.map { URLQueryItem(name: "body", value: String($0)) },
                year.map { URLQueryItem(name: "year", value: String($0)) }, outcome.map { URLQueryItem(name: "outcome", value: $0) },
                URLQueryItem(name: "cursor", value: next),
            ].compactMap { $0 }
            context["next"] = "/\(language.rawValue)/search?" + (query.percentEncodedQuery ?? "")
        }
        return try render("portal-search", language, path: "search", context)
    }

    func error(_ language: PortalLanguage, _ problem: Problem) throws -> String {
        let code = problem.status.code
        return try render("portal-error", language, path: "", [
            "status": String(code), "detail": problem.detail, "not_found": code == 404, "bad_request": code == 400,
            "server_error": code >= 500,
        ])
    }

    // MARK: - Parts

    private func render(_ page: String, _ language: PortalLanguage, path: String, _ context: [String: Any]) throws -> String {
        var context = context
        let other: PortalLanguage = language == .fi ? .sv : .fi
        context["lang"] = language.rawValue
        context["home"] = "/\(language.rawValue)/"
        context["other_lang"] = other.rawValue
        context["other_link"] = "/\(other.rawValue)/" + path
        return try templates.render(context, template: "\(page).\(language.rawValue).html")
    }

    private func body(_ language: PortalLanguage, _ body: PublicRecords.Body) -> [String: Any] {
        [
            "id": String(body.id), "name": name(language, body.name, body.nameSv), "organization": body.organization,
            "link": "/\(language.rawValue)/bodies/\(body.id)", "feed": "/api/v1/bodies/\(body.id)/feed.atom",
        ]
    }

    private func meeting(_ language: PortalLanguage, _ meeting: PublicRecords.Meeting) -> [String: Any] {
        var row: [String: Any] = [
            "link": "/\(language.rawValue)/meetings/\(meeting.id)",
            "body": name(language, meeting.policymakerName, meeting.policymakerNameSv),
            "date": (try? CalendarDate(parsing: meeting.date))?.description ?? meeting.date,
            "sections": String(meeting.agendaItemCount),
        ]
        row["number"] = meeting.number
        row["place"] = meeting.location
        row["published"] = Self.helsinkiDate(meeting.minutesPublishedAt)?.description
        row["appeal_ends"] = meeting.appealPeriodEnds.flatMap { try? CalendarDate(parsing: $0).description }
        return row
    }

    /// The Swedish name on Swedish pages when there is one.
    private func name(_ language: PortalLanguage, _ finnish: String, _ swedish: String?) -> String {
        language == .sv ? swedish ?? finnish : finnish
    }

    private func reportContext(_ language: PortalLanguage, published: CalendarDate?) throws -> ReportContext {
        ReportContext(language: language == .sv ? .sv : .fi, isPublic: true, today: try Self.today(), published: published)
    }

    static func reportDecision(_ record: PublicRecords.Decision) -> ReportDecision {
        var decision = ReportDecision(id: record.id, body: record.policymakerName, title: record.subject, state: "published")
        decision.diaryNumber = record.registerId
        decision.meetingDate = record.date.flatMap { try? CalendarDate(parsing: $0) }
        decision.section = record.index
        decision.description = record.content
        decision.proposal = record.proposal
        decision.decision = record.decisionText
        decision.outcome = record.resolution.flatMap(Outcome.init(rawValue:))
        decision.total = record.totalCents.map { Money(cents: $0) }
        decision.shares = record.costShares.map { ReportDecision.Share(year: $0.year, amount: Money(cents: $0.amountCents), source: $0.source) }
        decision.deadlines = record.deadlines.compactMap { deadline in
            guard let kind = DeadlineKind(rawValue: deadline.kind), let date = try? CalendarDate(parsing: deadline.date) else { return nil }
            return DecisionDocument.Deadline(kind: kind, date: date, text: deadline.text, done: deadline.done)
        }
        decision.contacts = record.contacts.compactMap { contact in
            ContactRole(rawValue: contact.role).map {
                ReportDecision.Contact(
                    role: $0, name: contact.name, title: contact.title, phone: contact.phone, email: contact.email, isPrivate: contact.private)
            }
        }
        decision.votes = record.votes.map {
            ReportDecision.Vote(
                yesMotion: $0.yesMotion, noMotion: $0.noMotion, yes: $0.yes, no: $0.no, blank: $0.blank, absent: $0.absent,
                yesWon: $0.result == "yes", decidedByChair: $0.decidedByChair)
        }
        decision.disqualified = record.disqualified.map { "\($0.name) (\($0.ground))" }
        decision.secrecyBasis = record.secrecyBasis
        return decision
    }

    // MARK: - Dates

    private static var helsinki: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Helsinki") ?? calendar.timeZone
        return calendar
    }

    static func today() throws(Problem) -> CalendarDate {
        guard let today = date(Date()) else {
            throw Problem(.internalServerError, "Server error", detail: "the server's clock is outside the years 1900–2199")
        }
        return today
    }

    static func date(_ instant: Date) -> CalendarDate? {
        let parts = helsinki.dateComponents([.year, .month, .day], from: instant)
        return parts.year.flatMap { year in CalendarDate(year: year, month: parts.month ?? 1, day: parts.day ?? 1) }
    }

    /// The day in Helsinki of a view's UTC timestamp.
    static func helsinkiDate(_ timestamp: String) -> CalendarDate? {
        HTTPDate.timestamp(timestamp).flatMap(date)
    }
}
