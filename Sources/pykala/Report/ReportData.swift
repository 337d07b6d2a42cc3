internal import DecisionStore
internal import Foundation
internal import Decisions
internal import Reports

/// Turns what DecisionStore reads into what Reports renders.
enum ReportData {
    static func decision(_ card: DecisionCard, item: MeetingView.Item? = nil) -> ReportDecision {
        var decision = ReportDecision(id: card.id, body: card.body, title: card.title, state: card.state)
        decision.diaryNumber = card.diaryNumber
        decision.meetingDate = card.meetingDate
        decision.section = item?.section ?? card.section
        decision.description = card.description
        decision.proposal = card.proposal
        decision.decision = card.decision
        decision.outcome = card.outcome.flatMap(Outcome.init(rawValue:))
        decision.total = card.total
        decision.shares = card.costShares.map { ReportDecision.Share(year: $0.year, amount: $0.amount, source: $0.source) }
        decision.deadlines = card.deadlines.compactMap { deadline in
            DeadlineKind(rawValue: deadline.kind).map {
                DecisionDocument.Deadline(kind: $0, date: deadline.date, text: deadline.text, done: deadline.done)
            }
        }
        decision.contacts = card.contacts.compactMap { contact in
            ContactRole(rawValue: contact.role).map {
                ReportDecision.Contact(
                    role: $0, name: contact.name, title: contact.title, phone: contact.phone, email: contact.email,
                    isPrivate: contact.isPrivate)
            }
        }
        decision.secrecyBasis = card.secrecyBasis
        if let item {
            decision.votes = item.votes.map {
                ReportDecision.Vote(
                    yesMotion: $0.yesMotion, noMotion: $0.noMotion, yes: $0.yes, no: $0.no, blank: $0.blank, absent: $0.absent,
                    yesWon: $0.result == "yes", decidedByChair: $0.decidedByChair)
            }
            decision.disqualified = item.disqualified
        }
        return decision
    }

    static func meeting(_ view: MeetingView, organization: String, cards: [DecisionCard]) throws -> ReportMeeting {
        let date = try CalendarDate(parsing: view.meeting.date)
        var meeting = ReportMeeting(organization: organization, body: view.meeting.body, date: date)
        meeting.number = view.meeting.number
        meeting.place = view.meeting.place
        meeting.attendees = view.attendance.map {
            ReportMeeting.Attendee(name: $0.person, role: $0.role, deputyFor: $0.deputyFor, arrived: $0.arrived, left: $0.left)
        }
        meeting.decisions = zip(view.agenda, cards).map { item, card in decision(card, item: item) }
        return meeting
    }

    static func history(_ entries: [Transitions.HistoryEntry]) -> [ReportHistoryEntry] {
        entries.map {
            ReportHistoryEntry(
                time: $0.at.formatted(.iso8601), action: $0.action, from: $0.from, to: $0.to,
                actor: $0.actor + ($0.onBehalfOf.map { " / \($0)" } ?? ""), comment: $0.comment)
        }
    }
}
