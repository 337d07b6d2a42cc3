internal import Foundation
internal import Crypto

/// Checks the audit chain event by event, in Swift, trusting nothing the database computed:
/// each event's hash is SHA-256 over the previous hash, a newline and its payload
/// (docs/audit.md); sequence numbers run from 1 without gaps; each event names the hash of
/// the one before it.
public struct ChainVerifier: Sendable {
    /// The hash before the first event.
    public static let genesis = String(repeating: "0", count: 64)

    /// What was wrong with the first event that did not hold.
    public struct Break: Error, Sendable, Equatable, CustomStringConvertible {
        public let seq: Int64
        public let reason: String

        public var description: String { "event \(seq): \(reason)" }
    }

    public private(set) var count: Int64 = 0
    public private(set) var head = ChainVerifier.genesis
    /// Whether a hash looked for (a published digest) has been seen in the chain.
    public private(set) var digestFound = false
    private let digest: String?

    public init(digest: String? = nil) {
        self.digest = digest?.lowercased()
    }

    /// Checks the next event. `seq`, `prevHash` and `hash` are the stored columns; the
    /// payload's own `seq`, organization and decision must match the columns kept beside it.
    public mutating func check(seq: Int64, prevHash: String, hash: String, payload: String, organizationID: Int64?, decisionID: Int64?)
        throws(Break)
    {
        let expectedSeq = count + 1
        guard seq == expectedSeq else {
            throw Break(
                seq: seq,
                reason: seq > expectedSeq
                    ? "events \(expectedSeq)–\(seq - 1) are missing: after \(count) comes \(seq)"
                    : "comes out of order after \(count)")
        }
        guard prevHash == head else {
            throw Break(seq: seq, reason: "does not follow event \(count): it names \(prevHash.prefix(12))… as the hash before it, but that is \(head.prefix(12))…")
        }
        let computed = SHA256.hash(data: Data((prevHash + "\n" + payload).utf8)).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
        guard computed == hash else {
            throw Break(seq: seq, reason: "its content was changed: its stored hash \(hash.prefix(12))… does not match its payload (\(computed.prefix(12))…)")
        }
        guard let object = try? JSONSerialization.jsonObject(with: Data(payload.utf8)) as? [String: Any] else {
            throw Break(seq: seq, reason: "its payload is not a JSON object")
        }
        guard (object["seq"] as? NSNumber)?.int64Value == seq else {
            throw Break(seq: seq, reason: "its payload records seq \(object["seq"].map { "\($0)" } ?? "none"), not \(seq)")
        }
        guard Self.id(object["organization_id"]) == organizationID, Self.id(object["decision_id"]) == decisionID else {
            throw Break(seq: seq, reason: "its organization or decision column was changed: it no longer matches the payload")
        }
        count = seq
        head = hash
        if hash == digest { digestFound = true }
    }

    private static func id(_ value: Any?) -> Int64? {
        (value as? NSNumber)?.int64Value
    }
}
