public import Foundation

/// Where pykala's own files are: `db/migrations`, `workflows`, `templates`.
///
/// Looked for in `PYKALA_RESOURCES`, then upwards from the executable (a build inside the
/// repository), then in `../share/pykala` beside an installed binary, then upwards from
/// the current directory.
public struct ResourceDirectory: Sendable {
    public let root: URL

    public init(root: URL) { self.root = root }

    public var migrations: URL { root.appendingPathComponent("db/migrations", isDirectory: true) }
    public var workflows: URL { root.appendingPathComponent("workflows", isDirectory: true) }
    public var templates: URL { root.appendingPathComponent("templates", isDirectory: true) }

    public static func locate(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        executable: URL? = Bundle.main.executableURL,
        currentDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    ) throws -> ResourceDirectory {
        if let configured = environment["PYKALA_RESOURCES"], !configured.isEmpty {
            let candidate = ResourceDirectory(root: URL(fileURLWithPath: configured))
            guard candidate.isComplete else {
                throw ResourceError(
                    message: "PYKALA_RESOURCES is \(configured), but \(candidate.migrations.path) does not exist",
                    hint: "Point PYKALA_RESOURCES at the directory that holds db/migrations, workflows and templates.")
            }
            return candidate
        }
        var starts: [URL] = []
        if let executable {
            let resolved = executable.resolvingSymlinksInPath().deletingLastPathComponent()
            starts.append(resolved)
            starts.append(resolved.deletingLastPathComponent().appendingPathComponent("share/pykala"))
        }
        starts.append(currentDirectory)
        for start in starts {
            var directory = start.standardizedFileURL
            for _ in 0..<6 {
                let candidate = ResourceDirectory(root: directory)
                if candidate.isComplete { return candidate }
                let parent = directory.deletingLastPathComponent()
                if parent.path == directory.path { break }
                directory = parent
            }
        }
        throw ResourceError(
            message: "pykala's resource files (db/migrations, workflows, templates) were not found",
            hint: "Run pykala from its repository, or set PYKALA_RESOURCES to the directory that holds them.")
    }

    private var isComplete: Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: migrations.path, isDirectory: &isDirectory) && isDirectory.boolValue
    }
}

/// The resource files could not be found.
public struct ResourceError: Error, Sendable, CustomStringConvertible {
    public let message: String
    public let hint: String
    public var description: String { "\(message)\n\(hint)" }
}
