public import Foundation

/// A private PostgreSQL server for one working directory: the embedded default.
///
/// `initdb` and `pg_ctl` keep the cluster under ``root`` (by default `.pykala` in the
/// current directory). The server listens on a Unix socket only — no TCP port is opened —
/// in a directory that only its owner can enter. As root, the server runs as the
/// `postgres` system user, since PostgreSQL refuses to run as root.
///
/// ## Topics
/// - ``start()``
/// - ``stop()``
/// - ``status()``
/// - ``connectionString(database:)``
public struct LocalCluster: Sendable {
    /// The directory that holds everything: `pg/` (data), `run/` (socket), `log/`.
    public let root: URL
    /// Extra server settings written at start (e.g. `fsync = off` for throwaway test clusters).
    public var settings: [String: String]

    public init(root: URL, settings: [String: String] = [:]) {
        self.root = root.standardizedFileURL
        self.settings = settings
    }

    /// The default location, `.pykala` under `directory`.
    public static func inDirectory(_ directory: URL) -> LocalCluster {
        LocalCluster(root: directory.appendingPathComponent(".pykala", isDirectory: true))
    }

    public var dataDirectory: URL { root.appendingPathComponent("pg", isDirectory: true) }
    public var logFile: URL { root.appendingPathComponent("log/postgresql.log") }

    /// The socket directory: `run/` under the root, or a private directory under `/tmp`
    /// when that path would be too long for a Unix socket (108 bytes).
    public var socketDirectory: URL {
        let preferred = root.appendingPathComponent("run", isDirectory: true)
        if preferred.path.utf8.count + "/.s.PGSQL.5432.lock".utf8.count < 100 { return preferred }
        return URL(fileURLWithPath: "/tmp/pykala-\(getuid())-\(Self.shortHash(root.path))", isDirectory: true)
    }

    /// What the cluster is doing now.
    public enum Status: Sendable, Equatable {
        /// No cluster has been created in ``dataDirectory`` yet.
        case notInitialized
        case stopped
        case running(pid: Int32)
    }

    /// Reads `postmaster.pid` and checks that the process is alive and ready.
    public func status() -> Status {
        let pidFile = dataDirectory.appendingPathComponent("postmaster.pid").path
        guard FileManager.default.fileExists(atPath: dataDirectory.appendingPathComponent("PG_VERSION").path) else {
            return .notInitialized
        }
        guard let contents = try? String(contentsOfFile: pidFile, encoding: .utf8) else { return .stopped }
        let lines = contents.split(separator: "\n", omittingEmptySubsequences: false)
        guard let pid = lines.first.flatMap({ Int32($0.trimmingCharacters(in: .whitespaces)) }), pid > 0,
            kill(pid, 0) == 0 || errno == EPERM
        else { return .stopped }
        let state = lines.count > 7 ? lines[7].trimmingCharacters(in: .whitespaces) : ""
        return state == "ready" ? .running(pid: pid) : .stopped
    }

    /// Creates the cluster if needed and starts it if it is not running. Safe to call from
    /// several processes at once; returns whether this call started the server.
    @discardableResult
    public func start() throws -> Bool {
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        return try withFileLock(at: root.appendingPathComponent("lock").path) {
            if case .running = status() { return false }
            let runner = try CommandRunner.current()
            let binaries = try ServerBinaries.locate()
            try prepareDirectories(runner)
            if status() == .notInitialized { try initialize(runner, binaries) }
            try writeSettings()
            let outcome = try runner.run(
                binaries.pgCtl, ["start", "-D", dataDirectory.path, "-l", logFile.path, "-w", "-t", "60", "-s"])
            guard outcome.succeeded else {
                throw PostgresError(
                    .connectionFailed,
                    "the local PostgreSQL server did not start: \(outcome.output.trimmingCharacters(in: .whitespacesAndNewlines))",
                    hint: "See the server log \(logFile.path).")
            }
            return true
        }
    }

    /// How to stop: `fast` ends open sessions and shuts down cleanly; `immediate` just stops.
    public enum ShutdownMode: String, Sendable {
        case smart, fast, immediate
    }

