/// One event of the audit trail, as its hashed payload records it (docs/audit.md).
public struct AuditEvent: Sendable, Equatable, Codable {
    /// One changed field: its value before and after.
    public struct Change: Sendable, Equatable, Codable {
        public let before: JSONValue?
        public let after: JSONValue?

        public init(before: JSONValue?, after: JSONValue?) {
            self.before = before
            self.after = after
        }
    }

    /// Position in the chain, from 1, without gaps.
    public let seq: Int64
    /// When, in UTC: `2026-11-25T08:00:00.123456Z`.
    public let at: String
    /// The PostgreSQL login that made the change (`session_user`).
    public let actor: String
    /// The user a deputy acted for.
    public let onBehalfOf: String?
    /// What happened: `registered`, `edited`, a workflow action such as `approve`, `deadline_done`, …
    public let kind: String
    public let organizationId: Int64?
    public let decisionId: Int64?
    public let from: String?
    public let to: String?
    public let comment: String?
    public let changes: [String: Change]

    public init(
        seq: Int64, at: String, actor: String, onBehalfOf: String?, kind: String, organizationId: Int64?, decisionId: Int64?,
        from: String?, to: String?, comment: String?, changes: [String: Change]
    ) {
        self.seq = seq
        self.at = at
        self.actor = actor
        self.onBehalfOf = onBehalfOf
        self.kind = kind
        self.organizationId = organizationId
        self.decisionId = decisionId
        self.from = from
        self.to = to
        self.comment = comment
        self.changes = changes
    }
}
