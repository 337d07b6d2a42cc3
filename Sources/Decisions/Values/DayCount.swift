/// A number of days, as `--within 14d` gives it: `14`, `14d`, `2w` (weeks). Nothing else.
public struct DayCount: Hashable, Sendable, CustomStringConvertible {
    public let days: Int

    /// The longest span accepted: ten years.
    public static let maximum = 3653

    public init(days: Int) {
        self.days = days
    }

    public init(parsing input: String) throws(FieldError) {
        let text = input.trimmingWhitespace().lowercased()
        let fail = FieldError(field: "days", value: input, expected: "a number of days like 14, 14d or 2w")
        var digits = Substring(text)
        var unit = 1
        if let last = digits.last, last == "d" || last == "w" {
            unit = last == "w" ? 7 : 1
            digits = digits.dropLast()
        }
        guard !digits.isEmpty, digits.count <= 5, digits.allSatisfy(\.isASCIIDigit), let count = Int(digits) else { throw fail }
        guard count * unit <= Self.maximum else {
            throw FieldError(field: "days", value: input, expected: "at most \(Self.maximum) days")
        }
        days = count * unit
    }

    /// `14d`.
    public var description: String { "\(days)d" }
}
