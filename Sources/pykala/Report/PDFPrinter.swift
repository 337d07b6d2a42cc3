internal import Foundation
internal import Postgres

/// Prints an HTML document to PDF with headless Chromium (Debian's `chromium`), A4 as the
/// document's own CSS says, without Chromium's header and footer.
enum PDFPrinter {
    struct Missing: Error, CustomStringConvertible {
        var description: String {
            "--format pdf needs Chromium, which was not found on PATH (chromium or chromium-browser).\n"
                + "Hint: install it (Debian: apt-get install chromium), or write --format html and print that."
        }
    }

    static func chromium(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        let path = environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            for name in ["chromium", "chromium-browser", "google-chrome"] {
                let candidate = "\(directory)/\(name)"
                if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            }
        }
        return nil
    }

    /// The PDF of `html`.
    static func print(_ html: String) throws -> Data {
        guard let chromium = chromium() else { throw Missing() }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pykala-pdf-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let source = directory.appendingPathComponent("report.html")
        let output = directory.appendingPathComponent("report.pdf")
        try Data(html.utf8).write(to: source)
        var arguments = [
            chromium, "--headless", "--disable-gpu", "--no-pdf-header-footer", "--user-data-dir=\(directory.path)/profile",
            "--print-to-pdf=\(output.path)", source.absoluteString,
        ]
        // Chromium's sandbox refuses to start as root.
        if geteuid() == 0 { arguments.insert("--no-sandbox", at: 1) }
        let outcome = try Spawn.run(arguments, environment: ProcessInfo.processInfo.environment)
        guard outcome.status == 0, let pdf = FileManager.default.contents(atPath: output.path), !pdf.isEmpty else {
            throw OutputProblem(description: "Chromium could not print the PDF (exit \(outcome.status)): \(outcome.stderr.suffix(500))")
        }
        return pdf
    }
}
