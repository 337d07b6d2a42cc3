internal import Hummingbird
internal import HTTPTypes
internal import Logging

/// Turns every error into its answer: a problem document under `/api/`, an HTML page
/// elsewhere. What went wrong inside (a database error) is logged, never shown.
struct ErrorPages<Context: RequestContext>: RouterMiddleware {
    let pages: PortalPages

    @concurrent func handle(
        _ request: Request, context: Context, next: @concurrent (Request, Context) async throws -> Response
    ) async throws -> Response {
        // Read-only: GET and HEAD (the router answers HEAD as GET without the body); OPTIONS for CORS preflights.
        guard [.get, .head, .options].contains(request.method) else {
            var response = answer(
                Problem(.methodNotAllowed, "Method not allowed", detail: "\(request.method.rawValue) is not taken; the portal only reads (GET, HEAD)"),
                to: request)
            response.headers[.allow] = "GET, HEAD, OPTIONS"
            return response
        }
        do {
            return try await next(request, context)
        } catch let problem as Problem {
            return answer(problem, to: request)
        } catch let error as any HTTPResponseError {
            let status = error.status
            let problem = status == .notFound
                ? Problem.notFound("this page")
                : Problem(status, status.reasonPhrase, detail: "the request could not be answered (\(status.code))")
            return answer(problem, to: request)
        } catch {
            context.logger.error("request failed: \(String(describing: error))", metadata: ["path": .string(request.uri.path)])
            return answer(Problem(.internalServerError, "Server error", detail: "the portal could not answer; try again later"), to: request)
        }
    }

    private func answer(_ problem: Problem, to request: Request) -> Response {
        let path = request.uri.path
        if path.hasPrefix("/api/") {
            return Response(
                status: problem.status, headers: [.contentType: "application/problem+json"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: problem.document(path: path))))
        }
        let language: PortalLanguage = path.hasPrefix("/sv/") || path == "/sv" ? .sv : .fi
        let page = (try? pages.error(language, problem)) ?? "<!DOCTYPE html><title>\(problem.status.code)</title>"
        return Response(
            status: problem.status, headers: [.contentType: "text/html; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: page)))
    }
}
