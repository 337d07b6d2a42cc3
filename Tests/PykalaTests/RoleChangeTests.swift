import DecisionStore
import Foundation
import Postgres
import PostgresTestSupport
import Testing

@Suite("a role change takes effect on the next command")
struct RoleChangeTests {
    @Test("a secretary whose role is revoked is refused on the next command, and accepted again when it is granted back")
    func revokeAndGrant() throws {
        let database = try TestPostgres.migratedDatabase()
        let example = TestPostgres.resources.root.appendingPathComponent("examples/ranua-2020-39.yaml").path
        #expect(try PykalaRun.run(["register", example, "--create-missing", "--database", database.conninfo]).status == 0)
        let login = try TestPostgres.loginRole("rolechange_\(UUID().uuidString.prefix(8).lowercased())", in: "pykala_secretary")
        let asLogin = ["--database", database.conninfo(as: login)]
        let admin = try database.connect()
        let first = try PykalaRun.run(["case", "open", "--class", "15.151", "--title", "Ensimmäinen"] + asLogin)
        #expect(first.status == 0, "\(first.stderr)")
        try admin.execute("REVOKE pykala_secretary FROM \(SQLIdentifier.quoted(login))")
        let refused = try PykalaRun.run(["case", "open", "--class", "15.151", "--title", "Toinen"] + asLogin)
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("your login has no pykala role that may do this"), "\(refused.stderr)")
        try admin.execute("GRANT pykala_secretary TO \(SQLIdentifier.quoted(login))")
        let again = try PykalaRun.run(["case", "open", "--class", "15.151", "--title", "Kolmas"] + asLogin)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try admin.execute("SELECT count(*) AS n FROM pykala.\"case\" WHERE title IN ('Ensimmäinen', 'Toinen', 'Kolmas')")[0].get("n", as: Int.self) == 2)
    }
}
