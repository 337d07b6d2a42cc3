internal import Decisions

/// How a person names a decision on the command line: its id, its case's diary number,
/// or `BODY/YEAR/§N`.
public enum DecisionReference: Sendable, Equatable, CustomStringConvertible {
    case id(Int64)
    case diaryNumber(String)
    case section(body: String, year: Int, section: Int)

    public init(parsing text: String) throws {
        let trimmed = text.trimmingWhitespace()
        if let id = Int64(trimmed), id > 0 {
            self = .id(id)
            return
        }
        let parts = trimmed.split(separator: "/", omittingEmptySubsequences: false)
        if parts.count >= 3, let last = parts.last, last.hasPrefix("§") || last.hasPrefix("§ "),
            let section = Int(last.dropFirst().trimmingWhitespace()), let year = Int(parts[parts.count - 2])
        {
            self = .section(body: parts.dropLast(2).joined(separator: "/"), year: year, section: section)
            return
        }
        self = .diaryNumber(try DiaryNumber(parsing: trimmed).description)
    }

    public var description: String {
        switch self {
        case .id(let id): "decision \(id)"
        case .diaryNumber(let number): "diary number \(number)"
        case .section(let body, let year, let section): "\(body)/\(year)/§\(section)"
        }
    }
}
