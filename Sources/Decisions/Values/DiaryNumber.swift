/// A case's diary number (diaarinumero).
///
/// The usual form is `running/classification/year`, e.g. `2265/15.151/2020`, where the
/// running number counts per organization and year. Identifiers of other systems
/// (`LAPDno-2025-763`, `KH 123/2020`) are kept verbatim.
public enum DiaryNumber: Hashable, Sendable, CustomStringConvertible {
    case structured(running: Int, classification: String, year: Int)
    case verbatim(String)

    public static let maximumLength = 100

    public init(parsing input: String) throws {
        let text = TextNoise.cleaned(input)
        func fail(_ reason: String) -> DiaryNumberParseError { DiaryNumberParseError(input: input, reason: reason) }
        guard !text.isEmpty else { throw fail("it is empty") }
        guard text.count <= Self.maximumLength else { throw fail("it is longer than \(Self.maximumLength) characters") }
        guard !text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw fail("it contains control characters")
        }
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        if parts.count == 3, let running = Int(parts[0]), parts[0].allSatisfy(\.isASCIIDigit),
            parts[2].count == 4, parts[2].allSatisfy(\.isASCIIDigit), let year = Int(parts[2])
        {
            let classification = String(parts[1])
            let isCode = !classification.isEmpty && classification.allSatisfy { $0.isASCIIDigit || $0 == "." }
                && !classification.hasPrefix(".") && !classification.hasSuffix(".") && !classification.contains("..")
            guard isCode else { throw fail("the classification \"\(classification)\" must be digits and points, e.g. 15.151") }
            guard running > 0 else { throw fail("the running number starts at 1") }
            // The register keeps it as a PostgreSQL integer.
            guard running <= Int(Int32.max) else { throw fail("the running number is at most \(Int32.max)") }
            guard CalendarDate.years.contains(year) else { throw fail("the year \(year) is out of range") }
            self = .structured(running: running, classification: classification, year: year)
            return
        }
        guard text.contains(where: \.isASCIIDigit) else { throw fail("a diary number contains digits") }
        // Digits and slashes only, in three or more parts: a running/classification/year that
        // went wrong (`2265/15.151/20`), not another system's identifier; refused, not kept.
        if parts.count >= 3, text.allSatisfy({ $0.isASCIIDigit || "./-, ".contains($0) }) {
            throw fail("it has the form running/classification/year but is not one (a running number from 1, digits and points, a four-digit year)")
        }
        self = .verbatim(text)
    }

    public var description: String {
        switch self {
        case .structured(let running, let classification, let year): "\(running)/\(classification)/\(year)"
        case .verbatim(let text): text
        }
    }
}

/// Why a text is not a diary number.
public struct DiaryNumberParseError: Error, Sendable, Equatable, CustomStringConvertible {
    public let input: String
    public let reason: String
    public var description: String {
        "\"\(input)\" is not a diary number: \(reason). Write e.g. 2265/15.151/2020."
    }
}
