import Foundation
import Postgres

/// Runs the built `pykala` binary, as a user would.
struct PykalaRun {
    let status: Int32
    let stdout: String
    let stderr: String

    static var binary: String {
        // The test bundle sits beside the products in .build/<triple>/debug.
        var directory = Bundle.main.bundleURL
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("pykala")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate.path }
            directory = directory.deletingLastPathComponent()
        }
        return URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("pykala").path
    }

    /// Runs `pykala arguments…` in `directory` with only the given extra environment
    /// (connection variables of the test runner's own environment are removed).
    static func run(_ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:]) throws -> PykalaRun {
        var variables = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("PG") && $0.key != "DATABASE_URL" }
        variables.merge(environment) { $1 }
        let outcome = try Spawn.run([binary] + arguments, environment: variables, directory: directory?.path)
        return PykalaRun(status: outcome.status, stdout: outcome.stdout, stderr: outcome.stderr)
    }
}
