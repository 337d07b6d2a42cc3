public import Foundation
internal import Crypto

/// One numbered SQL file of `db/migrations`, e.g. `0001_foundation.sql`.
public struct Migration: Sendable, Equatable {
    /// The number the file name starts with.
    public let version: Int
    /// The file name without `.sql`, e.g. `0001_foundation`.
    public let name: String
    public let sql: String
    /// SHA-256 of the file's bytes, hex.
    public let checksum: String

    public init(version: Int, name: String, sql: String) {
        self.version = version
        self.name = name
        self.sql = sql
        self.checksum = SHA256.hash(data: Data(sql.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// Reads every `NNNN_name.sql` file of `directory`, in order.
    public static func load(from directory: URL) throws -> [Migration] {
        let files: [String]
        do {
            files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".sql") }
        } catch {
            throw MigrationError.unreadable(directory.path, reason: error.localizedDescription)
        }
        var migrations: [Migration] = []
        for file in files.sorted() {
            let name = String(file.dropLast(4))
            let digits = name.prefix { $0.isASCII && $0.isNumber }
            guard digits.count == 4, name.dropFirst(4).hasPrefix("_"), name.count > 5, let version = Int(digits) else {
                throw MigrationError.badFileName(file)
            }
            if let existing = migrations.first(where: { $0.version == version }) {
                throw MigrationError.duplicateVersion(version, existing.name, name)
            }
            let path = directory.appendingPathComponent(file).path
            guard let data = FileManager.default.contents(atPath: path) else {
                throw MigrationError.unreadable(path, reason: "it could not be read")
            }
            guard let sql = String(validating: data, as: UTF8.self) else {
                throw MigrationError.unreadable(path, reason: "it is not valid UTF-8")
            }
            if let line = transactionControlLine(in: sql) {
                throw MigrationError.transactionControl(file, line: line)
            }
            migrations.append(Migration(version: version, name: name, sql: sql))
        }
        return migrations
    }

    /// The line of a top-level `BEGIN`/`COMMIT`/`ROLLBACK`/`START TRANSACTION`/`END`
    /// statement, which would break the runner's one-transaction-per-migration promise.
    /// Dollar-quoted bodies (PL/pgSQL's own `BEGIN … END`), strings and comments are skipped.
    static func transactionControlLine(in sql: String) -> Int? {
        let scalars = Array(sql.unicodeScalars)
        var index = 0
        var line = 1
        var statementStart = true
        func advance() {
            if scalars[index] == "\n" { line += 1 }
            index += 1
        }
        func matches(_ text: String, at position: Int) -> Bool {
            let pattern = Array(text.unicodeScalars)
            guard position + pattern.count <= scalars.count else { return false }
            return zip(scalars[position..<(position + pattern.count)], pattern).allSatisfy { $0 == $1 }
        }
        while index < scalars.count {
            let scalar = scalars[index]
            if matches("--", at: index) {
                while index < scalars.count, scalars[index] != "\n" { advance() }
            } else if matches("/*", at: index) {
                while index < scalars.count, !matches("*/", at: index) { advance() }
                index = min(index + 2, scalars.count)
            } else if scalar == "'" {
                advance()
                while index < scalars.count, scalars[index] != "'" { advance() }
                if index < scalars.count { advance() }
                statementStart = false
            } else if scalar == "$", let tagEnd = scalars[(index + 1)...].firstIndex(where: { $0 == "$" }),
                scalars[(index + 1)..<tagEnd].allSatisfy({ $0.properties.isAlphabetic || $0 == "_" })
            {
                let tag = String(String.UnicodeScalarView(scalars[index...tagEnd]))
                index = tagEnd + 1
                while index < scalars.count, !matches(tag, at: index) { advance() }
                index = min(index + tag.unicodeScalars.count, scalars.count)
                statementStart = false
            } else if scalar == ";" {
                statementStart = true
                index += 1
            } else if scalar.properties.isWhitespace {
                advance()
            } else {
                if statementStart {
                    var word = ""
                    var end = index
                    while end < scalars.count, scalars[end].properties.isAlphabetic {
                        word.unicodeScalars.append(scalars[end])
                        end += 1
                    }
                    if ["BEGIN", "COMMIT", "ROLLBACK", "START", "END", "ABORT"].contains(word.uppercased()) {
                        return line
                    }
                }
                statementStart = false
                advance()
            }
        }
        return nil
    }

    /// Line and column of a 1-based character position, as PostgreSQL reports it.
    func lineAndColumn(ofCharacter position: Int) -> (line: Int, column: Int) {
        var line = 1
        var column = 1
        for (index, scalar) in sql.unicodeScalars.enumerated() {
            if index + 1 >= position { break }
            if scalar == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return (line, column)
    }
}
