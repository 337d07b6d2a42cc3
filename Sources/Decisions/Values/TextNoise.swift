/// Characters that real documents carry but that change no meaning.
enum TextNoise {
    /// Zero-width spaces and joiners, the word joiner, the byte-order mark and soft hyphens.
    static let invisible: Set<Unicode.Scalar> = ["\u{200B}", "\u{200C}", "\u{200D}", "\u{2060}", "\u{FEFF}", "\u{00AD}"]
    /// Spaces that separate digit groups: space, no-break, narrow no-break, thin.
    static let groupSpaces: Set<Unicode.Scalar> = [" ", "\u{00A0}", "\u{202F}", "\u{2009}"]

    /// `text` without invisible characters, trimmed of surrounding white space.
    static func cleaned(_ text: String) -> String {
        var scalars = String.UnicodeScalarView(text.unicodeScalars.filter { !invisible.contains($0) })
        while let first = scalars.first, first.properties.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.properties.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}
