public import Decisions
public import Postgres
public import Foundation

/// A PostgreSQL login that uses pykala, and its pykala roles.
public struct User: Sendable, Equatable, Codable {
    public let name: String
    public let roles: [String]
}

/// Users are PostgreSQL login roles in the pykala group roles: the server authenticates
/// them (passwords, `.pgpass`, TLS, LDAP, GSSAPI per `pg_hba.conf`), and the actor of
/// every change is the login itself (`session_user`).
public enum Users {
    /// Creates the login, as the caller: PostgreSQL lets only roles with CREATEROLE do it,
    /// and pykala lets only admins (who are created with CREATEROLE).
    public static func add(_ new: NewUser, request: UUID? = nil, on connection: Connection) throws -> User {
        try StoreError.translating {
            try connection.withTransaction { tx in
                if let request,
                    let earlier = try tx.execute("SELECT pykala.recall_request($1, 'add_user') AS result", [request])[0]
                        .get("result", as: PostgresJSON?.self)
                {
                    return try earlier.decode(User.self)
                }
                let roles = try tx.execute("SELECT array_to_json(pykala.caller_roles()) AS roles")[0].decodeJSON("roles", as: [String].self)
                guard roles.contains("admin") else {
                    let who = try tx.execute("SELECT session_user AS me")[0].get("me", as: String.self)
                    throw StoreError(
                        kind: .forbidden,
                        message: "only an admin may add users; you are \(roles.isEmpty ? "without a pykala role," : roles.joined(separator: " and ")) `\(who)`",
                        hint: "Ask an admin.")
                }
                if !(try tx.execute("SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = $1", [new.name]).isEmpty) {
                    throw StoreError(kind: .conflict, message: "a PostgreSQL role \"\(new.name)\" already exists", hint: "Choose another name.")
                }
                // Identifiers cannot be parameters; the name is checked by NewUser and quoted.
                let createRole = new.role == .admin ? " CREATEROLE" : ""
                try tx.execute(
                    "CREATE ROLE \(SQLIdentifier.quoted(new.name)) LOGIN\(createRole) IN ROLE \(SQLIdentifier.quoted("pykala_\(new.role.rawValue)"))")
                try tx.execute("SELECT pykala.record_user_added($1, $2)", [new.name, new.role.rawValue])
                let user = User(name: new.name, roles: [new.role.rawValue])
                if let request {
                    try tx.execute(
                        "SELECT pykala.remember_request($1, 'add_user', $2::json)", [request, try PostgresJSON(encoding: user)])
                }
                return user
            }
        }
    }

    /// Every login in a pykala group role, with those roles.
    public static func list(on connection: Connection) throws -> [User] {
        try StoreError.translating {
            try connection.execute(
                """
                SELECT r.rolname AS name, array_to_json(array_agg(substr(g.rolname, 8) ORDER BY g.rolname)) AS roles
                  FROM pg_catalog.pg_roles r
                  JOIN pg_catalog.pg_auth_members m ON m.member = r.oid
                  JOIN pg_catalog.pg_roles g ON g.oid = m.roleid
                 WHERE r.rolcanlogin AND g.rolname IN ('pykala_secretary', 'pykala_manager', 'pykala_auditor', 'pykala_admin')
                 GROUP BY r.rolname ORDER BY r.rolname
                """
            ).map { User(name: try $0.get("name"), roles: try $0.decodeJSON("roles")) }
        }
    }

    /// A deputy arrangement.
    public struct Deputy: Sendable, Equatable, Codable {
        public let id: Int64
        public let deputy: String
        public let `for`: String
        public let from: String
        public let to: String
    }

    /// Lets `deputy` take the actions of `for` from `from` to `to` (both included).
    public static func addDeputy(
        _ deputy: String, for person: String, from: CalendarDate, to: CalendarDate, organization: String?, request: UUID? = nil, on connection: Connection
    ) throws -> Deputy {
        guard from <= to else {
            throw StoreError(kind: .invalid, message: "--to \(to) is before --from \(from)", hint: "Give the period in order.")
        }
        return try connection.callWriting(
            "SELECT pykala.add_deputy($1, $2, $3, $4::date, $5::date) AS result",
            [organization, deputy, person, from.iso, to.iso], as: Deputy.self, request: request)
    }

    public static func deputies(organization: String?, on connection: Connection) throws -> [Deputy] {
        try connection.reading { tx in
            try tx.execute(
                """
                SELECT id, deputy_login, for_login, valid_from::text AS valid_from, valid_to::text AS valid_to
                  FROM pykala.deputy WHERE organization_id = $1 ORDER BY valid_from, id
                """, [try tx.organizationID(organization)]
            ).map {
                Deputy(
                    id: try $0.get("id"), deputy: try $0.get("deputy_login"), for: try $0.get("for_login"),
                    from: try $0.get("valid_from"), to: try $0.get("valid_to"))
            }
        }
    }
}
