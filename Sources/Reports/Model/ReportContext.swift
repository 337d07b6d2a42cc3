public import Decisions

/// Turns report inputs into what the templates see: dictionaries of text, Finnish-style
/// dates (`24.2.2020`), money (`1 000,00 €`) and § (`§ 39`), and the publicity rules applied.
public struct ReportContext: Sendable {
    public let language: ReportLanguage
    /// Apply DESIGN.md "Publication": secret sections as title, decision and legal basis
    /// only; no private person's contact data; after the appeal period, no private names.
    public let isPublic: Bool
    /// Today, for "after the appeal period".
    public let today: CalendarDate
    /// When the minutes were (or will be) published, for the appeal dates; nil leaves them out.
    public let published: CalendarDate?

    public init(language: ReportLanguage, isPublic: Bool, today: CalendarDate, published: CalendarDate?) {
        self.language = language
        self.isPublic = isPublic
        self.today = today
        self.published = published
    }

    /// The same context with another publication date.
    public func published(_ date: CalendarDate?) -> ReportContext {
        ReportContext(language: language, isPublic: isPublic, today: today, published: date)
    }

    /// The appeal period from the publication date, when known.
    var appealPeriod: AppealPeriod? { published.flatMap { AppealPeriod(published: $0) } }

    func decision(_ decision: ReportDecision) -> [String: Any] {
        let secretInPublic = isPublic && decision.secrecyBasis != nil
        let appealOver = appealPeriod.map { today > $0.lastDay } ?? false
        var context: [String: Any] = [
            "id": String(decision.id),
            "body": decision.body,
            "title": decision.title,
            "state": decision.state,
        ]
        context["diary_number"] = decision.diaryNumber
        context["meeting_date"] = decision.meetingDate?.description
        context["section"] = decision.section.map { "§ \($0)" }
        context["decision"] = decision.decision
        context["outcome"] = decision.outcome.map { Vocabulary.outcome($0, language) }
        context["secrecy_basis"] = decision.secrecyBasis
        context["secret"] = decision.secrecyBasis != nil
        if !secretInPublic {
            context["description"] = decision.description
            context["proposal"] = decision.proposal
            context["total"] = decision.total?.description
            let shares = decision.shares.map { share -> [String: Any] in
                var row: [String: Any] = ["year": String(share.year), "amount": share.amount.description]
                row["source"] = share.source
                return row
            }
            if !shares.isEmpty { context["shares"] = shares }
            let deadlines = decision.deadlines.map { deadline -> [String: Any] in
                var row: [String: Any] = ["date": deadline.date.description, "kind": Vocabulary.deadline(deadline.kind, language)]
                row["text"] = deadline.text
                if deadline.done { row["done"] = true }
                return row
            }
            if !deadlines.isEmpty { context["deadlines"] = deadlines }
            let contacts = decision.contacts.map { contact -> [String: Any] in
                var row: [String: Any] = ["role": Vocabulary.contactRole(contact.role, language)]
                let hidden = isPublic && contact.isPrivate
                row["name"] = hidden && appealOver ? Vocabulary.privatePerson(language) : contact.name
                row["title"] = contact.title
                if !hidden {
                    row["phone"] = contact.phone
                    row["email"] = contact.email
                }
                return row
            }
            if !contacts.isEmpty { context["contacts"] = contacts }
            let votes = decision.votes.map { vote -> [String: Any] in
                [
                    "yes_motion": vote.yesMotion, "no_motion": vote.noMotion, "yes": String(vote.yes), "no": String(vote.no),
                    "blank": String(vote.blank), "absent": String(vote.absent),
                    "winner": vote.yesWon ? vote.yesMotion : vote.noMotion, "decided_by_chair": vote.decidedByChair,
                ]
            }
            if !votes.isEmpty { context["votes"] = votes }
            if !decision.disqualified.isEmpty { context["disqualified"] = decision.disqualified }
        }
        context["appeal"] = appeal(for: decision)
        return context
    }

    /// Which instructions fit the outcome: none for decisions that only concern preparation
    /// (returned, tabled, removed, noted: kuntalaki 136 §), otherwise a request for
    /// rectification within 14 days of notice (kuntalaki 134 §), with the dates when known.
    func appeal(for decision: ReportDecision) -> [String: Any] {
        let preparatory: Set<Outcome> = [.returned, .tabled, .removed, .noted]
        guard let outcome = decision.outcome, !preparatory.contains(outcome) else { return ["none": true] }
        var appeal: [String: Any] = ["rectification": true, "body": decision.body]
        if let period = appealPeriod {
            appeal["published"] = period.published.description
            appeal["notice"] = period.presumedNotice.description
            appeal["last_day"] = period.lastDay.description
            appeal["moved_from"] = period.movedFrom?.description
            appeal["moved_because"] = period.movedBecause
        }
        return appeal
    }

