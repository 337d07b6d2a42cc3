internal import Decisions

/// The lines that go with a draft: which section it is, what was not filled, which lines
/// were not used, and with --explain where each value came from.
enum DraftReport {
    static func lines(_ draft: MinutesDraft, file: String, explain: Bool) -> [String] {
        var lines = ["\(file), lines \(span(draft.lines)): \(draft.document.title.isEmpty ? "(no title)" : draft.document.title)"]
        if !draft.gaps.isEmpty {
            lines.append("Not filled:")
            lines += draft.gaps.map { "  \($0.field): \($0.reason)" }
        }
        if !draft.unused.isEmpty {
            lines.append("Lines not used:")
            lines += draft.unused.map { "  \(span($0.lines)): \($0.reason)" }
        }
        if explain {
            lines.append("Where each value came from:")
            lines += draft.sources.map { source in
                let place = source.lines.map { "line \(span($0))" } ?? source.via
                let via = source.lines == nil || source.via == "text" ? "" : " (\(source.via))"
                return "  \(source.field) = \(source.value.replacing("\n", with: " "))  ← \(place)\(via)"
            }
        }
        return lines
    }

    static func span(_ range: ClosedRange<Int>) -> String {
        range.lowerBound == range.upperBound ? "\(range.lowerBound)" : "\(range.lowerBound)–\(range.upperBound)"
    }
}
