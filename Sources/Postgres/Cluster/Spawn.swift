internal import Foundation

/// Starts programs with `posix_spawn` and waits with `waitpid`. (Foundation's `Process`
/// was seen to hang in `waitUntilExit` on this platform, for `pg_ctl start` and for short
/// commands in a multi-threaded process alike.)
public enum Spawn {
    /// How a program ended and what it printed.
    public struct Outcome: Sendable {
        public let status: Int32
        public let stdout: String
        public let stderr: String
        /// stdout, then stderr.
        public var output: String { stdout + stderr }
    }

    /// Runs `argv` to completion, in `directory` when given, with stdin on /dev/null.
    /// The exit status is 128 + N when the program was killed by signal N.
    public static func run(_ argv: [String], environment: [String: String], directory: String? = nil) throws -> Outcome {
        let outFile = try temporaryFile()
        let errFile = try temporaryFile()
        defer {
            unlink(outFile)
            unlink(errFile)
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outFile, O_WRONLY | O_TRUNC, 0)
        posix_spawn_file_actions_addopen(&actions, 2, errFile, O_WRONLY | O_TRUNC, 0)
        // posix_spawn_file_actions_addchdir_np is not visible to Swift here: let sh change directory.
        let command = directory.map { ["/bin/sh", "-c", "cd \"$0\" && exec \"$@\"", $0] + argv } ?? argv
        let pid = try spawn(command, environment: environment, actions: &actions)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let exitCode: Int32 = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return Outcome(status: exitCode, stdout: readText(outFile), stderr: readText(errFile))
    }

    private static func temporaryFile() throws -> String {
        var template = Array("/tmp/pykala-spawn-XXXXXX".utf8CString)
        let descriptor = mkstemp(&template)
        guard descriptor >= 0 else { throw failure("a temporary file", ["mkstemp"]) }
        close(descriptor)
        return String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    private static func readText(_ path: String) -> String {
        String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self)
    }

    /// Starts `argv` with stdout and stderr on /dev/null and its stdin on a pipe whose
    /// write end only this process holds (close-on-exec): the child reads end-of-file the
    /// moment this process ends, however it ends. Returns the child's process id.
    static func tethered(_ argv: [String], environment: [String: String]) throws -> pid_t {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { throw failure("a pipe", argv) }
        _ = fcntl(fds[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(fds[1], F_SETFD, FD_CLOEXEC)
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, fds[0], 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        defer { close(fds[0]) }
        do {
            return try spawn(argv, environment: environment, actions: &actions)
        } catch {
            close(fds[1])
            throw error
        }
        // fds[1] stays open, deliberately, for the rest of this process's life.
    }

    private static func spawn(
        _ argv: [String], environment: [String: String], actions: inout posix_spawn_file_actions_t
    ) throws -> pid_t {
        let arguments = argv.map { strdup($0) } + [nil]
        let variables = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            arguments.forEach { free($0) }
            variables.forEach { free($0) }
        }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, argv[0], &actions, nil, arguments, variables)
        guard result == 0 else {
            errno = result
            throw failure(argv[0], argv)
        }
        return pid
    }

    private static func failure(_ what: String, _ argv: [String]) -> PostgresError {
        PostgresError(.connectionFailed, "could not start \(argv.first ?? what): \(String(cString: strerror(errno)))")
    }
}
