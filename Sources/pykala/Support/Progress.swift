internal import Foundation

/// A count on standard error while long work runs, only when standard error is a
/// terminal and the output is not for scripts.
final class Progress {
    private let label: String
    private let enabled: Bool
    private(set) var count = 0
    private var lastShown = Date.distantPast

    init(label: String, quiet: Bool = false) {
        self.label = label
        enabled = !quiet && isatty(STDERR_FILENO) == 1
    }

    func advance(by amount: Int = 1) {
        count += amount
        guard enabled, count % 1000 == 0, Date().timeIntervalSince(lastShown) > 0.2 else { return }
        lastShown = Date()
        FileHandle.standardError.write(Data("\r\(count) \(label)".utf8))
    }

    func finish() {
        guard enabled, count >= 1000 else { return }
        FileHandle.standardError.write(Data("\r\(count) \(label)\n".utf8))
    }
}
