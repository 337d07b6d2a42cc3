internal import Foundation

/// Runs a producer on a thread of its own, one item ahead of its consumer: while the caller
/// stores one batch, the next is being read.
final class Prefetcher<Item: Sendable>: @unchecked Sendable {
    // @unchecked: `waiting` and `stopped` are only touched with `condition` locked.
    private let condition = NSCondition()
    private var waiting: Result<Item?, any Error>?
    private var stopped = false

    /// Starts producing: `step` is called on the producer's thread with `state` until it
    /// returns nil or throws; each item waits there until ``next()`` takes it.
    init<State: Sendable>(state: State, step: @escaping @Sendable (inout State) throws -> Item?) {
        Thread.detachNewThread { [self] in
            var state = state
            while true {
                let produced = Result { try step(&state) }
                condition.lock()
                while waiting != nil, !stopped { condition.wait() }
                if stopped {
                    condition.unlock()
                    return
                }
                waiting = produced
                condition.broadcast()
                condition.unlock()
                if case .success(let item) = produced, item != nil { continue }
                return
            }
        }
    }

    /// The next item, waiting for it if needed: nil after the last, or once stopped; the
    /// producer's error, if it threw.
    func next() throws -> Item? {
        condition.lock()
        defer { condition.unlock() }
        while waiting == nil, !stopped { condition.wait() }
        guard let taken = waiting else { return nil }  // stopped: nothing more comes
        // An item makes room for the next; the end, or the producer's error, stays for later calls.
        if case .success(let item) = taken, item != nil {
            waiting = nil
            condition.broadcast()
        }
        return try taken.get()
    }

    /// Lets the producer's thread end without producing more.
    func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        condition.unlock()
    }
}
