import DecisionStore
import Foundation
import Postgres
import PostgresTestSupport
import Testing

/// Issue 9's authority check: every role tried against every write path (each VOLATILE
/// function of the schema) directly in SQL, not only through the CLI.
@Suite("authority: every role against every write path, in SQL")
struct AuthorityTests {
    /// Who may get past each write function's role check. A function not listed here fails
    /// the test: a new write path must say who may use it.
    static let allowed: [String: Set<String>] = [
        "add_body": ["secretary", "admin"], "add_organization": ["secretary", "admin"], "add_person": ["secretary", "admin"],
        "add_deputy": ["admin"], "attend": ["secretary", "admin"], "body_settings": ["secretary", "admin"],
        "disqualify": ["secretary", "admin"], "edit_draft": ["secretary", "admin"], "load_workflow": ["admin"],
        "new_meeting": ["secretary", "admin"], "open_case": ["secretary", "admin"], "put_on_agenda": ["secretary", "admin"],
        "record_outcome": ["secretary", "admin"], "record_vote": ["secretary", "admin"], "register_decisions": ["secretary", "admin"],
        "open_registration": ["secretary", "admin"], "register_staged_decisions": ["secretary", "admin"],
        "set_deadline_done": ["secretary", "admin"], "remember_request": ["secretary", "manager", "admin"],
        "record_user_added": ["admin"],
        // Which role may take which action is in the workflow (RoleMatrixTests); an auditor may take none.
        "transition": ["secretary", "manager", "admin"],
        // Internal: called by the functions above, never by a login.
        "append_event": [], "lock_on_agenda": [], "meeting_change": [], "person_for": [], "project_for": [], "record_case": [],
        "write_decision": [], "refuse_event_change": [], "lock_event_head": [],
        "seal_pending": [], "chain_payloads": [],
        // Chains events already committed before the caller reads the chain: it adds nothing, so every role may.
        "seal_events": ["secretary", "manager", "auditor", "admin"],
    ]
    static let roles = ["secretary", "manager", "auditor", "admin", "none"]

    @Test("each role passes exactly the role checks it should, calling each write function with empty arguments")
    func everyWritePath() throws {
        let database = try TestPostgres.migratedDatabase()
        let functions = try database.connect().execute(
            """
            SELECT p.proname AS name, p.pronargs AS arguments, p.prorettype = 'trigger'::regtype AS is_trigger
              FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
             WHERE n.nspname = 'pykala' AND p.provolatile = 'v' ORDER BY 1
            """)
        #expect(functions.count >= 25)
        var tried = 0
        for role in Self.roles {
            let login = try TestPostgres.loginRole("authority_\(role)_\(UUID().uuidString.prefix(8).lowercased())", in: role == "none" ? "pg_read_all_settings" : "pykala_\(role)")
            let connection = try database.connect(as: login)
            for function in functions {
                let name: String = try function.get("name")
                if try function.get("is_trigger", as: Bool.self) { continue }
                guard let allowed = Self.allowed[name] else {
                    Issue.record("pykala.\(name) is a write path the test does not know: say who may call it")
                    continue
                }
                let arguments = try function.get("arguments", as: Int.self)
                let call = "SELECT pykala.\(SQLIdentifier.quoted(name))(\(Array(repeating: "NULL", count: arguments).joined(separator: ", ")))"
                var refused = false
                var detail = "passed"
                try connection.execute("BEGIN")
                do {
                    try connection.execute(call)
                } catch let error as PostgresError {
                    detail = "\(error.sqlState?.code ?? "?"): \(error.message)"
                    refused = error.sqlState == .insufficientPrivilege || error.sqlState?.code == "PK401"
                }
                try connection.execute("ROLLBACK")
                tried += 1
                #expect(refused == !allowed.contains(role), "\(role) calling \(name): \(detail)")
            }
        }
        print("authority: \(tried) role × write-function calls checked")
    }
}
