import DecisionStore
import Decisions
import Postgres
import PostgresTestSupport
import Testing

@Suite("who may do what: every role × action × state, as plain SQL")
struct RoleMatrixTests {
    let connection: Connection
    let workflow: WorkflowDefinition
    static let roles: [WorkflowRole] = [.secretary, .manager, .auditor, .admin]

    init() throws {
        connection = try TestPostgres.migratedDatabase().connect()
        try DecisionRegistry.register([try RegisterTests.workedExample()], createMissing: true, on: connection)
        try TransitionTests.loadCouncil(on: connection)
        workflow = try Workflows.latest("council-decision", organization: nil, on: connection).definition
        for role in Self.roles { try TestPostgres.loginRole("matrix_\(role.rawValue)", in: "pykala_\(role.rawValue)") }
        try connection.execute("UPDATE pykala.decision SET workflow_id = (SELECT id FROM pykala.workflow)")
    }

    @Test("allowed exactly where the workflow says; refused with the reason otherwise")
    func matrix() throws {
        var checked = 0
        for state in workflow.states {
            for transition in workflow.transitions {
                for role in Self.roles {
                    // Every guard holds: the worked example is complete, and no appeal period runs.
                    try connection.execute("UPDATE pykala.decision SET state = $1", [state.name])
                    try connection.execute("DELETE FROM pykala.deadline WHERE kind = 'appeal_ends'")
                    try connection.execute(
                        "INSERT INTO pykala.deadline (organization_id, decision_id, kind, due_date) SELECT organization_id, id, 'appeal_ends', current_date - 1 FROM pykala.decision")
                    try connection.execute("SET SESSION AUTHORIZATION \(SQLIdentifier.quoted("matrix_\(role.rawValue)"))")
                    defer { _ = try? connection.execute("RESET SESSION AUTHORIZATION") }
                    let fromHere = transition.from.contains(state.name)
                    let permitted = transition.roles.contains(role)
                    do {
                        _ = try connection.execute("SELECT pykala.transition(NULL, 1, $1, NULL, NULL, NULL)", [transition.name])
                        #expect(fromHere && permitted, "\(role) \(transition.name) from \(state.name) was allowed")
                    } catch let error as PostgresError {
                        let code = error.sqlState?.code
                        if role == .auditor {
                            #expect(error.sqlState == .insufficientPrivilege, "\(role) \(transition.name): \(error)")
                        } else if !fromHere {
                            #expect(code == "PK409", "\(role) \(transition.name) from \(state.name): \(error)")
                        } else if !permitted {
                            #expect(code == "PK401", "\(role) \(transition.name) from \(state.name): \(error)")
                            #expect(error.message.contains("only a "), "\(error.message)")
                        } else {
                            Issue.record("\(role) \(transition.name) from \(state.name) was refused: \(error)")
                        }
                    }
                    checked += 1
                }
            }
        }
        #expect(checked == workflow.states.count * workflow.transitions.count * Self.roles.count)
    }

    @Test("a secretary cannot approve; the message names the role needed and the caller")
    func secretaryCannotApprove() throws {
        try connection.execute("UPDATE pykala.decision SET state = 'proposed'")
        try connection.execute("SET SESSION AUTHORIZATION matrix_secretary")
        defer { _ = try? connection.execute("RESET SESSION AUTHORIZATION") }
        let error = #expect(throws: PostgresError.self) {
            try connection.execute("SELECT pykala.transition(NULL, 1, 'approve', NULL, NULL, NULL)")
        }
        #expect(error?.message == "only a manager may approve; you are secretary `matrix_secretary`")
    }

    @Test("no group role can write any table directly", arguments: ["secretary", "manager", "auditor", "admin"])
    func tablesAreReadOnly(_ role: String) throws {
        let tables = try connection.execute(
            "SELECT tablename FROM pg_catalog.pg_tables WHERE schemaname = 'pykala' ORDER BY tablename"
        ).map { try $0.get("tablename", as: String.self) }
        #expect(tables.contains("decision_history"))
        // A column each table lets UPDATE name (not generated), so the refusal is about privileges.
        var columns: [String: String] = [:]
        for table in tables {
            columns[table] = try connection.execute(
                """
                SELECT column_name FROM information_schema.columns
                 WHERE table_schema = 'pykala' AND table_name = $1 AND is_generated = 'NEVER' AND is_identity = 'NO'
                 ORDER BY ordinal_position LIMIT 1
                """, [table])[0].get("column_name", as: String.self)
        }
        try connection.execute("SET SESSION AUTHORIZATION \(SQLIdentifier.quoted("matrix_\(role)"))")
        defer { _ = try? connection.execute("RESET SESSION AUTHORIZATION") }
        for table in tables {
            let name = "pykala.\(SQLIdentifier.quoted(table))"
            let column = SQLIdentifier.quoted(columns[table] ?? "id")
            let statements = [
                "INSERT INTO \(name) DEFAULT VALUES", "UPDATE \(name) SET \(column) = \(column)", "DELETE FROM \(name)", "TRUNCATE \(name)",
            ]
            for sql in statements {
                let error = #expect(throws: PostgresError.self, "\(role): \(sql)") { try connection.execute(sql) }
                #expect(error?.sqlState == .insufficientPrivilege, "\(role): \(sql): \(error.map { "\($0)" } ?? "")")
            }
            #expect(throws: Never.self) { try connection.execute("SELECT count(*) FROM \(name)") }
        }
    }

    @Test("a temporary function or table cannot hijack the SECURITY DEFINER functions")
    func noHijack() throws {
        try connection.execute("UPDATE pykala.decision SET state = 'proposed'")
        try connection.execute("SET SESSION AUTHORIZATION matrix_secretary")
        defer { _ = try? connection.execute("RESET SESSION AUTHORIZATION") }
        try connection.execute(
            "CREATE FUNCTION pg_temp.caller_roles() RETURNS text[] LANGUAGE sql AS $$ SELECT ARRAY['manager'] $$")
        try connection.execute(
            "CREATE FUNCTION pg_temp.role_refusal(jsonb, text) RETURNS text LANGUAGE sql AS $$ SELECT NULL::text $$")
        try connection.execute("CREATE TEMPORARY TABLE workflow (id bigint, definition jsonb)")
        try connection.execute("CREATE TEMPORARY TABLE decision (id bigint, state text)")
        let error = #expect(throws: PostgresError.self) {
            try connection.execute("SELECT pykala.transition(NULL, 1, 'approve', NULL, NULL, NULL)")
        }
        #expect(error?.sqlState?.code == "PK401")
    }
}
