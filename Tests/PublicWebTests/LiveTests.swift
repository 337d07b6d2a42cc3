import Foundation
import Hummingbird
import HummingbirdTesting
import PublicWeb
import Testing

/// The portal on a real socket, met by clients nobody here wrote: schemathesis (from PyPI)
/// against the OpenAPI document, and headless Chromium (Debian's `chromium`) rendering pages.
@Suite("the portal live: schemathesis and a browser")
struct LiveTests {
    let fixture: PortalFixture

    init() throws {
        fixture = try PortalFixture()
    }

    private func live(_ body: @escaping @Sendable (Int) async throws -> Void) async throws {
        let app = Application(
            router: fixture.server.router(), configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in
            try await body(try #require(client.port))
        }
    }

    @Test("schemathesis runs every check against /api/v1/openapi.json and finds no server error and no response that breaks the schema")
    func schemathesis() async throws {
        guard let tool = Tool.find("schemathesis") else {
            Issue.record("schemathesis is not installed: pip install schemathesis==4.32.5 (scripts/test installs it)")
            return
        }
        try await live { port in
            let run = try await Tool.running([tool, "run", "http://127.0.0.1:\(port)/api/v1/openapi.json", "--checks", "all", "-n", "40", "--seed", "20201224", "--no-color"])
            #expect(run.status == 0, "schemathesis found problems:\n\(run.output.suffix(4000))")
            #expect(run.output.contains("passed"))
        }
    }

    @Test("headless Chromium renders the worked example's decision and meeting pages: § 39, 1 000,00 € and the appeal end date")
    func browser() async throws {
        guard let chromium = Tool.find("chromium") ?? Tool.find("chromium-browser") else {
            Issue.record("chromium is not installed: apt-get install chromium (scripts/test installs it)")
            return
        }
        let appealEnds = try #require(try fixture.appealEnd(of: 1))
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("portal-browser-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try await live { port in
            for (path, also) in [("/fi/decisions/1", "Oikaisuvaatimusaika päättyy"), ("/fi/meetings/1", "PÖYTÄKIRJA")] {
                let run = try await Tool.running(Tool.browser(chromium, profile: folder) + ["--dump-dom", "http://127.0.0.1:\(port)\(path)"])
                #expect(run.status == 0)
                let dom = run.stdout
                for text in ["§ 39", "1 000,00 €", appealEnds, also] {
                    #expect(dom.contains(text), "\(path) has no \(text)")
                }
                #expect(dom.contains("<html lang=\"fi\">"))
            }
            let shot = folder.appendingPathComponent("decision.png")
            let run = try await Tool.running(
                Tool.browser(chromium, profile: folder) + ["--window-size=1000,1400", "--screenshot=\(shot.path)", "http://127.0.0.1:\(port)/fi/decisions/1"])
            #expect(run.status == 0)
            let png = try Data(contentsOf: shot)
            #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
            #expect(png.count > 10_000)
        }
    }
}

/// Programs the live tests run.
enum Tool {
    struct Run {
        let status: Int32
        let stdout: String
        let stderr: String
        var output: String { stdout + stderr }
    }

    static func find(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Headless Chromium with a profile of its own (and no sandbox as root, which it refuses otherwise).
    static func browser(_ chromium: String, profile: URL) -> [String] {
        [chromium, "--headless", "--disable-gpu", "--user-data-dir=\(profile.path)/profile"] + (geteuid() == 0 ? ["--no-sandbox"] : [])
    }

    /// Runs a program on a thread of its own: waiting for it must not hold one of the few
    /// threads the server under test answers on.
    static func running(_ arguments: [String]) async throws -> Run {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread { continuation.resume(with: Result { try run(arguments) }) }
        }
    }

    static func run(_ arguments: [String]) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: arguments[0])
        process.arguments = Array(arguments.dropFirst())
        // Not the repository: schemathesis keeps a cache in its working directory.
        process.currentDirectoryURL = FileManager.default.temporaryDirectory
        // Standard error to a file, standard output through a pipe read to its end: neither can fill up and stall the program.
        let errors = FileManager.default.temporaryDirectory.appendingPathComponent("tool-\(UUID().uuidString).err")
        _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: errors) }
        let out = Pipe()
        process.standardOutput = out
        process.standardError = try FileHandle(forWritingTo: errors)
        try process.run()
        let output = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let stderr = (try? String(contentsOf: errors, encoding: .utf8)) ?? ""
        return Run(status: process.terminationStatus, stdout: String(decoding: output, as: UTF8.self), stderr: stderr)
    }
}
