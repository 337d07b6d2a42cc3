import Foundation
import HTTPTypes
import Hummingbird
@testable import PublicWeb
import Synchronization
import Testing

/// The portal's answer cache under load: one build at a time per answer.
@Suite("the portal's answer cache")
struct ResponseCacheTests {
    private static func request(_ path: String) -> Request {
        Request(head: HTTPRequest(method: .get, scheme: "http", authority: "localhost", path: path), body: .init(buffer: ByteBuffer()))
    }

    private static func built(_ body: String) -> ResponseCache.Built {
        ResponseCache.Built(body: body, contentType: "text/plain", lastModified: nil)
    }

    private final class Count: Sendable {
        let value = Atomic<Int>(0)
    }

    @Test("while one request rebuilds an old answer, however long it takes, the others get the old one and build nothing")
    func noStampede() async throws {
        let cache = ResponseCache(lifetime: .milliseconds(50))
        let first = try await cache.respond(to: Self.request("/p")) { Self.built("first") }
        let firstTag = try #require(first.headers[.eTag])
        // Older than twice its lifetime, as after a quiet minute.
        try await Task.sleep(for: .milliseconds(150))
        let rebuilding = Task {
            try await cache.respond(to: Self.request("/p")) {
                try await Task.sleep(for: .milliseconds(400))
                return Self.built("second")
            }
        }
        try await Task.sleep(for: .milliseconds(100))
        let builds = Count()
        try await withThrowingTaskGroup(of: String?.self) { group in
            for _ in 0..<16 {
                group.addTask {
                    try await cache.respond(to: Self.request("/p")) {
                        builds.value.add(1, ordering: .relaxed)
                        return Self.built("stampede")
                    }.headers[.eTag]
                }
            }
            for try await tag in group { #expect(tag == firstTag) }
        }
        #expect(builds.value.load(ordering: .relaxed) == 0)
        let second = try await rebuilding.value
        #expect(second.headers[.eTag] != firstTag)
        // Built longer ago than its lifetime, it is old already: the next request builds it again, once.
        let after = Count()
        _ = try await cache.respond(to: Self.request("/p")) {
            after.value.add(1, ordering: .relaxed)
            return Self.built("third")
        }
        #expect(after.value.load(ordering: .relaxed) == 1)
    }
    @Test("a rebuild still running after the cache's patience is taken over by one request; the slow one, ending later, does not replace the newer answer")
    func hungRebuildIsTakenOver() async throws {
        let cache = ResponseCache(lifetime: .milliseconds(1_000), patience: .milliseconds(100))
        let first = try await cache.respond(to: Self.request("/p")) { Self.built("first") }
        try await Task.sleep(for: .milliseconds(1_050))
        let slow = Task {
            try await cache.respond(to: Self.request("/p")) {
                try await Task.sleep(for: .milliseconds(800))
                return Self.built("slow")
            }
        }
        try await Task.sleep(for: .milliseconds(40))
        let early = Count()
        let waited = try await cache.respond(to: Self.request("/p")) {
            early.value.add(1, ordering: .relaxed)
            return Self.built("too early")
        }
        #expect(early.value.load(ordering: .relaxed) == 0, "within its patience the rebuild is left alone")
        #expect(waited.headers[.eTag] == first.headers[.eTag])
        try await Task.sleep(for: .milliseconds(110))
        let takeover = try await cache.respond(to: Self.request("/p")) { Self.built("takeover") }
        #expect(takeover.headers[.eTag] != first.headers[.eTag])
        let slowAnswer = try await slow.value
        #expect(slowAnswer.headers[.eTag] != takeover.headers[.eTag])
        // The takeover's answer is still fresh, and the slow build's older one was not kept over it.
        let kept = try await cache.respond(to: Self.request("/p")) { Self.built("not built") }
        #expect(kept.headers[.eTag] == takeover.headers[.eTag])
    }
}
