internal import DecisionStore
internal import Foundation
internal import Hummingbird

/// The portal's pages under `/fi/` and `/sv/`: bodies, a body's meetings by year, a meeting's
/// published minutes, a decision, and search.
struct PageRoutes {
    let database: PortalDatabase
    let pages: PortalPages
    let cache: ResponseCache

    func add(to router: Router<BasicRequestContext>) {
        router.get("/") { _, _ in
            Response(status: .seeOther, headers: [.location: "/fi/"])
        }
        router.get(":lang") { request, context in
            try await cache.respond(to: request) {
                let language = try Self.language(context)
                let bodies = try await database.read { try PublicQueries.bodies(on: $0).items }
                return try html(request, pages.home(language, bodies: bodies), lastModified: nil)
            }
        }
        router.get(":lang/bodies/:id") { request, context in
            try await cache.respond(to: request) {
                let language = try Self.language(context)
                let parameters = try RequestParameters(request, context: context)
                let (id, year) = (try parameters.id("id"), try parameters.year())
                let (body, meetings) = try await database.read { connection in
                    (try PublicQueries.body(id, on: connection),
                     try PublicQueries.meetings(body: id, year: nil, limit: 10_000, on: connection).items)
                }
                guard let body else { throw Problem.notFound("body \(id)") }
                let years = Set(meetings.compactMap { Int($0.date.prefix(4)) })
                let shown = year ?? years.max()
                let inYear = meetings.filter { Int($0.date.prefix(4)) == shown }.sorted { $0.date < $1.date }
                return try html(
                    request, pages.body(language, body, years: Array(years), year: shown, meetings: inYear),
                    lastModified: latest(inYear.map(\.minutesPublishedAt)))
            }
        }
        router.get(":lang/meetings/:id") { request, context in
            try await cache.respond(to: request) {
                let language = try Self.language(context)
                let id = try RequestParameters(request, context: context).id("id")
                let (meeting, decisions) = try await database.read { connection in
                    (try PublicQueries.meeting(id, on: connection), try PublicQueries.meetingDecisions(id, on: connection))
                }
                guard let meeting else { throw Problem.notFound("meeting \(id)") }
                return try html(
                    request, pages.meeting(language, meeting, decisions: decisions), lastModified: latest(decisions.map(\.publishedAt)))
            }
        }
        router.get(":lang/decisions/:id") { request, context in
            try await cache.respond(to: request) {
                let language = try Self.language(context)
                let id = try RequestParameters(request, context: context).id("id")
                guard let decision = try await database.read({ try PublicQueries.decision(id, on: $0) }) else {
                    throw Problem.notFound("decision \(id)")
                }
                return try html(request, pages.decision(language, decision), lastModified: latest([decision.publishedAt]))
            }
        }
        router.get(":lang/search") { request, context in
            try await cache.respond(to: request) {
                let language = try Self.language(context)
                let parameters = try RequestParameters(request, context: context)
                let text = try parameters.searchText()
                let (body, year, outcome) = (try parameters.optionalID("body"), try parameters.year(), try parameters.outcome("outcome"))
                let before = try parameters.cursor()
                let filter = PublicRecords.DecisionFilter(
                    text: text, language: language == .sv ? .swedish : .finnish, body: body, year: year, outcome: outcome)
                let searched = text != nil || body != nil || year != nil || outcome != nil
                let (bodies, page) = try await database.read { connection in
                    (try PublicQueries.bodies(on: connection).items,
                     searched ? try PublicQueries.decisions(filter, before: before, limit: 20, on: connection) : nil)
                }
                return try html(
                    request,
                    pages.search(
                        language, text: text, body: body, year: year, outcome: outcome, bodies: bodies, results: page?.items ?? [],
                        next: page?.next.map(Cursor.make)),
                    lastModified: nil)
            }
        }
    }

    static func language(_ context: BasicRequestContext) throws(Problem) -> PortalLanguage {
        guard let raw = context.parameters.get("lang"), let language = PortalLanguage(rawValue: raw) else {
            throw Problem.notFound("this page")
        }
        return language
    }

    private func html(_ request: Request, _ page: String, lastModified: Date?) -> ResponseCache.Built {
        ResponseCache.Built(body: page, contentType: "text/html; charset=utf-8", lastModified: lastModified)
    }

    private func latest(_ timestamps: [String]) -> Date? {
        timestamps.compactMap(HTTPDate.timestamp).max()
    }
}
