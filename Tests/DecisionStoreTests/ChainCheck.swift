import DecisionStore
import Postgres

/// Checks the whole chain as `pykala audit verify` does (each hash recomputed from its
/// payload): the verifier as it ended, and the break, if any.
func verifyChain(on connection: Connection, digest: String? = nil) throws -> (verifier: ChainVerifier, problem: ChainVerifier.Break?) {
    var verifier = ChainVerifier(digest: digest)
    do {
        _ = try AuditLog.forEachEvent(on: connection) { stored in
            try verifier.check(
                seq: stored.seq, prevHash: stored.prevHash, hash: stored.hash, payload: stored.payload,
                organizationID: stored.organizationID, decisionID: stored.decisionID)
        }
        return (verifier, nil)
    } catch let error as ChainVerifier.Break {
        return (verifier, error)
    }
}
