internal import Foundation

/// Fault injection for the reliability tests: `PYKALA_FAULT=kill-after-commit` makes the
/// process kill itself (SIGKILL) right after a write committed, before it prints anything,
/// as a client that dies at the worst moment. Unset, it does nothing.
enum Fault {
    static func afterCommit() {
        if ProcessInfo.processInfo.environment["PYKALA_FAULT"] == "kill-after-commit" {
            kill(getpid(), SIGKILL)
        }
    }
}
