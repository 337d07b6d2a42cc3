public import Decisions

extension HistoryRow {
    /// The row for one event. With `public`, a private person's phone and e-mail are left
    /// out (secret decisions are left out whole by the caller).
    public init(
        event: AuditEvent, hash: String, localTime: String?, diaryNumber: String?, sectionReference: String?, public isPublic: Bool
    ) {
        let isPrivatePerson = event.changes["private"]?.after == .bool(true)
        let changes = event.changes.keys.sorted().compactMap { field -> Change? in
            if isPublic, isPrivatePerson, field == "phone" || field == "email" { return nil }
            guard let change = event.changes[field] else { return nil }
            return Change(field: field, before: change.before?.displayText ?? "", after: change.after?.displayText ?? "")
        }
        self.init(
            seq: event.seq, time: localTime ?? event.at, actor: event.actor, onBehalfOf: event.onBehalfOf, diaryNumber: diaryNumber,
            sectionReference: sectionReference, action: event.kind, fromState: event.from, toState: event.to, changes: changes,
            comment: event.comment, hash: hash)
    }
}
