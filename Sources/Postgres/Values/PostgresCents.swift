/// A `numeric` (or integer) amount read exactly as integer hundredths, e.g. `1000.50` → 100 050.
/// A value with more than two decimals is refused, never rounded.
public struct PostgresCents: Hashable, Sendable, PostgresDecodable {
    public let cents: Int64

    public init(cents: Int64) { self.cents = cents }

    public init(from cell: PostgresCell) throws {
        try cell.require([.numeric, .int2, .int4, .int8])
        let text = try cell.text()
        guard PostgresNumericText.isPlainDecimal(text) else { throw PostgresDecodingFailure.invalid("a finite amount") }
        let negative = text.hasPrefix("-")
        let unsigned = negative ? text.dropFirst() : Substring(text)
        let parts = unsigned.split(separator: ".", omittingEmptySubsequences: false)
        var fraction = parts.count == 2 ? String(parts[1]) : ""
        while fraction.count > 2, fraction.hasSuffix("0") { fraction.removeLast() }
        guard fraction.count <= 2 else { throw PostgresDecodingFailure.invalid("an amount with at most two decimals") }
        fraction += String(repeating: "0", count: 2 - fraction.count)
        guard let whole = Int64(parts[0]), let hundredths = Int64(fraction) else {
            throw PostgresDecodingFailure.invalid("an amount that fits in 64 bits")
        }
        let (scaled, overflow1) = whole.multipliedReportingOverflow(by: 100)
        let (total, overflow2) = scaled.addingReportingOverflow(hundredths)
        guard !overflow1, !overflow2 else { throw PostgresDecodingFailure.invalid("an amount that fits in 64 bits") }
        cents = negative ? -total : total
    }
}
