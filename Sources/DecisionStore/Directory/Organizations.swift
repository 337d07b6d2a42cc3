public import Decisions
public import Postgres
public import Foundation

/// A municipality or welfare region in the register.
public struct Organization: Sendable, Equatable, Codable {
    public let id: Int64
    public let name: String
    public let nameSv: String?
    public let businessId: String?
}

/// An organization with what it holds, for `pykala org show`.
public struct OrganizationDetail: Sendable, Equatable, Encodable {
    public let organization: Organization
    public let bodies: [Body]
    public let people: Int
    public let cases: Int
    public let decisions: Int
    public let projects: Int
}

/// Adding and reading organizations.
public enum Organizations {
    public static func add(_ new: NewOrganization, request: UUID? = nil, on connection: Connection) throws -> Organization {
        try connection.callWriting(
            "SELECT pykala.add_organization($1, $2, $3) AS result", [new.name, new.nameSv, new.businessID],
            as: Organization.self, request: request)
    }

    public static func list(on connection: Connection) throws -> [Organization] {
        try StoreError.translating {
            try connection.execute("SELECT id, name, name_sv, business_id FROM pykala.organization ORDER BY name").map(organization)
        }
    }

    /// The organization named (Finnish or Swedish name), or the only one when `name` is nil:
    /// its own row only (``show(_:on:)`` also counts what it holds).
    public static func named(_ name: String?, on connection: Connection) throws -> Organization {
        try connection.reading { tx in
            let id = try tx.organizationID(name)
            return try organization(
                tx.execute("SELECT id, name, name_sv, business_id FROM pykala.organization WHERE id = $1", [id])[0])
        }
    }

    /// The organization named (Finnish or Swedish name), or the only one when `name` is nil.
    public static func show(_ name: String?, on connection: Connection) throws -> OrganizationDetail {
        try connection.reading { tx in
            let id = try tx.organizationID(name)
            let row = try tx.execute(
                """
                SELECT o.id, o.name, o.name_sv, o.business_id,
                       (SELECT count(*) FROM pykala.person WHERE organization_id = o.id) AS people,
                       (SELECT count(*) FROM pykala."case" WHERE organization_id = o.id) AS cases,
                       (SELECT count(*) FROM pykala.decision WHERE organization_id = o.id) AS decisions,
                       (SELECT count(*) FROM pykala.project WHERE organization_id = o.id) AS projects
                  FROM pykala.organization o WHERE o.id = $1
                """, [id])[0]
            return OrganizationDetail(
                organization: try organization(row), bodies: try Bodies.list(organizationID: id, on: tx),
                people: try row.get("people"), cases: try row.get("cases"), decisions: try row.get("decisions"),
                projects: try row.get("projects"))
        }
    }

    static func organization(_ row: Row) throws -> Organization {
        Organization(
            id: try row.get("id"), name: try row.get("name"), nameSv: try row.get("name_sv"), businessId: try row.get("business_id"))
    }
}
