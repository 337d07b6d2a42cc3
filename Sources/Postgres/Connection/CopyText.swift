/// Rows in COPY's text format: fields separated by tabs, `\N` for NULL, and backslash
/// escapes (`\\`, `\t`, `\n`, `\r`, `\b`, `\f`, `\v`, octal `\ooo`, `\xhh`).
public enum CopyText {
    /// Appends one row (tab-separated, `\N` for NULL, escaped, ending in a newline) to
    /// `buffer`. A field holding a NUL byte is refused.
    public static func appendRow(_ fields: [String?], to buffer: inout [UInt8], statement: String? = nil) throws {
        for (position, field) in fields.enumerated() {
            if position > 0 { buffer.append(0x09) }
            guard let field else {
                buffer.append(contentsOf: [0x5C, 0x4E])
                continue
            }
            for byte in field.utf8 {
                switch byte {
                case 0:
                    throw PostgresError(.invalidParameter, "COPY field \(position + 1) contains a NUL byte", statement: statement)
                case 0x5C: buffer.append(contentsOf: [0x5C, 0x5C])
                case 0x09: buffer.append(contentsOf: [0x5C, 0x74])
                case 0x0A: buffer.append(contentsOf: [0x5C, 0x6E])
                case 0x0D: buffer.append(contentsOf: [0x5C, 0x72])
                default: buffer.append(byte)
                }
            }
        }
        buffer.append(0x0A)
    }

    /// The fields of one row (a trailing newline is ignored); text is checked as UTF-8.
    public static func fields(of row: UnsafeRawBufferPointer) throws -> [String?] {
        let bytes = row.bindMemory(to: UInt8.self)
        var end = bytes.count
        if end > 0, bytes[end - 1] == 0x0A { end -= 1 }
        var fields: [String?] = []
        var start = 0
        while true {
            // A field ends at a tab; a backslash and the byte after it belong together.
            var stop = start
            var escaped = false
            while stop < end, bytes[stop] != 0x09 {
                if bytes[stop] == 0x5C, stop + 1 < end {
                    escaped = true
                    stop += 2
                } else {
                    stop += 1
                }
            }
            let field = UnsafeBufferPointer(rebasing: bytes[start..<stop])
            if escaped {
                fields.append(try unescaped(field))
            } else {
                guard let text = String(validating: field, as: UTF8.self) else { throw notUTF8 }
                fields.append(text)
            }
            guard stop < end else { return fields }
            start = stop + 1
        }
    }

    private static var notUTF8: PostgresError { PostgresError(.decoding, "a COPY field is not valid UTF-8") }

    /// One field with backslash escapes: its text, or nil for `\N`.
    private static func unescaped(_ bytes: UnsafeBufferPointer<UInt8>) throws -> String? {
        var field: [UInt8] = []
        field.reserveCapacity(bytes.count)
        var isNull = false
        var index = 0
        let end = bytes.count
        while index < end {
            let byte = bytes[index]
            guard byte == 0x5C, index + 1 < end else {
                field.append(byte)
                index += 1
                continue
            }
            let next = bytes[index + 1]
            index += 2
            switch next {
            case UInt8(ascii: "N") where field.isEmpty: isNull = true
            case UInt8(ascii: "t"): field.append(0x09)
            case UInt8(ascii: "n"): field.append(0x0A)
            case UInt8(ascii: "r"): field.append(0x0D)
            case UInt8(ascii: "b"): field.append(0x08)
            case UInt8(ascii: "f"): field.append(0x0C)
            case UInt8(ascii: "v"): field.append(0x0B)
            case UInt8(ascii: "0")...UInt8(ascii: "7"):
                var value = Int(next - UInt8(ascii: "0"))
                var digits = 1
                while digits < 3, index < end, (UInt8(ascii: "0")...UInt8(ascii: "7")).contains(bytes[index]) {
                    value = value * 8 + Int(bytes[index] - UInt8(ascii: "0"))
                    index += 1
                    digits += 1
                }
                field.append(UInt8(truncatingIfNeeded: value))
            case UInt8(ascii: "x"):
                var value = 0
                var digits = 0
                while digits < 2, index < end, let digit = hexValue(bytes[index]) {
                    value = value * 16 + digit
                    index += 1
                    digits += 1
                }
                field.append(UInt8(value))
            default: field.append(next)
            }
        }
        if isNull { return nil }
        guard let text = String(validating: field, as: UTF8.self) else { throw notUTF8 }
        return text
    }

    private static func hexValue(_ byte: UInt8) -> Int? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): Int(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): Int(byte - UInt8(ascii: "a")) + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): Int(byte - UInt8(ascii: "A")) + 10
        default: nil
        }
    }
}
