internal import Foundation
internal import Hummingbird
internal import Synchronization

/// Answers built recently, by request path and query: a page or API answer is built from the
/// database at most once per `lifetime` however many ask for it, and served from memory in
/// between (with its ETag, so clients still revalidate). Published minutes change a few
/// times a week; a new publication shows within `lifetime` and the time one build takes.
/// When an answer grows old, one request builds it anew while the others get the old one
/// (no stampede on the database: a slow build is when the database can least take more);
/// a build still running after `patience` is taken over by one new request, so a build that
/// hangs does not keep an answer old for ever. Only successful answers are kept; errors are
/// built every time. At `capacity` answers, the cache starts afresh.
final class ResponseCache: Sendable {
    /// What a route builds: the body and how to label it.
    struct Built: Sendable {
        let body: String
        let contentType: String
        let lastModified: Date?
    }

    struct Answer: Sendable {
        let body: ByteBuffer
        let tag: String
        let lastModified: Date?
        let contentType: String
        let built: ContinuousClock.Instant
    }

    let lifetime: Duration
    let capacity: Int
    let patience: Duration
    /// The answers, and when each build still running began.
    private let state = Mutex<(answers: [String: Answer], rebuilding: [String: ContinuousClock.Instant])>(([:], [:]))

    init(lifetime: Duration, capacity: Int = 4096, patience: Duration = .seconds(30)) {
        self.lifetime = lifetime
        self.capacity = capacity
        self.patience = patience
    }

    /// The kept answer for this request if it is fresh (or being built anew), else the one
    /// `build` makes, kept.
    func respond(to request: Request, build: () async throws -> Built) async throws -> Response {
        guard lifetime > .zero else { return Revalidation.response(to: request, answer(try await build(), at: .now)) }
        let key = request.uri.description
        var now = ContinuousClock.now
        // The first request for a missing answer builds it; the others wait for it (a while).
        for _ in 0..<500 {
            let found: Found = state.withLock { state in
                guard let answer = state.answers[key] else {
                    if state.rebuilding[key] != nil { return .wait }
                    state.rebuilding[key] = now
                    return .build
                }
                if now - answer.built < lifetime { return .kept(answer) }
                // Old: one request rebuilds it; the others keep getting it until it is built.
                if let began = state.rebuilding[key], now - began < patience { return .kept(answer) }
                state.rebuilding[key] = now
                return .build
            }
            switch found {
            case .kept(let answer): return Revalidation.response(to: request, answer)
            case .build: return try await rebuild(key, request: request, at: now, build: build)
            case .wait:
                try await Task.sleep(for: .milliseconds(2))
                now = ContinuousClock.now
            }
        }
        return Revalidation.response(to: request, answer(try await build(), at: now))
    }

    private enum Found {
        case kept(Answer)
        case build
        case wait
    }

    private func rebuild(_ key: String, request: Request, at now: ContinuousClock.Instant, build: () async throws -> Built) async throws
        -> Response
    {
        let built: Built
        do {
            built = try await build()
        } catch {
            state.withLock { state in
                if state.rebuilding[key] == now { state.rebuilding.removeValue(forKey: key) }
            }
            throw error
        }
        let fresh = answer(built, at: now)
        state.withLock { state in
            // A build taken over (patience) may end after the one that took it over: the newer stays.
            if state.rebuilding[key] == now { state.rebuilding.removeValue(forKey: key) }
            if let kept = state.answers[key], kept.built > now { return }
            if state.answers.count >= capacity { state.answers.removeAll(keepingCapacity: true) }
            state.answers[key] = fresh
        }
        return Revalidation.response(to: request, fresh)
    }

    private func answer(_ built: Built, at instant: ContinuousClock.Instant) -> Answer {
        Answer(
            body: ByteBuffer(string: built.body), tag: Revalidation.tag(of: built.body), lastModified: built.lastModified,
            contentType: built.contentType, built: instant)
    }
}
