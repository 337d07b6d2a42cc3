import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Postgres
import PostgresTestSupport
import PublicWeb
import Testing

/// Every route, status code and header of issue 10, through Hummingbird's router (no socket).
@Suite("the public portal and open-data API over HTTP")
struct PortalTests {
    let fixture: PortalFixture

    init() throws {
        fixture = try PortalFixture()
    }

    private func test(_ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let app = Application(router: fixture.server.router())
        try await app.test(.router, body)
    }

    private static func text(_ response: TestResponse) -> String { String(buffer: response.body) }

    private static func json(_ response: TestResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(String(buffer: response.body).utf8)) as? [String: Any])
    }

    @Test("pages: bodies, a body's meetings by year, the minutes with appeal instructions, a decision, in Finnish and Swedish")
    func pages() async throws {
        try await test { client in
            try await client.execute(uri: "/", method: .get) { #expect($0.status == .seeOther) }
            try await client.execute(uri: "/fi/", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                let page = Self.text(response)
                #expect(page.contains("<html lang=\"fi\">"))
                #expect(page.contains("Kunnanhallitus"))
                #expect(page.contains("href=\"/sv/\""))
            }
            try await client.execute(uri: "/sv/bodies/1", method: .get) { response in
                let page = Self.text(response)
                #expect(page.contains("<html lang=\"sv\">"))
                #expect(page.contains("Kommunstyrelsen"))
                #expect(page.contains("24.2.2020"))
                #expect(page.contains("<strong aria-current=\"page\">2020</strong>"))
            }
            try await client.execute(uri: "/fi/meetings/1", method: .get) { response in
                let page = Self.text(response)
                #expect(page.contains("§ 39 Turvallisuus -hankeyhteistyöhön osallistuminen"))
                #expect(page.contains("§ 40 Salainen henkilöstöasia"))
                #expect(page.contains("Oikaisuvaatimusohje"))
                #expect(page.contains("Oikaisuvaatimusaika päättyy"))
                #expect(!page.contains("Luonnos"))
            }
            try await client.execute(uri: "/fi/decisions/1", method: .get) { response in
                let page = Self.text(response)
                #expect(page.contains("§ 39"))
                #expect(page.contains("1 000,00 €"))
                #expect(page.contains("2265/15.151/2020"))
                #expect(page.contains("Sirpa Hakala"))
                #expect(page.contains("040 539 4293"))
                #expect(page.contains("Oikaisuvaatimusaika päättyy <strong>"))
            }
            try await client.execute(uri: "/sv/decisions/1", method: .get) { response in
                #expect(Self.text(response).contains("Anvisning om omprövning") || Self.text(response).contains("omprövning"))
            }
        }
    }

    @Test("search: Finnish and Swedish full text, filtered by body, year and outcome, with a next page")
    func search() async throws {
        try await test { client in
            try await client.execute(uri: "/fi/search?q=hankeyhteisty%C3%B6h%C3%B6n", method: .get) { response in
                #expect(Self.text(response).contains("/fi/decisions/1"))
            }
            try await client.execute(uri: "/api/v1/decisions?q=hanke&year=2020&resolution=approved&policymaker=1", method: .get) {
                let items = try #require(try Self.json($0)["items"] as? [[String: Any]])
                #expect(items.compactMap { $0["id"] as? Int } == [1])
            }
            try await client.execute(uri: "/api/v1/decisions?q=kyl%C3%A4yhdistys&lang=sv", method: .get) {
                #expect($0.status == .ok)
            }
            try await client.execute(uri: "/api/v1/decisions?year=2019", method: .get) {
                let items = try Self.json($0)["items"] as? [Any]
                #expect(items?.isEmpty == true)
            }
            // Four published decisions, two a page, newest first; the draft never.
            var seen: [Int] = []
            var cursor: String? = nil
            repeat {
                let uri = "/api/v1/decisions?limit=2" + (cursor.map { "&cursor=\($0)" } ?? "")
                cursor = try await client.execute(uri: uri, method: .get) { response in
                    let body = try Self.json(response)
                    seen += (body["items"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? Int }
                    return body["next_cursor"] as? String
                }
            } while cursor != nil && seen.count < 10
            #expect(seen == [4, 3, 2, 1])
        }
    }

    @Test("the API: bodies, meetings, agenda items, decisions and cost shares as JSON; an OpenAPI 3.1 document; an Atom feed")
    func api() async throws {
        try await test { client in
            try await client.execute(uri: "/api/v1/bodies", method: .get) { response in
                #expect(response.headers[.contentType] == "application/json")
                #expect(response.headers[.accessControlAllowOrigin] == "*")
                let items = try #require(try Self.json(response)["items"] as? [[String: Any]])
                #expect(items.first?["name_sv"] as? String == "Kommunstyrelsen")
            }
            try await client.execute(uri: "/api/v1/meetings?policymaker=1&year=2020", method: .get) {
                let items = try #require(try Self.json($0)["items"] as? [[String: Any]])
                #expect(items.first?["agenda_item_count"] as? Int == 4)
            }
            try await client.execute(uri: "/api/v1/agenda-items?meeting=1", method: .get) {
                let items = try #require(try Self.json($0)["items"] as? [[String: Any]])
                #expect(items.compactMap { $0["index"] as? Int } == [39, 40, 41, 42])
                #expect(items.compactMap { $0["secret"] as? Bool } == [false, true, false, false])
            }
            try await client.execute(uri: "/api/v1/decisions/1", method: .get) {
                let decision = try Self.json($0)
                #expect(decision["total_cents"] as? Int == 100_000)
                #expect(decision["register_id"] as? String == "2265/15.151/2020")
                #expect((decision["cost_shares"] as? [[String: Any]])?.compactMap { $0["amount_cents"] as? Int } == [20_000, 40_000, 40_000])
            }
            try await client.execute(uri: "/api/v1/cost-shares?decision=1&year=2021", method: .get) {
                let items = try Self.json($0)["items"] as? [[String: Any]]
                #expect(items?.count == 1)
            }
            try await client.execute(uri: "/api/v1/openapi.json", method: .get) {
                let document = try Self.json($0)
                #expect(document["openapi"] as? String == "3.1.0")
                #expect((document["paths"] as? [String: Any])?.keys.contains("/api/v1/decisions/{id}") == true)
            }
            try await client.execute(uri: "/api/v1/bodies/1/feed.atom", method: .get) { response in
                #expect(response.headers[.contentType] == "application/atom+xml; charset=utf-8")
                let feed = Self.text(response)
                #expect(feed.contains("<title>§ 39 Turvallisuus -hankeyhteistyöhön osallistuminen</title>"))
                #expect(feed.contains("<feed xmlns=\"http://www.w3.org/2005/Atom\""))
            }
        }
    }

    @Test("ETag and Last-Modified: revalidation gives 304 without a body; a changed tag gives the page again")
    func revalidation() async throws {
        try await test { client in
            let (tag, modified) = try await client.execute(uri: "/api/v1/decisions/1", method: .get) { response in
                (try #require(response.headers[.eTag]), try #require(response.headers[.lastModified]))
            }
            #expect(tag.hasPrefix("\"") && tag.hasSuffix("\""))
            #expect(modified.hasSuffix(" GMT"))
            try await client.execute(uri: "/api/v1/decisions/1", method: .get, headers: [.ifNoneMatch: tag]) { response in
                #expect(response.status == .notModified)
                #expect(response.body.readableBytes == 0)
                #expect(response.headers[.eTag] == tag)
            }
            try await client.execute(uri: "/api/v1/decisions/1", method: .get, headers: [.ifModifiedSince: modified]) {
                #expect($0.status == .notModified)
            }
            try await client.execute(uri: "/api/v1/decisions/1", method: .get, headers: [.ifNoneMatch: "\"stale\""]) {
                #expect($0.status == .ok)
            }
            try await client.execute(uri: "/fi/decisions/1", method: .get) { response in
                let pageTag = try #require(response.headers[.eTag])
                try await client.execute(uri: "/fi/decisions/1", method: .get, headers: [.ifNoneMatch: "W/\(pageTag)"]) {
                    #expect($0.status == .notModified)
                }
            }
        }
    }

    @Test("bad parameters give 400 problem documents naming them; unknown things 404", arguments: [
        ("/api/v1/decisions?year=20x0", 400, "year"), ("/api/v1/decisions?limit=0", 400, "limit"),
        ("/api/v1/decisions?limit=1000", 400, "limit"), ("/api/v1/decisions?cursor=%21%21", 400, "cursor"),
        ("/api/v1/decisions?cursor=-1", 400, "cursor"), ("/api/v1/meetings?cursor=", 400, "cursor"), ("/api/v1/decisions?resolution=won", 400, "resolution"),
        ("/api/v1/decisions?lang=en", 400, "lang"), ("/api/v1/decisions?policymaker=-1", 400, "policymaker"),
        ("/api/v1/decisions?q=" + String(repeating: "a", count: 201), 400, "q"), ("/api/v1/decisions?q=a%00b", 400, "q"),
        ("/api/v1/decisions/abc", 400, "id"), ("/api/v1/decisions/5", 404, "decision 5"), ("/api/v1/meetings/99", 404, "meeting 99"),
        ("/api/v1/nothing", 404, "Not found"), ("/api/v1/bodies/77/feed.atom", 404, "body 77"),
        ("/api/v1/decisions?q=" + String(repeating: "a%20", count: 600), 400, "query string"),
    ])
    func problems(uri: String, status: Int, named: String) async throws {
        try await test { client in
            try await client.execute(uri: uri, method: .get) { response in
                #expect(response.status.code == status)
                #expect(response.headers[.contentType] == "application/problem+json")
                let problem = try Self.json(response)
                #expect(problem["status"] as? Int == status)
                let said = "\(problem["title"] ?? "") \(problem["detail"] ?? "")"
                #expect(said.contains(named), "\(said)")
                #expect(response.headers[.xContentTypeOptions] == "nosniff")
            }
        }
    }

    @Test("pages answer errors with an HTML page in their language")
    func pageErrors() async throws {
        try await test { client in
            for (uri, status, words) in [("/fi/decisions/5", 404, "Sivua ei löytynyt"), ("/sv/meetings/x", 400, "felaktigt värde"), ("/xx/", 404, "Sivua ei löytynyt")] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status.code == status, "\(uri)")
                    #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                    #expect(Self.text(response).contains(words))
                }
            }
        }
    }

    @Test("every response carries a Content-Security-Policy, nosniff and a Referrer-Policy; the API answers CORS preflights")
    func headers() async throws {
        let referrer = try #require(HTTPField.Name("Referrer-Policy"))
        try await test { client in
            for uri in ["/fi/", "/fi/decisions/1", "/api/v1/decisions", "/fi/nothing"] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.headers[.contentSecurityPolicy]?.contains("default-src 'none'") == true, "\(uri)")
                    #expect(response.headers[.xContentTypeOptions] == "nosniff")
                    #expect(response.headers[referrer] == "no-referrer")
                }
            }
            try await client.execute(uri: "/api/v1/decisions", method: .options) { response in
                #expect(response.status == .noContent)
                #expect(response.headers[.accessControlAllowMethods] == "GET, HEAD, OPTIONS")
                #expect(response.headers[.accessControlAllowOrigin] == "*")
            }
            try await client.execute(uri: "/fi/decisions/1", method: .get) { #expect($0.headers[.accessControlAllowOrigin] == nil) }
            for (uri, method) in [("/api/v1/decisions", HTTPRequest.Method.post), ("/fi/decisions/1", .delete), ("/api/v1/bodies", .trace)] {
                try await client.execute(uri: uri, method: method) { response in
                    #expect(response.status == .methodNotAllowed, "\(method) \(uri)")
                    #expect(response.headers[.allow] == "GET, HEAD, OPTIONS")
                }
            }
            try await client.execute(uri: "/fi/decisions/1", method: .head) { response in
                #expect(response.status == .ok)
                #expect(response.body.readableBytes == 0)
                #expect(response.headers[.eTag] != nil)
            }
        }
    }

    @Test("text from the register is escaped in pages and feeds")
    func escaping() async throws {
        try await test { client in
            try await client.execute(uri: "/fi/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E", method: .get) { response in
                let page = Self.text(response)
                #expect(!page.contains("<script>alert(1)</script>"))
                #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
            }
        }
    }

    @Test("a cached answer is served until its lifetime ends; without a cache every answer is built anew; errors are never kept")
    func cache() async throws {
        let cached = Application(router: try PortalFixture.server(for: fixture.database, cacheLifetime: .seconds(600)).router())
        let uncached = Application(router: fixture.server.router())
        let first = try await cached.test(.router) { client in
            try await client.execute(uri: "/api/v1/decisions/3", method: .get) { String(buffer: $0.body) }
        }
        #expect(first.contains("Avustus kyläyhdistykselle"))
        try fixture.database.connect().execute("UPDATE pykala.decision SET title = 'Avustus seuralle' WHERE id = 3")
        try await cached.test(.router) { client in
            try await client.execute(uri: "/api/v1/decisions/3", method: .get) { #expect(String(buffer: $0.body) == first) }
            try await client.execute(uri: "/api/v1/decisions/3?", method: .get) { response in
                #expect(String(buffer: response.body).contains("Avustus seuralle"), "another query string is another answer")
            }
            try await client.execute(uri: "/api/v1/decisions/9", method: .get) { #expect($0.status == .notFound) }
        }
        try await uncached.test(.router) { client in
            try await client.execute(uri: "/api/v1/decisions/3", method: .get) { #expect(String(buffer: $0.body).contains("Avustus seuralle")) }
        }
        try fixture.database.connect().execute(
            "INSERT INTO pykala.decision_history (organization_id, decision_id, action, from_state, to_state, version_after) "
                + "SELECT organization_id, id, 'publish', state, 'published', version FROM pykala.decision WHERE id = 5")
        try await cached.test(.router) { client in
            try await client.execute(uri: "/api/v1/decisions/9", method: .get) { #expect($0.status == .notFound) }
            try await client.execute(uri: "/api/v1/decisions/5", method: .get) { #expect($0.status == .ok, "a 404 was not kept") }
        }
    }
}
