/// An amount of euros as integer cents. Never floating point.
///
/// ``init(parsing:)`` reads what Finnish documents write — `1000`, `1 000 €`, `1.000 euroa`,
/// `1000,00 €`, `24.881,52`, `1,5` (= 1,50 €) — and refuses what could mean two things
/// (`1.5`, `1,505`). ``description`` formats the Finnish way: `1 000,00 €`.
public struct Money: Hashable, Sendable, Comparable, Codable, CustomStringConvertible {
    public let cents: Int64

    public init(cents: Int64) { self.cents = cents }

    public static let zero = Money(cents: 0)

    public static func < (lhs: Money, rhs: Money) -> Bool { lhs.cents < rhs.cents }

    /// The sum, or nil if it would not fit in 64 bits.
    public static func sum(_ amounts: some Sequence<Money>) -> Money? {
        var total: Int64 = 0
        for amount in amounts {
            let (next, overflow) = total.addingReportingOverflow(amount.cents)
            if overflow { return nil }
            total = next
        }
        return Money(cents: total)
    }

    /// `1 000,00 €`, `-12,50 €`.
    public var description: String { formatted(currencySymbol: true) }

    /// The Finnish form, digit groups separated by `groupSeparator`.
    public func formatted(currencySymbol: Bool = true, groupSeparator: String = " ") -> String {
        let magnitude = cents.magnitude
        let euros = String(magnitude / 100)
        var grouped = ""
        for (index, digit) in euros.enumerated() {
            if index > 0, (euros.count - index) % 3 == 0 { grouped += groupSeparator }
            grouped.append(digit)
        }
        let fraction = magnitude % 100
        let text = (cents < 0 ? "-" : "") + grouped + "," + (fraction < 10 ? "0" : "") + String(fraction)
        return currencySymbol ? text + " €" : text
    }

    /// Reads an amount of euros; throws ``MoneyParseError`` saying what was expected.
    public init(parsing input: String) throws {
        self = try MoneyParser.parse(input)
    }

    public init(from decoder: any Decoder) throws {
        cents = try decoder.singleValueContainer().decode(Int64.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(cents)
    }
}

/// Why a text is not an amount.
public struct MoneyParseError: Error, Sendable, Equatable, CustomStringConvertible {
    public let input: String
    public let reason: String
    public var description: String {
        "\"\(input)\" is not an amount of euros: \(reason). Write e.g. 1000, 1 000 €, 1.000 euroa or 1 000,50 €."
    }
}

enum MoneyParser {
    private static let currencyWords = ["euroa", "euro", "eur", "e", "€"]

    static func parse(_ input: String) throws -> Money {
        func fail(_ reason: String) -> MoneyParseError { MoneyParseError(input: input, reason: reason) }
        var text = TextNoise.cleaned(input)
        guard !text.isEmpty else { throw fail("it is empty") }
        var negative = false
        if let first = text.unicodeScalars.first, first == "-" || first == "\u{2212}" {
            negative = true
            text = String(text.unicodeScalars.dropFirst())
        }
        if text.hasPrefix("€") { text = String(text.dropFirst()) }
        let lowered = text.lowercased()
        for word in currencyWords where lowered.hasSuffix(word) {
            let stem = text.dropLast(word.count)
            // "e" alone only as a suffix after a digit or space, so "1e5" is not euros.
            if word == "e", let last = stem.unicodeScalars.last, !(TextNoise.groupSpaces.contains(last) || ("0"..."9").contains(last)) {
                continue
            }
            text = String(stem)
            break
        }
        text = TextNoise.cleaned(text)
        // "1000,-" means whole euros.
        if text.hasSuffix(",-") || text.hasSuffix(",–") { text = String(text.dropLast(2)) }
        guard !text.isEmpty else { throw fail("there is no number in it") }

        var integerPart = text
        var fractionPart = ""
        let commas = text.filter { $0 == "," }.count
        let points = text.filter { $0 == "." }.count
        if commas > 1 { throw fail("it has more than one decimal comma") }
        if commas == 1 {
            let parts = text.split(separator: ",", omittingEmptySubsequences: false)
            integerPart = String(parts[0])
            fractionPart = String(parts[1])
            guard (1...2).contains(fractionPart.count), fractionPart.allSatisfy(\.isASCIIDigit) else {
                throw fail("after the decimal comma there must be one or two digits (cents)")
            }
        } else if points == 1, let tail = text.split(separator: ".").last, tail.count != 3 {
            throw fail("a point can mean decimals or thousands here; use a comma for decimals (1,50) or group thousands by three (1.000)")
        }
        let euros = try groupedDigits(integerPart, fail: fail)
        let hundredths = fractionPart.isEmpty ? 0 : Int64(fractionPart.count == 1 ? fractionPart + "0" : fractionPart) ?? 0
        let (scaled, overflow1) = euros.multipliedReportingOverflow(by: 100)
        let (total, overflow2) = scaled.addingReportingOverflow(hundredths)
        guard !overflow1, !overflow2 else { throw fail("it is too large") }
        return Money(cents: negative ? -total : total)
    }

    /// Digits, optionally in groups of three separated by points or spaces (one kind).
    private static func groupedDigits(_ text: String, fail: (String) -> MoneyParseError) throws -> Int64 {
        var groups: [Substring] = []
        var separators: Set<Character> = []
        var start = text.startIndex
        for index in text.indices {
            let character = text[index]
            if character == "." || character.unicodeScalars.allSatisfy({ TextNoise.groupSpaces.contains($0) }) {
                separators.insert(character == "." ? "." : " ")
                groups.append(text[start..<index])
                start = text.index(after: index)
            } else if !character.isASCIIDigit {
                throw fail("\"\(character)\" is not a digit")
            }
        }
        groups.append(text[start...])
        guard separators.count <= 1 else { throw fail("it mixes points and spaces between digit groups") }
        guard groups.allSatisfy({ !$0.isEmpty }) else { throw fail("a digit group is empty") }
        if groups.count > 1 {
            guard (1...3).contains(groups[0].count), groups.dropFirst().allSatisfy({ $0.count == 3 }) else {
                throw fail("thousands must be grouped by three digits (1 000 000)")
            }
        }
        let digits = groups.joined()
        guard digits.count <= 16, let value = Int64(digits) else { throw fail("it is too large") }
        return value
    }
}

extension Character {
    /// 0–9 only (`isNumber` alone takes other scripts' digits and fractions too).
    public var isASCIIDigit: Bool { isASCII && isNumber }
}
