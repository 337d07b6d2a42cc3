internal import Hummingbird
internal import HTTPTypes

/// Headers on every response: a Content-Security-Policy that allows nothing but the page's
/// own inline styles and forms, `nosniff`, no referrer; and for the API, CORS for reading
/// from any origin (GET, HEAD; an OPTIONS preflight is answered here).
struct SecurityHeaders<Context: RequestContext>: RouterMiddleware {
    static var policy: String {
        "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
    }

    @concurrent func handle(
        _ request: Request, context: Context, next: @concurrent (Request, Context) async throws -> Response
    ) async throws -> Response {
        let isAPI = request.uri.path.hasPrefix("/api/")
        var response: Response
        if isAPI, request.method == .options {
            response = Response(status: .noContent)
            response.headers[.accessControlAllowMethods] = "GET, HEAD, OPTIONS"
            response.headers[.accessControlAllowHeaders] = "If-None-Match, If-Modified-Since"
            response.headers[.accessControlMaxAge] = "86400"
        } else {
            response = try await next(request, context)
        }
        response.headers[.contentSecurityPolicy] = Self.policy
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[.referrerPolicy] = "no-referrer"
        if isAPI {
            response.headers[.accessControlAllowOrigin] = "*"
            response.headers[.accessControlExposeHeaders] = "ETag, Last-Modified, Link"
        }
        return response
    }
}

extension HTTPField.Name {
    // Valid header names: the initializer fails only for names with characters a token may not hold.
    static var referrerPolicy: Self { Self("Referrer-Policy") ?? .contentType }
    static var link: Self { Self("Link") ?? .contentType }
}
