/// One event of a decision history as exports show it.
public struct HistoryRow: Sendable, Equatable {
    /// One changed field.
    public struct Change: Sendable, Equatable {
        public let field: String
        public let before: String
        public let after: String

        public init(field: String, before: String, after: String) {
            self.field = field
            self.before = before
            self.after = after
        }
    }

    public let seq: Int64
    /// ISO 8601 with the Helsinki offset.
    public let time: String
    public let actor: String
    /// The user a deputy acted for.
    public let onBehalfOf: String?
    public let diaryNumber: String?
    public let sectionReference: String?
    public let action: String
    public let fromState: String?
    public let toState: String?
    public let changes: [Change]
    public let comment: String?
    /// The event's hash, to match the export to a verified chain.
    public let hash: String

    public init(
        seq: Int64, time: String, actor: String, onBehalfOf: String?, diaryNumber: String?, sectionReference: String?,
        action: String, fromState: String?, toState: String?, changes: [Change], comment: String?, hash: String
    ) {
        self.seq = seq
        self.time = time
        self.actor = actor
        self.onBehalfOf = onBehalfOf
        self.diaryNumber = diaryNumber
        self.sectionReference = sectionReference
        self.action = action
        self.fromState = fromState
        self.toState = toState
        self.changes = changes
        self.comment = comment
        self.hash = hash
    }

    /// `field: before → after; …`, for one cell.
    public var changesText: String {
        changes.map { "\($0.field): \($0.before) → \($0.after)" }.joined(separator: "; ")
    }
}
