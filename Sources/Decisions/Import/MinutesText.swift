/// Real minutes text made comparable before anything is matched: the invisible and
/// look-alike characters that PDF text layers bring are removed or made plain, and a word
/// broken across lines is joined (issue 8, "Normalise what real text brings").
public enum MinutesText {
    /// Characters that carry nothing: zero-width spaces and joiners, word joiner, BOM, soft hyphen.
    static let invisible: Set<Unicode.Scalar> = ["\u{200B}", "\u{200C}", "\u{200D}", "\u{2060}", "\u{FEFF}", "\u{00AD}"]
    /// Spaces that are spaces: no-break, narrow no-break, figure, thin.
    static let spaces: Set<Unicode.Scalar> = ["\u{00A0}", "\u{202F}", "\u{2007}", "\u{2009}"]

    /// The text with line endings as `\n`, invisible characters removed, odd spaces as
    /// plain spaces, trailing spaces cut, and a word hyphenated across a line break joined:
    /// `käynnistä-` + `mistä` → `käynnistämistä`; a capital or a digit after the hyphen
    /// keeps it (`Etelä-` + `Pohjanmaan` → `Etelä-Pohjanmaan`).
    public static func normalized(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars where !invisible.contains(scalar) {
            if scalar == "\r" { continue }
            scalars.append(spaces.contains(scalar) ? " " : scalar)
        }
        var lines = String(scalars).split(separator: "\n", omittingEmptySubsequences: false).map { line in
            String(line.reversed().drop(while: { $0 == " " || $0 == "\t" }).reversed())
        }
        var index = 0
        while index + 1 < lines.count {
            let line = lines[index]
            let next = lines[index + 1].drop(while: { $0 == " " })
            let before = line.dropLast().last
            if line.hasSuffix("-"), let before, before.isLetter, let first = next.first, first.isLetter {
                lines[index] = first.isLowercase ? String(line.dropLast()) + next : line + next
                lines.remove(at: index + 1)
                continue
            }
            index += 1
        }
        return lines.joined(separator: "\n")
    }
}
