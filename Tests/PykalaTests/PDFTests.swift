import Foundation
import Postgres
import PostgresTestSupport
import Testing

@Suite("reports as PDF, printed by headless Chromium")
struct PDFTests {
    @Test("the worked example's minutes: two A4 pages holding § 39, the amounts and the appeal end date")
    func minutes() throws {
        let database = try TestPostgres.migratedDatabase()
        func pykala(_ arguments: String...) throws {
            let run = try PykalaRun.run(arguments + ["--database", database.conninfo])
            #expect(run.status == 0, "pykala \(arguments.joined(separator: " ")): \(run.stderr)")
        }
        try pykala("register", RegisterCommandTests.example, "--create-missing")
        try pykala("meeting", "new", "Kunnanhallitus", "24.2.2020", "--number", "4/2020")
        let pdf = FileManager.default.temporaryDirectory.appendingPathComponent("minutes-\(UUID().uuidString).pdf")
        defer { try? FileManager.default.removeItem(at: pdf) }
        try pykala("report", "minutes", "Kunnanhallitus", "24.2.2020", "--published", "2.3.2020", "--format", "pdf", "-o", pdf.path)
        let environment = ProcessInfo.processInfo.environment
        let info = try Spawn.run([Self.tool("pdfinfo"), pdf.path], environment: environment)
        #expect(info.status == 0, "pdfinfo (poppler-utils, installed by scripts/test): \(info.stderr)")
        #expect(info.stdout.contains("Pages:           2"), "\(info.stdout)")
        #expect(info.stdout.contains("Page size:       594.96 x 841.92 pts (A4)"), "\(info.stdout)")
        let layout = try Spawn.run([Self.tool("pdftotext"), "-layout", pdf.path, "-"], environment: environment).stdout
        // Words as they read, whatever the line breaks.
        let text = layout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        for fact in ["PÖYTÄKIRJA", "§ 39 Turvallisuus -hankeyhteistyöhön osallistuminen", "200,00 €", "400,00 €", "1 000,00 €",
                     "oikaisuvaatimusaika päättyy 23.3.2020"] {
            #expect(text.contains(fact), "missing from the PDF: \(fact)")
        }
    }

    /// A program of poppler-utils on PATH (scripts/test installs it).
    static func tool(_ name: String) -> String {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
            ?? "/usr/bin/\(name)"
    }

    @Test("without Chromium, --format pdf says what to install")
    func missingChromium() throws {
        let database = try TestPostgres.migratedDatabase()
        #expect(try PykalaRun.run(["register", RegisterCommandTests.example, "--create-missing", "--database", database.conninfo]).status == 0)
        let run = try PykalaRun.run(["report", "extract", "1", "--format", "pdf", "--database", database.conninfo], environment: ["PATH": "/nonexistent"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("--format pdf needs Chromium"))
        #expect(run.stderr.contains("apt-get install chromium"))
    }
}
