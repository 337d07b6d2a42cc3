internal import Foundation
internal import Synchronization

/// Runs `body` on `count` threads of their own and returns when all have finished. Each
/// calls `start()` when its setup is done (e.g. connected); `start()` returns in all of
/// them at the same moment, so what follows really runs at once, whatever the core count.
public func together(_ count: Int, _ body: @escaping @Sendable (_ index: Int, _ start: () -> Void) -> Void) {
    let ready = DispatchGroup()
    let finished = DispatchGroup()
    let gate = DispatchSemaphore(value: 0)
    for index in 0..<count {
        ready.enter()
        finished.enter()
        Thread {
            let arrived = Mutex(false)
            func start() {
                let first = arrived.withLock { arrived in
                    defer { arrived = true }
                    return !arrived
                }
                guard first else { return }
                ready.leave()
                gate.wait()
            }
            body(index, start)
            start()  // a body that failed before calling start() must not hold the others
            finished.leave()
        }.start()
    }
    ready.wait()
    for _ in 0..<count { gate.signal() }
    finished.wait()
}

/// A barrier that `parties` threads pass together, again and again: round after round of a
/// race starts at the same moment in every thread.
public final class CyclicBarrier: @unchecked Sendable {
    private let condition = NSCondition()
    private let parties: Int
    private var waiting = 0
    private var generation = 0

    public init(parties: Int) {
        self.parties = parties
    }

    /// Blocks until all parties have called it in this round.
    public func wait() {
        condition.lock()
        defer { condition.unlock() }
        let round = generation
        waiting += 1
        if waiting == parties {
            waiting = 0
            generation += 1
            condition.broadcast()
            return
        }
        while round == generation { condition.wait() }
    }
}
