import DecisionStore
import Foundation
import Postgres
import PostgresTestSupport
import Testing

/// Issue 11: every command the README shows works as printed, in order, on the embedded
/// default, as a newcomer would type them (in a fresh folder with the repository's
/// examples and workflows; the two main commands and the remote-server example aside).
@Suite("the README's commands work as printed")
struct ReadmeTests {
    /// The command lines of the README's `sh` blocks, in order.
    static func commands() throws -> [String] {
        let readme = try String(contentsOf: TestPostgres.resources.root.appendingPathComponent("README.md"), encoding: .utf8)
        var lines: [String] = []
        var inBlock = false
        for line in readme.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line.hasPrefix("```") { inBlock = line == "```sh"; continue }
            if inBlock, !line.trimmingCharacters(in: .whitespaces).isEmpty { lines.append(line) }
        }
        return lines
    }

    @Test("each README command, run in order in a new folder, exits 0")
    func asPrinted() throws {
        let all = try Self.commands()
        // The two main commands run in CI themselves; the remote server is an example address.
        let commands = all.filter { !$0.hasPrefix("./scripts/") && !$0.contains("db.example.fi") }
        #expect(all.count - commands.count == 3)
        #expect(commands.count >= 25)
        let root = TestPostgres.resources.root
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("readme-\(UUID().uuidString)")
        let bin = folder.appendingPathComponent("bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        chmod(folder.path, 0o711)
        try FileManager.default.createSymbolicLink(atPath: bin.appendingPathComponent("pykala").path, withDestinationPath: PykalaRun.binary)
        for shared in ["examples", "workflows"] {
            try FileManager.default.createSymbolicLink(at: folder.appendingPathComponent(shared), withDestinationURL: root.appendingPathComponent(shared))
        }
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("PG") && $0.key != "DATABASE_URL" }
        environment["PATH"] = bin.path + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
        defer {
            _ = try? Spawn.run([PykalaRun.binary, "local", "stop"], environment: environment, directory: folder.path)
            try? FileManager.default.removeItem(at: folder)
        }
        for command in commands {
            if command.hasPrefix("pykala serve") {
                try serve(command, environment: environment, in: folder)
                continue
            }
            let run = try Spawn.run(["/bin/bash", "-c", command], environment: environment, directory: folder.path)
            #expect(run.status == 0, "README: \(command)\n\(run.stderr)")
            if run.status != 0 { break }
        }
        // What the commands leave behind: the export and the Swedish extract as PDF.
        for file in ["history.csv", "utdrag.pdf"] {
            #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent(file).path), "\(file)")
        }
        print("README: \(commands.count) commands ran as printed")
    }

    /// A server the README starts: it must answer on its port, and stop cleanly (exit 0) on SIGTERM.
    private func serve(_ command: String, environment: [String: String], in folder: URL) throws {
        let words = command.split(separator: "#")[0].split(separator: " ").map(String.init)
        let port = words.firstIndex(of: "--port").flatMap { words.indices.contains($0 + 1) ? words[$0 + 1] : nil } ?? "8080"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", "exec " + command]
        process.environment = environment
        process.currentDirectoryURL = folder
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        var answered = false
        for _ in 0..<100 where !answered {
            answered = try Spawn.run(["/usr/bin/env", "curl", "-sf", "-o", "/dev/null", "http://127.0.0.1:\(port)/fi/"], environment: environment).status == 0
            if !answered { usleep(100_000) }
        }
        #expect(answered, "README: \(command) did not answer on port \(port)")
        process.terminate()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "README: \(command) did not stop cleanly on SIGTERM")
    }
}
