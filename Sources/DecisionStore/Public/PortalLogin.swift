public import Postgres

/// The login the public portal reads with: a member of `pykala_web`, which may read the
/// `pykala_public` views and nothing else (migration 0014). The portal refuses any other.
public enum PortalLogin {
    /// The login migration 0014 makes for the embedded default.
    public static let role = "pykala_portal"

    /// A login the portal must not use, and why.
    public struct Refused: Error, CustomStringConvertible {
        public let description: String
    }

    /// Throws ``Refused`` unless the connection's login is a member of pykala_web that can
    /// read no private table: not a superuser, no right on the `pykala` schema.
    public static func check(on connection: Connection) throws {
        let row: Row
        do {
            row = try connection.execute(
                """
                SELECT current_user::text AS login,
                       (SELECT rolsuper FROM pg_catalog.pg_roles WHERE rolname = current_user) AS superuser,
                       has_schema_privilege('pykala', 'USAGE') AS private_schema,
                       pg_has_role('pykala_web', 'USAGE') AS web
                """)[0]
        } catch let error as PostgresError {
            throw Refused(description: "the database has no public views yet (\(error.message))\nHint: Run `pykala db migrate` first.")
        }
        let login: String = try row.get("login")
        let fix = "Hint: Serve as `\(role)` (the embedded default does), or as a login that is only a member of pykala_web."
        if try row.get("superuser", as: Bool.self) {
            throw Refused(description: "the portal will not read as `\(login)`: a superuser can read everything\n\(fix)")
        }
        if try row.get("private_schema", as: Bool.self) {
            throw Refused(description: "the portal will not read as `\(login)`: it may read the private register (schema pykala)\n\(fix)")
        }
        if !(try row.get("web", as: Bool.self)) {
            throw Refused(description: "the portal cannot read as `\(login)`: it is not a member of pykala_web\n\(fix)")
        }
    }
}
