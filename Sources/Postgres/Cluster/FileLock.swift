internal import Foundation

/// An exclusive `flock` on a file, held while `body` runs: keeps two `pykala` processes
/// from initialising or starting the same cluster at once.
func withFileLock<T>(at path: String, _ body: () throws -> T) throws -> T {
    let descriptor = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0o600)
    guard descriptor >= 0 else {
        throw PostgresError(.connectionFailed, "could not open the lock file \(path) (errno \(errno))")
    }
    defer { close(descriptor) }
    guard flock(descriptor, LOCK_EX) == 0 else {
        throw PostgresError(.connectionFailed, "could not lock \(path) (errno \(errno))")
    }
    defer { flock(descriptor, LOCK_UN) }
    return try body()
}
