import DecisionStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Postgres
import PostgresTestSupport
import PublicWeb
import Testing

/// Issue 10's leak checks: with a secret §, private persons and a draft in the register,
/// nothing the portal serves, and nothing its login can read in SQL, holds their texts.
@Suite("the portal cannot leak what is not public")
struct LeakTests {
    let fixture: PortalFixture

    init() throws {
        fixture = try PortalFixture()
    }

    /// Every page, API answer and feed the portal has for the fixture.
    static let uris = [
        "/fi/", "/sv/", "/fi/bodies/1", "/sv/bodies/1?year=2020", "/fi/meetings/1", "/sv/meetings/1",
        "/fi/decisions/1", "/fi/decisions/2", "/sv/decisions/2", "/fi/decisions/3", "/fi/decisions/4", "/fi/decisions/5",
        "/fi/search?q=salainen", "/fi/search?q=terveydentilasta", "/fi/search?q=QWERTY", "/fi/search?year=2020",
        "/sv/search?q=Yksityinen", "/api/v1/bodies", "/api/v1/meetings", "/api/v1/meetings/1", "/api/v1/agenda-items",
        "/api/v1/decisions", "/api/v1/decisions?q=salainen", "/api/v1/decisions?q=terveydentilasta", "/api/v1/decisions?q=QWERTY",
        "/api/v1/decisions/2", "/api/v1/decisions/3", "/api/v1/decisions/4", "/api/v1/decisions/5", "/api/v1/cost-shares",
        "/api/v1/bodies/1/feed.atom",
    ]

    @Test("no page, API answer or feed holds a secret text, a private person's phone or e-mail, a draft, or a name past its appeal period")
    func httpOutputs() async throws {
        let app = Application(router: fixture.server.router())
        let everything = try await app.test(.router) { client in
            var all = ""
            for uri in Self.uris {
                all += try await client.execute(uri: uri, method: .get) { String(buffer: $0.body) } + "\n"
            }
            return all
        }
        Self.expectOnlyPublic(everything, seenBy: "the portal's answers")
    }

    /// `text` holds none of the fixture's secrets, and every one of its public strings (so
    /// that an empty answer cannot pass).
    static func expectOnlyPublic(_ text: String, seenBy who: String, sourceLocation: SourceLocation = #_sourceLocation) {
        for secret in PortalFixture.secrets {
            #expect(!text.contains(secret), "\(secret) seen by \(who)", sourceLocation: sourceLocation)
        }
        for published in PortalFixture.published {
            #expect(text.contains(published), "\(published) not seen by \(who), though public", sourceLocation: sourceLocation)
        }
    }

    @Test("the portal's login, running the API's own queries and reading every public view in SQL, sees none of it either")
    func sqlAsTheWebRole() throws {
        let portal = try fixture.database.connect(as: PortalLogin.role)
        var everything = ""
        for (sql, parameters) in [
            (PublicQueries.bodiesSQL, [Int64(0), 1000] as [any PostgresEncodable]),
            (PublicQueries.meetingsSQL, [Int64(0), 1000, nil as Int64?, nil as Int?]),
            (PublicQueries.agendaItemsSQL, [Int64(0), 1000, nil as Int64?]),
            (PublicQueries.decisionsSQL, [Int64.max, 1000, nil as String?, "finnish", nil as Int64?, nil as Int?, nil as String?]),
            (PublicQueries.costSharesSQL, [Int64(0), 1000, nil as Int64?, nil as Int?]),
        ] {
            everything += try portal.execute(sql, parameters)[0].get("result", as: PostgresJSON.self).text
        }
        for id in Int64(1)...5 {
            everything += (try portal.execute(PublicQueries.decisionSQL, [id]).first?.get("result", as: PostgresJSON.self).text) ?? ""
        }
        let views = try portal.execute(
            "SELECT table_name AS name FROM information_schema.views WHERE table_schema = 'pykala_public' ORDER BY 1"
        ).map { try $0.get("name", as: String.self) }
        #expect(views.count >= 10)
        for view in views {
            everything += try portal.execute("SELECT coalesce(jsonb_agg(to_jsonb(v))::text, '') AS rows FROM pykala_public.\(SQLIdentifier.quoted(view)) v")[0]
                .get("rows", as: String.self)
        }
        Self.expectOnlyPublic(everything, seenBy: "the portal's login")
    }

    @Test("the portal's login cannot read the register's tables, call its functions or write anything")
    func webRoleHasNoOtherRight() throws {
        let portal = try fixture.database.connect(as: PortalLogin.role)
        for sql in [
            "SELECT description FROM pykala.decision", "SELECT phone FROM pykala.person", "SELECT payload FROM pykala.event",
            "SELECT pykala.decision_snapshot(1)", "INSERT INTO pykala_public.body (name) VALUES ('x')",
            "UPDATE pykala_public.decision SET title = 'x'", "CREATE TABLE public.x (id int)",
            "CREATE FUNCTION pykala_public.peek() RETURNS int LANGUAGE sql AS 'SELECT 1'",
        ] {
            #expect(throws: PostgresError.self, "\(sql)") { try portal.execute(sql) }
        }
    }

    @Test("the portal refuses to read as a superuser or as a login that can read the register")
    func refusesOtherLogins() throws {
        #expect(throws: PortalLogin.Refused.self) { try PortalLogin.check(on: try fixture.database.connect()) }
        let secretary = try TestPostgres.loginRole("portal_secretary_\(UUID().uuidString.prefix(8).lowercased())", in: "pykala_secretary")
        #expect(throws: PortalLogin.Refused.self) { try PortalLogin.check(on: try fixture.database.connect(as: secretary)) }
        try PortalLogin.check(on: try fixture.database.connect(as: PortalLogin.role))
    }
}
