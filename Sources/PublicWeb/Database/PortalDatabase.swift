public import DecisionStore
internal import NIOPosix
public import Postgres
internal import Synchronization

/// Connections of the portal's login, lent to one request at a time. libpq blocks, so each
/// read runs on NIO's thread pool, never on an event loop.
public final class PortalDatabase: Sendable {
    /// One connection; a pool hands it to one read at a time, so it never crosses threads at once.
    final class Lease: @unchecked Sendable {
        let connection: Connection
        init(_ connection: Connection) { self.connection = connection }
    }

    private let target: DatabaseTarget
    private let idle = Mutex<[Lease]>([])
    private let keep: Int

    /// Connects (once, to check the login) to `target`: it must be a login that may read the
    /// public views and nothing else (see ``PortalLogin``).
    public init(target: DatabaseTarget, keep: Int = 8) throws {
        self.target = target
        self.keep = keep
        let first = try target.connect()
        try PortalLogin.check(on: first)
        idle.withLock { $0.append(Lease(first)) }
    }

    /// Runs `body` with a connection on the thread pool.
    public func read<T: Sendable>(_ body: @escaping @Sendable (Connection) throws -> T) async throws -> T {
        let lease = try idle.withLock { $0.popLast() } ?? Lease(target.connect())
        do {
            let result = try await NIOThreadPool.singleton.runIfActive { try body(lease.connection) }
            giveBack(lease)
            return result
        } catch let error as PostgresError where error.kind == .connectionLost || error.kind == .connectionFailed {
            throw error  // the connection is dropped, not given back
        } catch {
            giveBack(lease)
            throw error
        }
    }

    private func giveBack(_ lease: Lease) {
        idle.withLock { leases in
            if leases.count < keep { leases.append(lease) }
        }
    }
}