    /// Stops the server. Returns whether it was running.
    @discardableResult
    public func stop(mode: ShutdownMode = .fast) throws -> Bool {
        guard case .running = status() else { return false }
        let runner = try CommandRunner.current()
        let binaries = try ServerBinaries.locate()
        let outcome = try runner.run(binaries.pgCtl, stopArguments(mode))
        guard outcome.succeeded else {
            throw PostgresError(
                .connectionFailed,
                "the local PostgreSQL server did not stop: \(outcome.output.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
        return true
    }

    /// Starts a watchdog that stops this server and removes ``root`` as soon as the calling
    /// process ends — even when it is killed and runs no exit handlers. For throwaway
    /// clusters (the test suite's). Returns the watchdog's process id.
    @discardableResult
    public func stopWhenThisProcessEnds() throws -> pid_t {
        let binaries = try ServerBinaries.locate()
        let stop = try CommandRunner.current().commandLine(binaries.pgCtl, stopArguments(.immediate))
        func quote(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'" }
        // Matches `initdb -D DIR` and `postgres -D DIR`; `[-]` keeps it from matching this script.
        let busy = "pgrep -f " + quote("[-]D " + dataDirectory.path)
        let script = """
            cat >/dev/null
            for attempt in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
                if [ -f \(quote(dataDirectory.path))/postmaster.pid ]; then \(stop.map(quote).joined(separator: " ")); fi
                \(busy) >/dev/null || break
                sleep 0.5
            done
            rm -rf \(quote(root.path))
            """
        return try Spawn.tethered(["/bin/sh", "-c", script], environment: CommandRunner.serverEnvironment())
    }

    private func stopArguments(_ mode: ShutdownMode) -> [String] {
        ["stop", "-D", dataDirectory.path, "-m", mode.rawValue, "-w", "-s"]
    }

    /// A libpq connection string for `database` on this cluster's socket.
    public func connectionString(database: String, user: String? = nil) -> String {
        "host='\(Self.quoted(socketDirectory.path))' dbname='\(Self.quoted(database))' user='\(Self.quoted(user ?? Self.superuser))'"
    }

    /// The superuser `initdb` creates: the account the server runs as.
    public static var superuser: String {
        if geteuid() == 0 { return "postgres" }
        return ServerAccount.name(of: geteuid()) ?? "postgres"
    }

    private func prepareDirectories(_ runner: CommandRunner) throws {
        let manager = FileManager.default
        for directory in [dataDirectory, socketDirectory, logFile.deletingLastPathComponent()] {
            if !manager.fileExists(atPath: directory.path) {
                try manager.createDirectory(at: directory, withIntermediateDirectories: true)
            }
            guard chmod(directory.path, 0o700) == 0 else {
                throw PostgresError(.connectionFailed, "could not make \(directory.path) private (errno \(errno))")
            }
            try runner.handOver(directory.path)
        }
        if let account = runner.serverAccount {
            // The server account must be able to reach its directories from the outside.
            var path = root.path
            while path != "/" && !path.isEmpty {
                if access(path, X_OK) == 0, !Self.isTraversable(path, by: account) {
                    throw PostgresError(
                        .connectionFailed,
                        "the `\(account.name)` user that runs the server cannot enter \(path)",
                        hint: "Keep the cluster in a directory others can pass through (e.g. chmod o+x \(path)), "
                            + "or choose another place with --data-dir.")
                }
                path = (path as NSString).deletingLastPathComponent
            }
        }
    }

    private func initialize(_ runner: CommandRunner, _ binaries: ServerBinaries) throws {
        let outcome = try runner.run(
            binaries.initdb,
            [
                "-D", dataDirectory.path, "--auth-local=trust", "--auth-host=reject", "--encoding=UTF8",
                "--locale=C.UTF-8", "--username=\(Self.superuser)", "--no-instructions",
            ])
        guard outcome.succeeded else {
            throw PostgresError(
                .connectionFailed,
                "initdb could not create the local cluster in \(dataDirectory.path): "
                    + outcome.output.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        let configuration = dataDirectory.appendingPathComponent("postgresql.conf")
        let handle = try FileHandle(forWritingTo: configuration)
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("\n# Written by pykala at each start\ninclude_if_exists = 'pykala.conf'\n".utf8))
    }

    /// Settings that may change between starts: where the socket is, and ``settings``.
    private func writeSettings() throws {
        var lines = [
            "listen_addresses = ''",
            "unix_socket_directories = '\(Self.quoted(socketDirectory.path))'",
            "unix_socket_permissions = 0700",
        ]
        for (key, value) in settings.sorted(by: { $0.key < $1.key }) {
            lines.append("\(key) = '\(Self.quoted(value))'")
        }
        let path = dataDirectory.appendingPathComponent("pykala.conf").path
        let runner = try CommandRunner.current()
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: false, encoding: .utf8)
        try runner.handOver(path)
    }

    static func quoted(_ value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'")
    }

    private static func isTraversable(_ path: String, by account: ServerAccount) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0 else { return false }
        let mode = info.st_mode
        if info.st_uid == account.uid { return mode & S_IXUSR != 0 }
        if info.st_gid == account.gid { return mode & S_IXGRP != 0 }
        return mode & S_IXOTH != 0
    }

    private static func shortHash(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return String(hash, radix: 16)
    }
}

extension ServerAccount {
    static func name(of uid: uid_t) -> String? {
        guard let entry = getpwuid(uid), let name = entry.pointee.pw_name else { return nil }
        return String(cString: name)
    }
}
