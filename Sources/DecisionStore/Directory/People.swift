public import Decisions
public import Postgres
public import Foundation

/// A person: an official, whose work contacts are public, or a private person.
public struct Person: Sendable, Equatable, Codable {
    public let id: Int64
    public let name: String
    public let title: String?
    public let phone: String?
    public let email: String?
    public let `private`: Bool
}

/// A person with the decisions and projects that name them, for `pykala person show`.
public struct PersonDetail: Sendable, Equatable, Encodable {
    public struct Role: Sendable, Equatable, Encodable {
        public let role: String
        public let decision: DecisionSummary
    }
    public struct ProjectRole: Sendable, Equatable, Encodable {
        public let project: String
        public let responsibility: String?
    }

    public let person: Person
    public let decisions: [Role]
    public let projects: [ProjectRole]
}

/// Adding and reading people.
public enum People {
    public static func add(_ new: NewPerson, organization: String?, request: UUID? = nil, on connection: Connection) throws -> Person {
        try connection.callWriting(
            "SELECT pykala.add_person($1, $2, $3, $4, $5, $6) AS result",
            [organization, new.name, new.title, new.phone, new.email, new.isPrivate], as: Person.self, request: request)
    }

    /// Everyone, or those whose name or title contains `text` (case-insensitive).
    public static func list(organization: String?, matching text: String? = nil, on connection: Connection) throws -> [Person] {
        try connection.reading { tx in
            try tx.execute(
                """
                SELECT id, name, title, phone, email, is_private FROM pykala.person
                 WHERE organization_id = $1
                   AND ($2::text IS NULL OR strpos(lower(name || ' ' || coalesce(title, '')), lower($2)) > 0)
                 ORDER BY name, title NULLS FIRST, id
                """, [try tx.organizationID(organization), text]
            ).map(person)
        }
    }

    /// The person with this id or name; a name several people share is refused with their ids.
    public static func show(_ reference: String, organization: String?, on connection: Connection) throws -> PersonDetail {
        try connection.reading { tx in
            let organizationID = try tx.organizationID(organization)
            let rows = try tx.execute(
                """
                SELECT id, name, title, phone, email, is_private FROM pykala.person
                 WHERE organization_id = $1 AND (name = $2 OR id::text = $2) ORDER BY id
                """, [organizationID, reference.trimmingWhitespace()])
            guard let row = rows.first else {
                throw StoreError(
                    kind: .notFound, message: "no person is named \"\(reference)\"", hint: "`pykala person list` lists them.")
            }
            guard rows.count == 1 else {
                let ids = try rows.map { String(try $0.get("id", as: Int64.self)) }.joined(separator: ", ")
                throw StoreError(
                    kind: .conflict, message: "\(rows.count) people are named \"\(reference)\" (ids \(ids))",
                    hint: "Name one by its id.")
            }
            let person = try person(row)
            let roles = try tx.execute(
                "SELECT decision_id, role FROM pykala.contact WHERE person_id = $1 ORDER BY decision_id, position", [person.id])
            var filter = DecisionFilter()
            filter.ids = try roles.map { try $0.get("decision_id", as: Int64.self) }
            let summaries = try DecisionQueries.list(filter, organizationID: organizationID, on: tx)
            var decisions: [PersonDetail.Role] = []
            for row in roles {
                let id = try row.get("decision_id", as: Int64.self)
                if let summary = summaries.first(where: { $0.id == id }) {
                    decisions.append(PersonDetail.Role(role: try row.get("role"), decision: summary))
                }
            }
            let projects = try tx.execute(
                """
                SELECT p.name, pc.responsibility FROM pykala.project_contact pc JOIN pykala.project p ON p.id = pc.project_id
                 WHERE pc.person_id = $1 ORDER BY p.name
                """, [person.id]
            ).map { PersonDetail.ProjectRole(project: try $0.get("name"), responsibility: try $0.get("responsibility")) }
            return PersonDetail(person: person, decisions: decisions, projects: projects)
        }
    }

    static func person(_ row: Row) throws -> Person {
        Person(
            id: try row.get("id"), name: try row.get("name"), title: try row.get("title"), phone: try row.get("phone"),
            email: try row.get("email"), private: try row.get("is_private"))
    }
}
