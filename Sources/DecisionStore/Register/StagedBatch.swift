internal import Decisions
internal import Postgres

/// A batch of decision documents as rows of `pykala.open_registration`'s staging tables, in
/// COPY's text format: one row a document, and one a cost share, deadline and contact, each
/// with its document's number `n` and its position in the document (from 0).
struct StagedBatch: Sendable {
    /// A staging table's COPY statement and its rows.
    struct Table: Sendable {
        let copy: String
        fileprivate(set) var rows: [UInt8] = []
    }

    private(set) var documents = Table(
        copy: """
            COPY pg_temp.staged_document (n, organization, body, diary_number, running, classification, case_year,
              case_title, meeting_date, section, title, project, description, proposal, decision, outcome, vote,
              disqualified, earlier_handlings, total_cents, secrecy_basis) FROM STDIN
            """)
    private(set) var costShares = Table(
        copy: "COPY pg_temp.staged_cost_share (n, position, year, amount_cents, source) FROM STDIN")
    private(set) var deadlines = Table(
        copy: "COPY pg_temp.staged_deadline (n, position, kind, due_date, text, done) FROM STDIN")
    private(set) var contacts = Table(
        copy: "COPY pg_temp.staged_contact (n, position, role, name, title, phone, email, private) FROM STDIN")

    /// The tables in the order they are copied.
    var tables: [Table] { [documents, costShares, deadlines, contacts] }

    /// `documents`, numbered from 1 in their order. Throws for text COPY cannot carry (a NUL).
    init(_ documents: some Collection<DecisionDocument>) throws {
        for (index, document) in documents.enumerated() {
            try append(NormalizedDocument(document), number: String(index + 1))
        }
    }

    private mutating func append(_ document: NormalizedDocument, number n: String) throws {
        let info = document.case
        try CopyText.appendRow(
            [
                n, document.organization, document.body, info?.diaryNumber, info?.running.map(String.init),
                info?.classification, info?.year.map(String.init), info?.title, document.meetingDate,
                document.section.map(String.init), document.title, document.projectJSON, document.description,
                document.proposal, document.decision, document.outcome, document.voteJSON,
                document.disqualified.isEmpty ? nil : document.disqualifiedJSON,
                document.earlierHandlings.isEmpty ? nil : document.earlierHandlingsJSON,
                document.totalCents.map(String.init), document.secrecyBasis,
            ], to: &documents.rows, statement: documents.copy)
        for (position, share) in document.costShares.enumerated() {
            try CopyText.appendRow(
                [n, String(position), String(share.year), String(share.amountCents), share.source],
                to: &costShares.rows, statement: costShares.copy)
        }
        for (position, deadline) in document.deadlines.enumerated() {
            try CopyText.appendRow(
                [n, String(position), deadline.kind, deadline.date, deadline.text, deadline.done ? "t" : "f"],
                to: &deadlines.rows, statement: deadlines.copy)
        }
        for (position, contact) in document.contacts.enumerated() {
            try CopyText.appendRow(
                [n, String(position), contact.role, contact.name, contact.title, contact.phone, contact.email,
                 contact.private ? "t" : "f"],
                to: &contacts.rows, statement: contacts.copy)
        }
    }
}

extension Connection {
    /// Copies `batch` into the staging tables `pykala.open_registration()` made on this connection.
    func stage(_ batch: StagedBatch) throws {
        for table in batch.tables where !table.rows.isEmpty {
            try copyIn(table.copy) { try $0.write(table.rows) }
        }
    }
}
