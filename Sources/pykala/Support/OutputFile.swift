internal import Foundation

/// A file written in pieces and put in place only when complete: readers never see half an
/// export, and a failed export leaves the old file as it was. `-` is standard output; a
/// device or a pipe is written directly.
final class OutputFile {
    private let path: String?
    private let temporary: URL?
    private let handle: FileHandle
    private var buffer = Data()

    init(path: String) throws {
        if path == "-" {
            self.path = nil
            temporary = nil
            handle = FileHandle.standardOutput
            return
        }
        // A device or a pipe (/dev/null, a FIFO) is written as it is: renaming over it would
        // replace it with a plain file.
        var status = stat()
        if stat(path, &status) == 0, status.st_mode & S_IFMT != S_IFREG {
            guard let handle = FileHandle(forWritingAtPath: path) else {
                throw OutputProblem(description: "\(path): cannot write to it; check that you may write there")
            }
            self.path = nil
            temporary = nil
            self.handle = handle
            return
        }
        let target = URL(fileURLWithPath: path)
        let temporary = target.deletingLastPathComponent().appendingPathComponent(".\(target.lastPathComponent).\(UUID().uuidString).part")
        guard FileManager.default.createFile(atPath: temporary.path, contents: nil) else {
            throw OutputProblem(description: "\(path): cannot write the file; check that the folder exists and you may write there")
        }
        self.path = path
        self.temporary = temporary
        handle = try FileHandle(forWritingTo: temporary)
    }

    func write(_ text: String) throws {
        try write(Data(text.utf8))
    }

    func write(_ data: Data) throws {
        buffer.append(data)
        if buffer.count >= 1 << 16 { try flush() }
    }

    private func flush() throws {
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes what is left and puts the file in place.
    func commit() throws {
        try flush()
        guard let path, let temporary else { return }
        try handle.close()
        guard rename(temporary.path, path) == 0 else {
            let reason = String(cString: strerror(errno))
            discard()
            throw OutputProblem(description: "\(path): cannot put the file in place (\(reason))")
        }
    }

    /// Removes the partial file.
    func discard() {
        guard let temporary else { return }
        try? handle.close()
        try? FileManager.default.removeItem(at: temporary)
    }
}
