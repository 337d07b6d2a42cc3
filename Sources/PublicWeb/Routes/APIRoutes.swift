internal import DecisionStore
internal import Foundation
internal import Hummingbird

/// The open-data API under `/api/v1/`: JSON, cursor pagination, revalidation (docs/open-data.md).
struct APIRoutes {
    let database: PortalDatabase
    let cache: ResponseCache

    /// A page of a list as the API sends it.
    struct Envelope<Item: Encodable & Sendable>: Encodable, Sendable {
        let items: [Item]
        let nextCursor: String?

        init(_ page: PublicQueries.Page<Item>) {
            items = page.items
            nextCursor = page.next.map(Cursor.make)
        }
    }

    func add(to router: Router<BasicRequestContext>) {
        let api = router.group("api/v1")
        api.get("openapi.json") { request, _ in
            try await cache.respond(to: request) { .init(body: OpenAPIDocument.json, contentType: "application/json", lastModified: nil) }
        }
        api.get("bodies") { request, context in
            try await cache.respond(to: request) {
                let parameters = try RequestParameters(request, context: context)
                let (after, limit) = (try parameters.cursor() ?? 0, try parameters.limit(default: 100, most: 1000))
                let page = try await database.read { try PublicQueries.bodies(after: after, limit: limit, on: $0) }
                return try json(request, Envelope(page), lastModified: nil)
            }
        }
        api.get("meetings") { request, context in
            try await cache.respond(to: request) {
                let parameters = try RequestParameters(request, context: context)
                let (body, year) = (try parameters.optionalID("policymaker"), try parameters.year())
                let (after, limit) = (try parameters.cursor() ?? 0, try parameters.limit(default: 50, most: 100))
                let page = try await database.read { try PublicQueries.meetings(body: body, year: year, after: after, limit: limit, on: $0) }
                return try json(
                    request, Envelope(page),
                    lastModified: latest(page.items.map(\.minutesPublishedAt)))
            }
        }
        api.get("meetings/:id") { request, context in
            try await cache.respond(to: request) {
                let id = try RequestParameters(request, context: context).id("id")
                guard let meeting = try await database.read({ try PublicQueries.meeting(id, on: $0) }) else {
                    throw Problem.notFound("meeting \(id)")
                }
                return try json(request, meeting, lastModified: latest([meeting.minutesPublishedAt]))
            }
        }
        api.get("agenda-items") { request, context in
            try await cache.respond(to: request) {
                let parameters = try RequestParameters(request, context: context)
                let meeting = try parameters.optionalID("meeting")
                let (after, limit) = (try parameters.cursor() ?? 0, try parameters.limit(default: 50, most: 100))
                let page = try await database.read { try PublicQueries.agendaItems(meeting: meeting, after: after, limit: limit, on: $0) }
                return try json(request, Envelope(page), lastModified: nil)
            }
        }
        api.get("decisions") { request, context in
            try await cache.respond(to: request) {
                let parameters = try RequestParameters(request, context: context)
                let filter = PublicRecords.DecisionFilter(
                    text: try parameters.searchText(), language: try parameters.searchLanguage() == .sv ? .swedish : .finnish,
                    body: try parameters.optionalID("policymaker"), year: try parameters.year(),
                    outcome: try parameters.outcome("resolution"))
                let (before, limit) = (try parameters.cursor(), try parameters.limit(default: 20, most: 100))
                let page = try await database.read { try PublicQueries.decisions(filter, before: before, limit: limit, on: $0) }
                return try json(
                    request, Envelope(page),
                    lastModified: latest(page.items.map(\.publishedAt)))
            }
        }
        api.get("decisions/:id") { request, context in
            try await cache.respond(to: request) {
                let id = try RequestParameters(request, context: context).id("id")
                guard let decision = try await database.read({ try PublicQueries.decision(id, on: $0) }) else {
                    throw Problem.notFound("decision \(id)")
                }
                return try json(request, decision, lastModified: latest([decision.publishedAt]))
            }
        }
        api.get("cost-shares") { request, context in
            try await cache.respond(to: request) {
                let parameters = try RequestParameters(request, context: context)
                let (decision, year) = (try parameters.optionalID("decision"), try parameters.year())
                let (after, limit) = (try parameters.cursor() ?? 0, try parameters.limit(default: 100, most: 1000))
                let page = try await database.read {
                    try PublicQueries.costShares(decision: decision, year: year, after: after, limit: limit, on: $0)
                }
                return try json(request, Envelope(page), lastModified: nil)
            }
        }
        api.get("bodies/:id/feed.atom") { request, context in
            try await cache.respond(to: request) {
                let id = try RequestParameters(request, context: context).id("id")
                let (body, decisions) = try await database.read { connection in
                    (try PublicQueries.body(id, on: connection), try PublicQueries.feed(body: id, limit: 50, on: connection))
                }
                guard let body else { throw Problem.notFound("body \(id)") }
                let feed = AtomFeed.render(body: body, decisions: decisions)
                return ResponseCache.Built(
                    body: feed, contentType: "application/atom+xml; charset=utf-8", lastModified: latest(decisions.map(\.publishedAt)))
            }
        }
    }

    /// `value` as the API's JSON (snake_case keys, sorted).
    private func json(_ request: Request, _ value: some Encodable, lastModified: Date?) throws -> ResponseCache.Built {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let body = String(decoding: try encoder.encode(value), as: UTF8.self)
        return ResponseCache.Built(body: body, contentType: "application/json", lastModified: lastModified)
    }

    private func latest(_ timestamps: [String]) -> Date? {
        timestamps.compactMap(HTTPDate.timestamp).max()
    }
}
