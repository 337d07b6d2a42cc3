/// How a body disposed of a matter: a closed vocabulary (free text goes in the decision text).
public enum Outcome: String, Sendable, Codable, CaseIterable {
    case approved, approvedAfterVote = "approved_after_vote", amended, modified, rejected, noted, returned, tabled, removed,
        election
}

/// What a contact person does for a decision.
public enum ContactRole: String, Sendable, Codable, CaseIterable {
    case contactPerson = "contact_person", furtherInformation = "further_information", preparer, presenter
}

/// What a deadline is for.
public enum DeadlineKind: String, Sendable, Codable, CaseIterable {
    case replyBy = "reply_by", notifyBy = "notify_by", executeBy = "execute_by", appealEnds = "appeal_ends", other
}

/// What kind of body decides.
public enum BodyKind: String, Sendable, Codable, CaseIterable {
    case council, board, committee, officeHolder = "office-holder"
}

/// Whether a decision may be published, and if not, on what legal basis.
public enum Publicity: Hashable, Sendable {
    case `public`
    /// Secret, with its legal basis, e.g. `JulkL 24 § 1 mom. 25 k.`
    case secret(basis: String)
}

extension CaseIterable where Self: RawRepresentable, RawValue == String {
    /// `a, b or c`, for messages that say what was expected.
    static var choices: String {
        let values = allCases.map(\.rawValue)
        return values.dropLast().joined(separator: ", ") + (values.count > 1 ? " or " : "") + (values.last ?? "")
    }
}
