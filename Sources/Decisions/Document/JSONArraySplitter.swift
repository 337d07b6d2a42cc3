/// Finds the elements of a file that is one JSON array of objects, without parsing them, so
/// a long file of decisions can be read one element at a time.
///
/// Only plain JSON is split, so that each element reads alone exactly as it reads in the
/// whole file: outside strings only JSON's own tokens (structure, numbers, true, false,
/// null); every element an object; line breaks `\n` or `\r\n` only. Anything else (YAML
/// syntax, a NUL byte, a byte-order mark, a tab before or after the array, other line
/// breaks, text after the array, an unbalanced bracket) gives `nil`, and the file is read
/// whole, as YAML.
enum JSONArraySplitter {
    /// One element's text and where it starts (1-based line, and column in characters).
    struct Element: Sendable {
        let text: Substring
        let line: Int
        let column: Int
    }

    /// The elements of `text`, in order, or nil when `text` is not a plain non-empty JSON array of objects.
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

    /// Bytes that may stand outside strings: JSON's structure, white space, and the
    /// characters of numbers, true, false and null.
    private static let tokenBytes: [Bool] = {
        var table = [Bool](repeating: false, count: 256)
        for byte in " \t\n\r{}[],:0123456789+-.eEtrufalsn".utf8 { table[Int(byte)] = true }
        return table
    }()

    /// Bytes a string's content may hold that need no closer look: not its end, an escape,
    /// a line break, NUL, or the first byte of NEL, LINE or PARAGRAPH SEPARATOR.
    private static let plainStringBytes: [Bool] = {
        var table = [Bool](repeating: true, count: 256)
        for byte: UInt8 in [0, UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "\n"), UInt8(ascii: "\r"), 0xC2, 0xE2] {
            table[Int(byte)] = false
        }
        return table
    }()

    private static func split(_ bytes: UnsafeBufferPointer<UInt8>) -> [Range]? {
        let tokenBytes = Self.tokenBytes  // once: each use of the static checks that it is initialized
        let plainStringBytes = Self.plainStringBytes
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
        /// Whether the byte at `index` is a line break YAML counts and this scanner does not:
        /// a lone carriage return, NEL, LINE or PARAGRAPH SEPARATOR.
        func otherLineBreak() -> Bool {
            switch bytes[index] {
            case UInt8(ascii: "\r"): return index + 1 >= bytes.count || bytes[index + 1] != UInt8(ascii: "\n")
            case 0xC2: return index + 1 < bytes.count && bytes[index + 1] == 0x85
            case 0xE2: return index + 2 < bytes.count && bytes[index + 1] == 0x80 && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9)
            default: return false
            }
        }
        /// Skips white space; false at anything else that is not white space to YAML either.
        func skipSpace(tabs: Bool) -> Bool {
            while index < bytes.count {
                switch bytes[index] {
                case UInt8(ascii: "\n"):
                    line += 1
                    lineStart = index + 1
                case UInt8(ascii: " "): break
                case UInt8(ascii: "\r"): if otherLineBreak() { return false }
                case UInt8(ascii: "\t"): if !tabs { return false }  // YAML refuses some outside the array
                default: return true
                }
                index += 1
            }
            return true
        }
        guard skipSpace(tabs: false), index < bytes.count, bytes[index] == UInt8(ascii: "[") else { return nil }
        index += 1
        while true {
            guard skipSpace(tabs: true), index < bytes.count, bytes[index] == UInt8(ascii: "{") else { return nil }
            let start = index
            let startLine = line
            let startColumn = column(at: index)
            var end = start
            var depth = 0
            var inString = false
            var last = UInt8(ascii: "[")  // the last byte outside strings that is not white space
            scan: while index < bytes.count {
                if inString {
                    // Most of a document is the content of strings: passed over with one look each.
                    while index < bytes.count, plainStringBytes[Int(bytes[index])] { index += 1 }
                    if index == bytes.count { break }
                }
                let byte = bytes[index]
                if otherLineBreak() { return nil }
                if inString {
                    switch byte {
                    case 0: return nil  // a NUL byte: the whole-file reader refuses it
                    case UInt8(ascii: "\\"):
                        guard index + 1 < bytes.count, bytes[index + 1] != UInt8(ascii: "\n"), bytes[index + 1] != UInt8(ascii: "\r") else {
                            return nil  // an escaped line break: YAML, not JSON
                        }
                        index += 1
                    case UInt8(ascii: "\""):
                        inString = false
                        last = byte
                    case UInt8(ascii: "\n"):
                        line += 1
                        lineStart = index + 1
                    default: break
                    }
                    index += 1
                    continue
                }
                guard tokenBytes[Int(byte)] || byte == UInt8(ascii: "\"") else { return nil }
                if depth == 0, index > start, byte != UInt8(ascii: ","), byte != UInt8(ascii: "]"), !isSpace(byte) {
                    return nil  // something after the element's object
                }
                switch byte {
                case UInt8(ascii: "\""):
                    // A string starts a token; a quote inside a bare word is YAML's, not JSON's.
                    guard last == UInt8(ascii: "{") || last == UInt8(ascii: "[") || last == UInt8(ascii: ",") || last == UInt8(ascii: ":")
                    else { return nil }
                    inString = true
                case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    if depth == 0 { break scan }
                    depth -= 1
                    if depth == 0 { end = index + 1 }
                case UInt8(ascii: ","):
                    if depth == 0 { break scan }
                case UInt8(ascii: "\n"):
                    line += 1
                    lineStart = index + 1
                default: break
                }
                if !isSpace(byte) { last = byte }
                index += 1
            }
            guard index < bytes.count, !inString, depth == 0, end > start else { return nil }
            ranges.append(Range(start: start, end: end, line: startLine, column: startColumn))
            if bytes[index] == UInt8(ascii: "]") {
                index += 1
                guard skipSpace(tabs: false) else { return nil }
                return index == bytes.count ? ranges : nil
            }
            index += 1  // the comma
        }
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
    }
}
