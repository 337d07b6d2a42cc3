internal import Foundation

/// Runs a server program to completion, as the `postgres` system user when we are root
/// (PostgreSQL refuses to run as root).
struct CommandRunner: Sendable {
    /// The account the server runs as, when it differs from ours.
    let serverAccount: ServerAccount?

    struct Outcome {
        let status: Int32
        let output: String
        var succeeded: Bool { status == 0 }
    }

    static func current() throws -> CommandRunner {
        guard geteuid() == 0 else { return CommandRunner(serverAccount: nil) }
        guard let account = ServerAccount.named("postgres") else {
            throw PostgresError(
                .connectionFailed,
                "running as root, but there is no `postgres` system user to run the PostgreSQL server as",
                hint: "Install the server package, which creates it: apt-get install -y postgresql")
        }
        return CommandRunner(serverAccount: account)
    }

    /// The full command line: `program arguments…`, behind `runuser` when needed.
    func commandLine(_ program: String, _ arguments: [String]) -> [String] {
        guard let serverAccount else { return [program] + arguments }
        return ["/usr/sbin/runuser", "-u", serverAccount.name, "--", program] + arguments
    }

    /// Runs `program` with `arguments`; stdout and stderr together become `output`.
    func run(_ program: String, _ arguments: [String]) throws -> Outcome {
        let outcome = try Spawn.run(commandLine(program, arguments), environment: Self.serverEnvironment(), directory: "/")
        return Outcome(status: outcome.status, output: outcome.output)
    }

    /// Our environment without libpq's `PG*` variables, in a predictable locale.
    static func serverEnvironment() -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["LC_ALL"] = "C.UTF-8"
        for key in environment.keys where key.hasPrefix("PG") { environment[key] = nil }
        return environment
    }

    /// Makes `path` belong to the server account (no-op when we are that account).
    func handOver(_ path: String) throws {
        guard let serverAccount else { return }
        guard chown(path, serverAccount.uid, serverAccount.gid) == 0 else {
            throw PostgresError(.connectionFailed, "could not give \(path) to the `\(serverAccount.name)` user (errno \(errno))")
        }
    }
}

/// A system account, read from the password database.
struct ServerAccount: Sendable {
    let name: String
    let uid: uid_t
    let gid: gid_t

    static func named(_ name: String) -> ServerAccount? {
        guard let entry = getpwnam(name) else { return nil }
        return ServerAccount(name: name, uid: entry.pointee.pw_uid, gid: entry.pointee.pw_gid)
    }
}
