public import Foundation

extension UUID {
    /// A new request id: a version 7 UUID (RFC 9562), the Unix time in milliseconds in its
    /// first 48 bits and random bits after them.
    ///
    /// Ids made in a later millisecond sort later, in PostgreSQL's `uuid` order too (within one
    /// millisecond, at random), so the unique indexes that keep request ids
    /// (`decision_history.request_id`, the requests' record) take each new one near their
    /// end. A random (version 4) id lands on any page of the index: after a checkpoint,
    /// nearly every write then logged a whole 8 KB page of it.
    public static func timeOrdered(at date: Date = Date()) -> UUID {
        var generator = SystemRandomNumberGenerator()
        let milliseconds = date.timeIntervalSince1970 > 0 ? UInt64(date.timeIntervalSince1970 * 1000) : 0
        return timeOrdered(milliseconds: milliseconds, using: &generator)
    }

    /// A version 7 UUID for `milliseconds` since 1970 (its low 48 bits), the rest from `generator`.
    public static func timeOrdered<Generator: RandomNumberGenerator>(
        milliseconds: UInt64, using generator: inout Generator
    ) -> UUID {
        let first = generator.next() as UInt64
        let second = generator.next() as UInt64
        func byte(_ value: UInt64, _ shift: UInt64) -> UInt8 { UInt8(truncatingIfNeeded: value >> shift) }
        return UUID(uuid: (
            byte(milliseconds, 40), byte(milliseconds, 32), byte(milliseconds, 24),
            byte(milliseconds, 16), byte(milliseconds, 8), byte(milliseconds, 0),
            0x70 | byte(first, 8) & 0x0F, byte(first, 0),  // version 7, then 12 random bits
            0x80 | byte(second, 56) & 0x3F, byte(second, 48), byte(second, 40),  // variant 10, then 62 random bits
            byte(second, 32), byte(second, 24), byte(second, 16), byte(second, 8), byte(second, 0)
        ))
    }
}
