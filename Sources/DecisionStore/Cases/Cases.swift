public import Decisions
public import Postgres
public import Foundation

/// A case (asia) with its diary number.
public struct Case: Sendable, Equatable, Codable {
    public let id: Int64
    public let diaryNumber: String
    public let running: Int?
    public let classification: String?
    public let year: Int?
    public let title: String?
}

/// Opening and listing cases.
public enum Cases {
    /// Opens a case: the next running number of the organization and year, allocated inside
    /// the database under a row lock (race-free, and gap-free because a failed call rolls
    /// its number back), or a number given as it is.
    public static func open(_ new: NewCase, organization: String?, request: UUID? = nil, on connection: Connection) throws -> Case {
        var classification: String?
        var year: Int?
        var given: PostgresJSON?
        switch new.number {
        case .next(let code, let numberYear):
            (classification, year) = (code, numberYear)
        case .given(let number):
            given = try PostgresJSON(encoding: GivenNumber(number), keys: .convertToSnakeCase)
        }
        return try connection.callWriting(
            "SELECT pykala.open_case($1, $2, $3, $4, $5::jsonb) AS result", [organization, classification, new.title, year, given],
            as: Case.self, request: request)
    }

    /// The organization's cases, newest number first; only `year`'s when given.
    public static func list(organization: String?, year: Int? = nil, on connection: Connection) throws -> [Case] {
        try connection.reading { tx in
            try tx.execute(
                """
                SELECT id, diary_number, running, classification, year, title FROM pykala."case"
                 WHERE organization_id = $1 AND ($2::integer IS NULL OR year = $2)
                 ORDER BY year DESC NULLS LAST, running DESC NULLS LAST, diary_number
                """, [try tx.organizationID(organization), year]
            ).map { row in
                Case(
                    id: try row.get("id"), diaryNumber: try row.get("diary_number"), running: try row.get("running"),
                    classification: try row.get("classification"), year: try row.get("year"), title: try row.get("title"))
            }
        }
    }

    /// A given number as `pykala.open_case` and `pykala.record_case` take it.
    private struct GivenNumber: Encodable {
        let diaryNumber: String
        let running: Int?
        let classification: String?
        let year: Int?

        init(_ number: DiaryNumber) {
            diaryNumber = number.description
            if case .structured(let running, let classification, let year) = number {
                (self.running, self.classification, self.year) = (running, classification, year)
            } else {
                (running, classification, year) = (nil, nil, nil)
            }
        }
    }
}
