@testable import DecisionStore
import Testing

/// The producer thread that reads a file's next batch while the current one is stored.
@Suite("reading one item ahead on another thread")
struct PrefetcherTests {
    struct Broken: Error, Equatable {}

    @Test("items come in order, then the end, as often as asked")
    func inOrder() throws {
        let items = Prefetcher(state: 0) { (count: inout Int) -> Int? in
            count += 1
            return count <= 5 ? count : nil
        }
        var seen: [Int] = []
        while let item = try items.next() { seen.append(item) }
        #expect(seen == [1, 2, 3, 4, 5])
        #expect(try items.next() == nil)
    }

    @Test("the producer's error reaches the consumer, and stays")
    func error() {
        let items = Prefetcher(state: 0) { (count: inout Int) throws -> Int? in
            count += 1
            if count == 3 { throw Broken() }
            return count
        }
        #expect(throws: Broken.self) { while try items.next() != nil {} }
        #expect(throws: Broken.self) { try items.next() }
    }

    @Test("once stopped, the producer ends and next() returns nil instead of waiting")
    func stopped() throws {
        let items = Prefetcher(state: 0) { (count: inout Int) -> Int? in
            count += 1
            return count
        }
        #expect(try items.next() == 1)
        items.stop()
        var more = 0
        while try items.next() != nil { more += 1 }
        #expect(more <= 1)  // at most the item already waiting
    }
}
