import DecisionStore
import Decisions
import Foundation
import Postgres
import PostgresTestSupport
import Testing

@Suite("users and deputies")
struct UserAndDeputyTests {
    let database: TestDatabase
    let connection: Connection
    let suffix = String(UUID().uuidString.prefix(8)).lowercased()

    init() throws {
        database = try TestPostgres.migratedDatabase()
        connection = try database.connect()
        try DecisionRegistry.register([try RegisterTests.workedExample()], createMissing: true, on: connection)
        try TransitionTests.loadCouncil(on: connection)
    }

    @Test("an admin adds a user in a role; the login is the actor of what they do")
    func addUser() throws {
        let user = try Users.add(try NewUser(name: "anna\(suffix)", role: "secretary"), on: connection)
        #expect(user.roles == ["secretary"])
        #expect(try Users.list(on: connection).contains(user))
        let anna = try database.connect(as: user.name)
        _ = try Transitions.take("submit", on: .id(1), expectedVersion: nil, comment: nil, requestID: UUID(), organization: nil, connect: { anna })
        #expect(try Transitions.history(of: .id(1), organization: nil, on: connection).last?.actor == user.name)
        let again = #expect(throws: StoreError.self) { try Users.add(try NewUser(name: user.name, role: "manager"), on: connection) }
        #expect(again?.kind == .conflict)
    }

    @Test("only an admin may add users")
    func onlyAdmins() throws {
        let secretary = try TestPostgres.loginRole("users_secretary", in: "pykala_secretary")
        let error = #expect(throws: StoreError.self) {
            try Users.add(try NewUser(name: "eve\(suffix)", role: "admin"), on: try database.connect(as: secretary))
        }
        #expect(error?.message == "only an admin may add users; you are secretary `users_secretary`")
        let admin = try Users.add(try NewUser(name: "admin\(suffix)", role: "admin"), on: connection)
        let created = try Users.add(try NewUser(name: "bob\(suffix)", role: "manager"), on: try database.connect(as: admin.name))
        #expect(created.roles == ["manager"])
    }

    @Test("bad login names are refused before anything is sent", arguments: ["", "Anna", "pg_anna", "pykala_admin", "1anna", "anna virtanen", "anna\"; DROP"])
    func badNames(_ name: String) {
        #expect(throws: FieldError.self) { try NewUser(name: name, role: "secretary") }
    }

    @Test("a deputy approves for the manager while the period holds, and the history records both")
    func deputy() throws {
        let manager = try Users.add(try NewUser(name: "manager\(suffix)", role: "manager"), on: connection).name
        let deputy = try Users.add(try NewUser(name: "deputy\(suffix)", role: "secretary"), on: connection).name
        let today = try Deadlines.today(on: connection)
        _ = try Users.addDeputy(deputy, for: manager, from: today.adding(days: -1)!, to: today.adding(days: 1)!, organization: nil, on: connection)
        let asDeputy = try database.connect(as: deputy)
        _ = try Transitions.take("submit", on: .id(1), expectedVersion: nil, comment: nil, requestID: UUID(), organization: nil, connect: { asDeputy })
        let approved = try Transitions.take("approve", on: .id(1), expectedVersion: nil, comment: nil, requestID: UUID(), organization: nil, connect: { asDeputy })
        #expect(approved.onBehalfOf == manager)
        let last = try #require(try Transitions.history(of: .id(1), organization: nil, on: connection).last)
        #expect(last.actor == deputy)
        #expect(last.onBehalfOf == manager)
        // After the period, the deputy is only a secretary again.
        _ = try Transitions.take("return", on: .id(1), expectedVersion: nil, comment: nil, requestID: UUID(), organization: nil, connect: { connection })
        _ = try Transitions.take("submit", on: .id(1), expectedVersion: nil, comment: nil, requestID: UUID(), organization: nil, connect: { asDeputy })
        try connection.execute("UPDATE pykala.deputy SET valid_to = current_date - 1, valid_from = current_date - 10")
        let refused = #expect(throws: StoreError.self) {
            try Transitions.take("approve", on: .id(1), expectedVersion: nil, comment: nil, requestID: UUID(), organization: nil, connect: { asDeputy })
        }
        #expect(refused?.kind == .forbidden)
    }

    @Test("a deputy for a user who does not exist, or a period in the wrong order, is refused")
    func badDeputy() throws {
        let today = try Deadlines.today(on: connection)
        let missing = #expect(throws: StoreError.self) {
            try Users.addDeputy("nobody\(suffix)", for: "noone\(suffix)", from: today, to: today, organization: nil, on: connection)
        }
        #expect(missing?.kind == .notFound)
        #expect(throws: StoreError.self) {
            try Users.addDeputy("a", for: "b", from: today, to: today.adding(days: -1)!, organization: nil, on: connection)
        }
    }

    @Test("only an admin may appoint a deputy, and no one stands in for a superuser")
    func deputyRules() throws {
        let secretary = try TestPostgres.loginRole("deputy_rules_secretary", in: "pykala_secretary")
        let manager = try Users.add(try NewUser(name: "mgr\(suffix)", role: "manager"), on: connection).name
        let today = try Deadlines.today(on: connection)
        let selfAppointed = #expect(throws: StoreError.self) {
            try Users.addDeputy(secretary, for: manager, from: today, to: today, organization: nil, on: try database.connect(as: secretary))
        }
        #expect(selfAppointed?.kind == .forbidden)
        let superuser = #expect(throws: StoreError.self) {
            try Users.addDeputy(secretary, for: LocalCluster.superuser, from: today, to: today, organization: nil, on: connection)
        }
        #expect(superuser?.kind == .invalid)
    }

    @Test("an auditor cannot store request results")
    func auditorRequests() throws {
        let auditor = try TestPostgres.loginRole("requests_auditor", in: "pykala_auditor")
        let asAuditor = try database.connect(as: auditor)
        let error = #expect(throws: PostgresError.self) {
            try asAuditor.execute("SELECT pykala.remember_request(gen_random_uuid(), 'x', '{}'::json)")
        }
        #expect(error?.sqlState == .insufficientPrivilege)
    }
}
