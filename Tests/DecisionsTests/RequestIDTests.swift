import Decisions
import Foundation
import PropertyBased
import Testing

@Suite("request ids")
struct RequestIDTests {
    /// The id's 16 bytes, in the order PostgreSQL compares `uuid` values (memcmp).
    private static func bytes(_ id: UUID) -> [UInt8] { withUnsafeBytes(of: id.uuid) { Array($0) } }

    @Test("a version 7 UUID: the milliseconds in its first 48 bits, then version 7 and the RFC 9562 variant")
    func layout() {
        // 2020-02-20 00:00:00 UTC is 1 582 156 800 000 ms: 0x0170_5FE4_E000.
        let id = UUID.timeOrdered(at: Date(timeIntervalSince1970: 1_582_156_800))
        let text = id.uuidString.lowercased()
        #expect(text.hasPrefix("01705fe4-e000-7"))
        #expect("89ab".contains(text[text.index(text.startIndex, offsetBy: 19)]))
        #expect(UUID(uuidString: id.uuidString) == id)
    }

    @Test("an id made at a later millisecond sorts after, whatever its random bits")
    func laterSortsAfter() async {
        await propertyCheck(
            count: 2000, input: Gen.uint64(in: 0...(1 << 48) - 2), Gen.uint64(in: 1...1_000_000), Gen.uint64(in: 0...UInt64.max)
        ) { milliseconds, step, seed in
            var generator = SplitMix(seed)
            let earlier = UUID.timeOrdered(milliseconds: milliseconds, using: &generator)
            let later = UUID.timeOrdered(milliseconds: min(milliseconds + step, (1 << 48) - 1), using: &generator)
            #expect(Self.bytes(earlier).lexicographicallyPrecedes(Self.bytes(later)))
            for id in [earlier, later] {
                #expect(Self.bytes(id)[6] >> 4 == 7)
                #expect(Self.bytes(id)[8] >> 6 == 0b10)
            }
        }
    }

    @Test("ids made one after another differ")
    func distinct() {
        let ids = (0..<10_000).map { _ in UUID.timeOrdered() }
        #expect(Set(ids).count == ids.count)
    }
}

/// A seeded generator, so that a failing case repeats.
private struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(_ seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