    public func meeting(_ meeting: ReportMeeting, digest: (count: Int64, head: String)?) -> [String: Any] {
        var context: [String: Any] = [
            "lang": language.rawValue,
            "organization": meeting.organization,
            "body": meeting.body,
            "date": meeting.date.description,
            "sections": meeting.decisions.map(decision),
        ]
        context["number"] = meeting.number
        context["place"] = meeting.place
        let attendees = meeting.attendees.map { attendee -> [String: Any] in
            var row: [String: Any] = ["name": attendee.name, "role": Vocabulary.attendance(attendee.role, language)]
            row["deputy_for"] = attendee.deputyFor
            row["arrived"] = attendee.arrived.map { "§ \($0)" }
            row["left"] = attendee.left.map { "§ \($0)" }
            return row
        }
        if !attendees.isEmpty { context["attendees"] = attendees }
        if let digest { context["digest"] = ["events": String(digest.count), "head": digest.head] }
        return context
    }

    /// One decision: the extract (with `recipients`, the parties it is sent to) or the card (with its history).
    public func single(
        _ decision: ReportDecision, organization: String, history: [ReportHistoryEntry] = [], recipients: [String] = []
    ) -> [String: Any] {
        var context: [String: Any] = ["lang": language.rawValue, "organization": organization, "decision": self.decision(decision)]
        if !recipients.isEmpty { context["recipients"] = recipients }
        if !history.isEmpty {
            context["history"] = history.map { entry -> [String: Any] in
                var row: [String: Any] = ["time": entry.time, "action": entry.action, "to": entry.to, "actor": entry.actor]
                row["from"] = entry.from
                row["comment"] = entry.comment
                return row
            }
        }
        return context
    }

    /// The commitments table: `by` names the columns (funding source or project).
    public func commitments(_ table: CommitmentTable, organization: String, by: String, filters: [String]) -> [String: Any] {
        [
            "lang": language.rawValue, "organization": organization, "by_project": by == "project",
            "filters": filters.joined(separator: ", "),
            "columns": table.columns.map { ["name": $0.isEmpty ? "—" : $0] },
            "rows": table.years.map { year -> [String: Any] in
                [
                    "year": String(year),
                    "cells": table.columns.map { ["amount": table.cells[year]?[$0]?.description ?? ""] },
                    "total": table.yearTotals[year]?.description ?? "",
                ]
            },
            "column_totals": table.columns.map { ["amount": table.columnTotals[$0]?.description ?? ""] },
            "total": table.total.description,
            "empty": table.years.isEmpty,
        ]
    }

    /// Deadlines grouped: the overdue first, then week by week (ISO weeks, Monday to Sunday).
    public func deadlines(_ items: [DeadlineItem], organization: String) -> [String: Any] {
        let overdue = items.filter { !$0.done && $0.date < today }
        let upcoming = items.filter { !$0.done && $0.date >= today }
        var weeks: [(key: String, from: CalendarDate, items: [DeadlineItem])] = []
        for item in upcoming.sorted(by: { $0.date < $1.date }) {
            let week = item.date.isoWeek
            let key = "\(week.week)/\(week.year)"
            if weeks.last?.key == key { weeks[weeks.count - 1].items.append(item) } else { weeks.append((key, item.date.monday, [item])) }
        }
        func row(_ item: DeadlineItem) -> [String: Any] {
            var row: [String: Any] = [
                "date": item.date.description, "kind": Vocabulary.deadline(item.kind, language), "title": item.decisionTitle,
                "days": String(item.daysLeft(from: today)),
            ]
            row["reference"] = item.reference
            row["text"] = item.text
            return row
        }
        var context: [String: Any] = [
            "lang": language.rawValue, "organization": organization, "today": today.description,
            "weeks": weeks.map { week -> [String: Any] in
                [
                    "week": week.key, "from": week.from.description, "to": (week.from.adding(days: 6) ?? week.from).description,
                    "items": week.items.map(row),
                ]
            },
        ]
        if !overdue.isEmpty { context["overdue"] = overdue.map(row) }
        if weeks.isEmpty && overdue.isEmpty { context["empty"] = true }
        return context
    }
}
