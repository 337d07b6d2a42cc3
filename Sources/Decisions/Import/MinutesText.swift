/// One line of minutes as the importer reads it: its text, made comparable, and the lines
/// of the file it came from (two when a word hyphenated across lines was joined), so that
/// every value found can be traced back (`pykala import minutes --explain`).
public struct MinutesLine: Sendable, Equatable {
    /// The first line of the file this text comes from (1-based).
    public let number: Int
    /// The last line it comes from; `number` unless lines were joined.
    public var last: Int
    public var text: String

    public init(number: Int, last: Int? = nil, text: String) {
        self.number = number
        self.last = last ?? number
        self.text = text
    }

    public var isBlank: Bool { text.allSatisfy { $0 == " " || $0 == "\t" } }
}

/// Real minutes text made comparable before anything is matched: the invisible and
/// look-alike characters that PDF text layers bring are removed or made plain, page
/// headings and footers repeated inside a section are taken out, and a word broken across
/// lines is joined (issue 8, "Normalise what real text brings").
public enum MinutesText {
    /// Characters that carry nothing: zero-width spaces and joiners, word joiner, BOM, soft hyphen.
    static let invisible: Set<Unicode.Scalar> = ["\u{200B}", "\u{200C}", "\u{200D}", "\u{2060}", "\u{FEFF}", "\u{00AD}"]
    /// Spaces that are spaces: no-break, narrow no-break, figure, thin.
    static let spaces: Set<Unicode.Scalar> = ["\u{00A0}", "\u{202F}", "\u{2007}", "\u{2009}"]

    /// The text as ``normalizedLines(_:)``, joined with `\n`.
    public static func normalized(_ text: String) -> String {
        normalizedLines(text).map(\.text).joined(separator: "\n")
    }

    /// The lines of `text` with line endings as `\n`, invisible characters removed, runs of
    /// spaces, tabs and odd spaces as one plain space, trailing spaces cut, page headings and footers removed
    /// (``MinutesPages``), and a word hyphenated across a line break joined:
    /// `käynnistä-` + `mistä` → `käynnistämistä`; a capital after the hyphen keeps it
    /// (`Etelä-` + `Pohjanmaan` → `Etelä-Pohjanmaan`).
    public static func normalizedLines(_ text: String) -> [MinutesLine] {
        joinHyphenated(MinutesPages.removingHeadings(plainLines(text)).lines)
    }

    /// Numbered lines with characters made plain, nothing removed or joined.
    public static func plainLines(_ text: String) -> [MinutesLine] {
        var scalars = String.UnicodeScalarView()
        var previousSpace = false
        for scalar in text.unicodeScalars where !invisible.contains(scalar) {
            if scalar == "\r" { continue }
            // Runs of spaces and tabs are one space: layout, not content.
            let isSpace = scalar == " " || scalar == "\t" || spaces.contains(scalar)
            if isSpace, previousSpace { continue }
            previousSpace = isSpace
            scalars.append(isSpace ? " " : scalar)
        }
        return String(scalars).split(separator: "\n", omittingEmptySubsequences: false).enumerated().map { index, line in
            MinutesLine(number: index + 1, text: String(line.reversed().drop(while: { $0 == " " }).reversed()))
        }
    }

    static func joinHyphenated(_ input: [MinutesLine]) -> [MinutesLine] {
        var lines = input
        var index = 0
        while index + 1 < lines.count {
            let line = lines[index].text
            let next = lines[index + 1].text.drop(while: { $0 == " " })
            let before = line.dropLast().last
            if line.hasSuffix(" -"), let first = next.first, first.isLowercase {
                // "Vihreät tekijät -" + "hankkeelle": a hyphen that attaches to a name.
                lines[index].text = line + next
                lines[index].last = lines[index + 1].last
                lines.remove(at: index + 1)
                continue
            }
            if line.hasSuffix("-"), let before, before.isLetter, let first = next.first, first.isLetter {
                lines[index].text = keepsHyphen(String(line.dropLast()), next) ? line + next : String(line.dropLast()) + next
                lines[index].last = lines[index + 1].last
                lines.remove(at: index + 1)
                continue
            }
            index += 1
        }
        return lines
    }

    /// Whether a hyphen at a line break belongs to the word: before a capital
    /// (`Etelä-Pohjanmaan`), after an abbreviation (`pk-yrityksissä`, `ELY-keskus`), or
    /// between two equal vowels (`vuokra-alue`, Finnish spelling); otherwise it only broke the line.
    static func keepsHyphen(_ before: String, _ after: Substring) -> Bool {
        guard let first = after.first, let last = before.last else { return false }
        let word = before.split(separator: " ").last ?? ""
        if first.isUppercase || last.isUppercase || word.count <= 3 { return true }
        return "aeiouyäöå".contains(first) && first == last
    }
}
