public import Foundation
internal import Mustache

/// The report templates of one directory: `KIND.LANG.FORMAT.mustache` (e.g.
/// `minutes.fi.html.mustache`) and the partials they include (`_appeal.fi.html.mustache`).
/// A municipality points `--templates` or `PYKALA_TEMPLATES` at its own copies.
public struct TemplateLibrary: Sendable {
    public let directory: URL
    private let library: MustacheLibrary

    /// Reads and parses every template of `directory`; a template that does not parse is
    /// an error naming its file.
    public init(directory: URL) throws(ReportError) {
        self.directory = directory
        let files: [String]
        do {
            files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".mustache") }
        } catch {
            throw ReportError("\(directory.path): cannot read the templates directory (\(error.localizedDescription))")
        }
        var library = MustacheLibrary()
        for file in files.sorted() {
            let path = directory.appendingPathComponent(file).path
            guard let data = FileManager.default.contents(atPath: path), let text = String(validating: data, as: UTF8.self) else {
                throw ReportError("\(path): cannot read the template as UTF-8 text")
            }
            do {
                library.register(try MustacheTemplate(string: text), named: String(file.dropLast(".mustache".count)))
            } catch {
                throw ReportError("\(path): the template does not parse (\(error))")
            }
        }
        self.library = library
    }

    /// Renders `context` with the template `name` (without `.mustache`).
    public func render(_ context: [String: Any], template name: String) throws(ReportError) -> String {
        guard library.getTemplate(named: name) != nil, let text = library.render(context, withTemplate: name) else {
            throw ReportError(
                "no template \(name).mustache in \(directory.path)",
                hint: "Copy it from pykala's templates/ directory, or leave out --templates (PYKALA_TEMPLATES) to use pykala's own.")
        }
        return name.hasSuffix(".md") || name.hasSuffix(".txt") ? Self.tidy(text) : text
    }

    /// Text and Markdown without the runs of blank lines that optional sections leave, and
    /// with a blank line before every heading (`# …`, or a line underlined with `===`/`---`):
    /// at most one blank line, none at the start, one newline at the end.
    static func tidy(_ text: String) -> String {
        let input = text.split(separator: "\n", omittingEmptySubsequences: false)
        func isUnderline(_ line: Substring) -> Bool {
            line.count >= 3 && (line.allSatisfy { $0 == "-" } || line.allSatisfy { $0 == "=" })
        }
        var lines: [Substring] = []
        for (index, line) in input.enumerated() {
            let blank = line.allSatisfy { $0 == " " }
            if blank, lines.last.map({ $0.isEmpty }) ?? true { continue }
            let heading = line.hasPrefix("#") || (index + 1 < input.count && isUnderline(input[index + 1]) && !blank)
            if heading, let last = lines.last, !last.isEmpty { lines.append("") }
            lines.append(blank ? "" : line)
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// A report that could not be made.
public struct ReportError: Error, Sendable, CustomStringConvertible {
    public let message: String
    public let hint: String?

    public init(_ message: String, hint: String? = nil) {
        self.message = message
        self.hint = hint
    }

    public var description: String { hint.map { "\(message)\nHint: \($0)" } ?? message }
}
