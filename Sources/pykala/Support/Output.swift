internal import Foundation

/// Printing results: stable JSON for scripts, aligned columns for people.
enum Output {
    /// Prints `value` as JSON with sorted keys and snake_case names.
    static func json(_ value: some Encodable) throws {
        FileHandle.standardOutput.write(Data(try jsonText(value).utf8))
    }

    /// `value` as JSON with sorted keys and snake_case names, ending in a newline.
    static func jsonText(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.dateEncodingStrategy = .iso8601
        return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
    }

    /// Writes `text` to standard output, or to `path` (all at once: the file is either the
    /// old one or the complete new one).
    static func write(_ text: String, to path: String?) throws {
        guard let path, path != "-" else {
            FileHandle.standardOutput.write(Data(text.utf8))
            return
        }
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw OutputProblem(description: "\(path): cannot write the file (\(error.localizedDescription)); check the folder exists and you may write there")
        }
    }

    /// Prints rows under a header, each column as wide as its widest cell.
    static func table(header: [String], rows: [[String]]) {
        print(tableText(header: header, rows: rows), terminator: "")
    }

    /// Rows under a header, each column as wide as its widest cell; `rightAligned` columns
    /// (amounts) are aligned to the right.
    static func tableText(header: [String], rows: [[String]], rightAligned: Set<Int> = []) -> String {
        let widths = header.indices.map { column in
            ([header[column]] + rows.map { $0[column] }).map(\.count).max() ?? 0
        }
        func line(_ cells: [String]) -> String {
            zip(cells.indices, zip(cells, widths)).map { column, cellAndWidth in
                let (cell, width) = cellAndWidth
                let padding = String(repeating: " ", count: max(0, width - cell.count))
                return rightAligned.contains(column) ? padding + cell : cell + padding
            }
            .joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }
        return ([line(header), line(widths.map { String(repeating: "-", count: $0) })] + rows.map(line))
            .map { $0 + "\n" }.joined()
    }

    /// `key: value` lines, keys aligned.
    static func fields(_ pairs: [(String, String)]) {
        print(fieldsText(pairs), terminator: "")
    }

    static func fieldsText(_ pairs: [(String, String)]) -> String {
        let width = pairs.map(\.0.count).max() ?? 0
        return pairs.map { key, value in
            (key + ":").padding(toLength: width + 1, withPad: " ", startingAt: 0) + " " + value + "\n"
        }.joined()
    }
}

/// A result that could not be written.
struct OutputProblem: Error, CustomStringConvertible {
    let description: String
}

extension Output {
    /// A line for the person at the terminal, on standard error (never mixed into results).
    static func warn(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
