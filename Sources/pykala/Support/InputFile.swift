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
            throw Problem(description: "\(path): the file is not valid UTF-8 text; save it as UTF-8 and try again")
        }
        return text
    }
}
