/// One thing wrong in a decision document, with where it is.
public struct DocumentProblem: Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var column: Int?
    /// The key path, e.g. `cost_shares[1].amount`.
    public var field: String
    public var message: String

    public var description: String {
        var place = file
        if let line { place += ":\(line)" }
        if let column { place += ":\(column)" }
        return "\(place): \(field): \(message)"
    }
}

/// A decision document that could not be read; lists every problem found.
public struct DocumentError: Error, Sendable, Equatable, CustomStringConvertible {
    public var problems: [DocumentProblem]

    public init(problems: [DocumentProblem]) {
        self.problems = problems
    }

    public var description: String {
        problems.map(\.description).joined(separator: "\n")
            + "\nNothing was registered. Fix the file (its keys are described in docs/decision-document.md) and run the command again."
    }
}

/// Lengths that hold twice: here, before anything is sent, and as CHECK constraints.
public enum Limits {
    public static let name = 200
    public static let title = 500
    public static let shortText = 2_000
    public static let longText = 200_000
    public static let goals = 20_000
}
