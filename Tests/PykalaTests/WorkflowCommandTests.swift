import DecisionStore
import Decisions
import Foundation
import Postgres
import PostgresTestSupport
import Testing

@Suite("workflows and transitions through the command line, as each role")
struct WorkflowCommandTests {
    let database: TestDatabase
    static let council = TestPostgres.resources.root.appendingPathComponent("workflows/council-decision.yaml").path

    init() throws {
        database = try TestPostgres.migratedDatabase()
        for role in ["secretary", "manager", "auditor", "admin"] { try TestPostgres.loginRole("cli_\(role)", in: "pykala_\(role)") }
        let register = try PykalaRun.run(["register", RegisterCommandTests.example, "--create-missing", "--database", database.conninfo])
        #expect(register.status == 0, "\(register.stderr)")
    }

    @discardableResult
    private func pykala(as role: String, _ arguments: String..., status expected: Int32 = 0) throws -> PykalaRun {
        let run = try PykalaRun.run(arguments + ["--database", database.conninfo(as: "cli_\(role)")])
        #expect(run.status == expected, "\(role): pykala \(arguments.joined(separator: " ")): \(run.stdout)\(run.stderr)")
        return run
    }

    @Test("an admin loads the workflow; secretary and manager take their steps; the wrong role is told why")
    func flow() throws {
        let refused = try pykala(as: "secretary", "workflow", "load", Self.council, status: 1)
        #expect(refused.stderr.contains("only an admin may do this; you are secretary `cli_secretary`"))
        #expect(try pykala(as: "admin", "workflow", "load", Self.council).stdout == "loaded workflow council-decision as version 1\n")
        try pykala(as: "secretary", "submit", "2265/15.151/2020", "--expect-version", "1")
        let actions = try pykala(as: "secretary", "decision", "actions", "2265/15.151/2020")
        #expect(actions.stdout.contains("approve: needs role manager"))
        let approve = try pykala(as: "secretary", "approve", "2265/15.151/2020", status: 1)
        #expect(approve.stderr.contains("only a manager may approve; you are secretary `cli_secretary`"))
        try pykala(as: "auditor", "approve", "2265/15.151/2020", status: 1)
        let approved = try pykala(as: "manager", "approve", "2265/15.151/2020", "--expect-version", "2")
        #expect(approved.stdout == "decision 1: approve, proposed → approved, now version 3\n")
        let history = try pykala(as: "auditor", "decision", "history", "2265/15.151/2020", "--format", "json")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(history.stdout.utf8)) as? [[String: Any]])
        #expect(rows.map { $0["action"] as? String } == ["register", "submit", "approve"])
        #expect(rows.map { $0["actor"] as? String } == [LocalCluster.superuser, "cli_secretary", "cli_manager"])
        let back = try pykala(as: "manager", "return", "2265/15.151/2020", status: 64)
        #expect(back.stderr.contains("--comment is needed"))
        try pykala(as: "manager", "return", "2265/15.151/2020", "--comment", "Kustannusjako tarkistettava")
        let last = try pykala(as: "auditor", "decision", "history", "2265/15.151/2020")
        #expect(last.stdout.contains("Kustannusjako tarkistettava"))
    }

    @Test("the same request id twice acts once")
    func requestID() throws {
        try pykala(as: "admin", "workflow", "load", Self.council)
        let id = UUID().uuidString
        try pykala(as: "secretary", "submit", "1", "--request-id", id)
        let again = try pykala(as: "secretary", "submit", "1", "--request-id", id)
        #expect(again.stdout.contains("this request had already acted"))
        try pykala(as: "secretary", "submit", "1", "--request-id", "not-a-uuid", status: 64)
    }

    @Test("workflow validate names the file and line of each problem, and needs no database")
    func validate() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("wf-\(UUID().uuidString).yaml")
        defer { try? FileManager.default.removeItem(at: file) }
        let text = try String(contentsOfFile: Self.council, encoding: .utf8).replacingOccurrences(of: "roles: [manager]", with: "roles: [boss]")
        try text.write(to: file, atomically: true, encoding: .utf8)
        let run = try PykalaRun.run(["workflow", "validate", file.path])
        #expect(run.status == 1)
        #expect(run.stderr.contains("\(file.path):"))
        #expect(run.stderr.contains("\"boss\" is not known; expected secretary, manager, auditor or admin"))
        let good = try PykalaRun.run(["workflow", "validate", Self.council])
        #expect(good.status == 0)
    }

    @Test("workflow show draws a Mermaid state diagram")
    func mermaid() throws {
        try pykala(as: "admin", "workflow", "load", Self.council)
        let run = try pykala(as: "auditor", "workflow", "show", "council-decision", "--format", "mermaid", "--lang", "sv")
        #expect(run.stdout.hasPrefix("stateDiagram-v2\n"))
        #expect(run.stdout.contains("    [*] --> draft\n"))
        #expect(run.stdout.contains("    proposed --> approved : approve (manager)\n"))
        #expect(run.stdout.contains("    draft : Utkast\n"))
        #expect(run.stdout.contains("    archived --> [*]\n"))
    }

    @Test("deadlines compute prints the presumed notice and the last day, moved past Christmas")
    func compute() throws {
        let run = try PykalaRun.run(["deadlines", "compute", "--published", "3.12.2020", "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let period = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(period["presumed_notice"] as? String == "2020-12-10")
        #expect(period["last_day"] as? String == "2020-12-28")
        #expect(period["moved_from"] as? String == "2020-12-24")
        #expect(period["moved_because"] as? String == "jouluaatto")
    }
}

@Suite("a meeting through the command line")
struct MeetingCommandTests {
    @Test("meeting new, attend, agenda add, vote and meeting show")
    func meeting() throws {
        let database = try TestPostgres.migratedDatabase()
        func pykala(_ arguments: String..., status: Int32 = 0) throws -> PykalaRun {
            let run = try PykalaRun.run(arguments + ["--database", database.conninfo])
            #expect(run.status == status, "pykala \(arguments.joined(separator: " ")): \(run.stderr)")
            return run
        }
        _ = try pykala("org", "add", "Ranuan kunta")
        _ = try pykala("body", "add", "Kunnanhallitus", "--kind", "board")
        _ = try pykala("body", "set", "Kunnanhallitus", "--seats", "3")
        for name in ["Puheen Johtaja", "Jäsen Yksi", "Jäsen Kaksi"] { _ = try pykala("person", "add", name) }
        _ = try pykala("workflow", "load", WorkflowCommandTests.council)
        var document = try String(contentsOfFile: RegisterCommandTests.example, encoding: .utf8)
        document = document.replacingOccurrences(of: "meeting: {date: 24.02.2020, section: 39}\n", with: "")
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("m-\(UUID().uuidString).yaml")
        defer { try? FileManager.default.removeItem(at: file) }
        try document.write(to: file, atomically: true, encoding: .utf8)
        _ = try pykala("register", file.path, "--create-missing")
        _ = try pykala("submit", "1")
        _ = try pykala("approve", "1")
        _ = try pykala("meeting", "new", "Kunnanhallitus", "24.2.2020", "--number", "4/2020")
        _ = try pykala("meeting", "attend", "Kunnanhallitus", "24.2.2020", "Puheen Johtaja", "--as", "chair")
        _ = try pykala("meeting", "attend", "Kunnanhallitus", "24.2.2020", "Jäsen Yksi", "--as", "member")
        _ = try pykala("meeting", "attend", "Kunnanhallitus", "24.2.2020", "Jäsen Kaksi", "--as", "member")
        let placed = try pykala("agenda", "add", "1", "--meeting", "24.2.2020")
        #expect(placed.stdout.contains("is § 1 of the meeting of 24.2.2020"))
        let vote = try pykala(
            "vote", "1", "--yes", "Ehdotus", "--no", "Palautus", "--ballot", "Puheen Johtaja=yes", "--ballot", "Jäsen Yksi=yes",
            "--ballot", "Jäsen Kaksi=no")
        #expect(vote.stdout == "yes 2, no 1, blank 0, absent 0: Ehdotus\n")
        let bad = try pykala("vote", "1", "--yes", "A", "--no", "B", "--ballot", "Jäsen Yksi=maybe", status: 1)
        #expect(bad.stderr.contains("--ballot Jäsen Yksi: \"maybe\" is not accepted; expected yes, no, blank or absent"))
        _ = try pykala("outcome", "1", "approved_after_vote")
        _ = try pykala("transition", "1", "decide")
        let shown = try pykala("meeting", "show", "Kunnanhallitus", "24.2.2020")
        #expect(shown.stdout.contains("§ 1: vote 2–1 (blank 0, absent 0): Ehdotus"))
        #expect(shown.stdout.contains("1  1         decided  approved_after_vote  3        yes"))
    }
}

@Suite("who may do what, through the command line")
struct RoleCommandTests {
    @Test("each role × each action from its own state; and each state refuses an action that does not leave it")
    func matrix() throws {
        let database = try TestPostgres.migratedDatabase()
        let admin = try database.connect()
        for role in ["secretary", "manager", "auditor", "admin"] { try TestPostgres.loginRole("cli_\(role)", in: "pykala_\(role)") }
        #expect(try PykalaRun.run(["register", RegisterCommandTests.example, "--create-missing", "--database", database.conninfo]).status == 0)
        #expect(try PykalaRun.run(["workflow", "load", WorkflowCommandTests.council, "--database", database.conninfo]).status == 0)
        let workflow = try Workflows.latest("council-decision", organization: nil, on: admin).definition
        try admin.execute("UPDATE pykala.decision SET workflow_id = (SELECT id FROM pykala.workflow)")
        func attempt(_ action: String, from state: String, as role: String) throws -> PykalaRun {
            try admin.execute("UPDATE pykala.decision SET state = $1", [state])
            try admin.execute("DELETE FROM pykala.deadline WHERE kind = 'appeal_ends'")
            try admin.execute(
                "INSERT INTO pykala.deadline (organization_id, decision_id, kind, due_date) SELECT organization_id, id, 'appeal_ends', current_date - 1 FROM pykala.decision")
            return try PykalaRun.run(["transition", "1", action, "--database", database.conninfo(as: "cli_\(role)")])
        }
        for transition in workflow.transitions {
            for role in WorkflowRole.allCases {
                let run = try attempt(transition.name, from: transition.from[0], as: "\(role.rawValue)")
                if transition.roles.contains(role) {
                    #expect(run.status == 0, "\(role) \(transition.name): \(run.stderr)")
                } else {
                    #expect(run.status == 1, "\(role) \(transition.name) was allowed")
                    let expected = role == .auditor ? "permission denied" : "only "
                    #expect(run.stderr.contains(expected), "\(role) \(transition.name): \(run.stderr)")
                }
            }
        }
        for state in workflow.states {
            guard let foreign = workflow.transitions.first(where: { !$0.from.contains(state.name) }) else { continue }
            let run = try attempt(foreign.name, from: state.name, as: "admin")
            #expect(run.status == 1)
            #expect(run.stderr.contains("cannot \(foreign.name) decision 1: it is \(state.name)"), "\(run.stderr)")
        }
    }
}
