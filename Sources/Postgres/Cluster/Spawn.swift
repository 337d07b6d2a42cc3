internal import Foundation

/// Starts programs with `posix_spawn` and waits with `waitpid`. (Foundation's `Process`
/// can miss the exit of a child whose own child stays running, as `pg_ctl start` does.)
enum Spawn {
    struct Outcome {
        let status: Int32
        let output: String
    }

    /// Runs `argv` to completion; stdout and stderr together are returned as `output`.
    static func run(_ argv: [String], environment: [String: String]) throws -> Outcome {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { throw failure("a pipe", argv) }
        _ = fcntl(fds[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(fds[1], F_SETFD, FD_CLOEXEC)
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, fds[1], 1)
        posix_spawn_file_actions_adddup2(&actions, fds[1], 2)
        let pid: pid_t
        do {
            pid = try spawn(argv, environment: environment, actions: &actions)
        } catch {
            close(fds[0])
            close(fds[1])
            throw error
        }
        close(fds[1])
        var output: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(fds[0], $0.baseAddress, $0.count) }
            if count > 0 {
                output.append(contentsOf: buffer[0..<count])
            } else if count == 0 || errno != EINTR {
                break
            }
        }
        close(fds[0])
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let exitCode: Int32 = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return Outcome(status: exitCode, output: String(decoding: output, as: UTF8.self))
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
