/// Finds the elements of a file that is one JSON array, without parsing them, so a long
/// file of decisions can be read one element at a time.
///
/// Only plain JSON is split: any YAML syntax outside strings (single quotes, comments,
/// anchors, aliases, tags, directives), a byte-order mark, text after the array or an
/// unbalanced bracket gives `nil`, and the file is read whole, as YAML, as before.
enum JSONArraySplitter {
    /// One element's text and where it starts (1-based line, and column in characters).
    struct Element: Sendable {
        let text: Substring
        let line: Int
        let column: Int
    }

    /// The elements of `text`, in order, or nil when `text` is not a plain non-empty JSON array.
    static func elements(of text: String) -> [Element]? {
        var text = text
        return text.withUTF8 { bytes in split(bytes) }.map { ranges in
            ranges.map { range in
                let start = text.utf8.index(text.utf8.startIndex, offsetBy: range.start)
                let end = text.utf8.index(start, offsetBy: range.end - range.start)
                return Element(text: text[start..<end], line: range.line, column: range.column)
            }
        }
    }

    private struct Range {
        let start: Int
        let end: Int
        let line: Int
        let column: Int
    }

    private static func split(_ bytes: UnsafeBufferPointer<UInt8>) -> [Range]? {
        var ranges: [Range] = []
        var index = 0
        var line = 1
        var lineStart = 0
        // Columns are counted from the last place counted on the same line, so a file on one
        // line is still read once.
        var counted = (lineStart: 0, offset: 0, characters: 1)
        func column(at offset: Int) -> Int {
            if counted.lineStart != lineStart { counted = (lineStart, lineStart, 1) }
            // Characters, as YAML counts them: bytes that do not continue a UTF-8 sequence.
            while counted.offset < offset {
                if bytes[counted.offset] & 0xC0 != 0x80 { counted.characters += 1 }
                counted.offset += 1
            }
            return counted.characters
        }
        func skipSpace() {
            while index < bytes.count {
                switch bytes[index] {
                case UInt8(ascii: "\n"):
                    line += 1
                    lineStart = index + 1
                case UInt8(ascii: " "), UInt8(ascii: "\r"): break
                default: return  // a tab too: YAML refuses some outside the array, so the whole file decides
                }
                index += 1
            }
        }
        skipSpace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: "[") else { return nil }
        index += 1
        while true {
            skipSpace()
            guard index < bytes.count, bytes[index] != UInt8(ascii: "]"), bytes[index] != UInt8(ascii: ",") else { return nil }
            let start = index
            let startLine = line
            let startColumn = column(at: index)
            var depth = 0
            var inString = false
            scan: while index < bytes.count {
                let byte = bytes[index]
                if inString {
                    switch byte {
                    case UInt8(ascii: "\\"): index += 1
                    case UInt8(ascii: "\""): inString = false
                    case UInt8(ascii: "\n"):
                        line += 1
                        lineStart = index + 1
                    default: break
                    }
                } else {
                    switch byte {
                    case UInt8(ascii: "\""): inString = true
                    case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                    case UInt8(ascii: "}"), UInt8(ascii: "]"):
                        if depth == 0 { break scan }
                        depth -= 1
                    case UInt8(ascii: ","):
                        if depth == 0 { break scan }
                    case UInt8(ascii: "\n"):
                        line += 1
                        lineStart = index + 1
                    case UInt8(ascii: "'"), UInt8(ascii: "#"), UInt8(ascii: "&"), UInt8(ascii: "*"), UInt8(ascii: "!"),
                        UInt8(ascii: "%"), UInt8(ascii: "|"), UInt8(ascii: ">"), UInt8(ascii: "?"):
                        return nil
                    default: break
                    }
                }
                index += 1
            }
            guard index < bytes.count, !inString else { return nil }
            ranges.append(Range(start: start, end: index, line: startLine, column: startColumn))
            if bytes[index] == UInt8(ascii: "]") {
                index += 1
                skipSpace()
                return index == bytes.count ? ranges : nil
            }
            index += 1  // the comma
        }
    }
}
