internal import Foundation

/// Reading an input file as UTF-8 text, refusing what is not.
enum InputFile {
    struct Problem: Error, CustomStringConvertible {
        let description: String
    }

    /// The file's text; `-` is standard input.
    static func read(_ path: String) throws -> String {
        let data: Data
        if path == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            guard let contents = FileManager.default.contents(atPath: path) else {
                throw Problem(description: "\(path): cannot read the file; check the path and that you may read it")
            }
            data = contents
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            let line = firstInvalidLine(data).map { ":\($0)" } ?? ""
            throw Problem(description: "\(path)\(line): the file is not valid UTF-8 text; save it as UTF-8 and try again")
        }
        // Over the bytes in place with memchr: String's UTF-8 view took a quarter of a second
        // for 100 MB, and a generic search 60 ms.
        if let nul = data.withUnsafeBytes({ bytes -> Int? in
            guard let base = bytes.baseAddress, let found = memchr(base, 0, bytes.count) else { return nil }
            return base.distance(to: UnsafeRawPointer(found))
        }) {
            let line = data.prefix(nul).reduce(1) { lines, byte in byte == 0x0A ? lines + 1 : lines }
            throw Problem(description: "\(path):\(line): the text contains a NUL byte; save the file as UTF-8 text and try again")
        }
        return text
    }

    /// The line (1-based) holding the first byte that is not valid UTF-8.
    static func firstInvalidLine(_ data: Data) -> Int? {
        var line = 1
        var index = data.startIndex
        while index < data.endIndex {
            let byte = data[index]
            if byte == 0x0A { line += 1 }
            let length = byte < 0x80 ? 1 : byte >> 5 == 0b110 ? 2 : byte >> 4 == 0b1110 ? 3 : byte >> 3 == 0b11110 ? 4 : 0
            guard length > 0, index + length <= data.endIndex,
                String(validating: data[index..<(index + length)], as: UTF8.self) != nil
            else { return line }
            index += length
        }
        return nil
    }
}
