internal import DecisionStore
public import Hummingbird
public import Reports

/// The public decision portal and open-data API: read-only, over the `pykala_public` views,
/// as a login that may read nothing else.
public struct PortalServer: Sendable {
    let database: PortalDatabase
    let pages: PortalPages
    let cache: ResponseCache

    /// `cacheLifetime`: how long a built page or API answer is served from memory (zero: never).
    public init(database: PortalDatabase, templates: TemplateLibrary, cacheLifetime: Duration = .zero) {
        self.database = database
        self.pages = PortalPages(templates: templates)
        self.cache = ResponseCache(lifetime: cacheLifetime)
    }

    /// Every route, behind the error pages and the security headers.
    public func router() -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self, options: .autoGenerateHeadEndpoints)
        router.add(middleware: SecurityHeaders())
        router.add(middleware: ErrorPages(pages: pages))
        APIRoutes(database: database, cache: cache).add(to: router)
        PageRoutes(database: database, pages: pages, cache: cache).add(to: router)
        return router
    }

    /// Serves on `host:port` until SIGINT or SIGTERM, then finishes the requests in hand and returns.
    public func run(host: String, port: Int, onRunning: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        try await application(host: host, port: port, onRunning: onRunning).runService()
    }

    /// The application listening on `host:port`.
    public func application(host: String, port: Int, onRunning: @escaping @Sendable (Int) async -> Void = { _ in })
        -> some ApplicationProtocol
    {
        Application(
            router: router(), configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: "pykala"),
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? port) })
    }
}
