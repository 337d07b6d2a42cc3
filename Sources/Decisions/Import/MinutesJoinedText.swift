/// Lines joined by spaces into one text, so that phrases and amounts broken across lines
/// (`1.403` + `euroa`) are found, with the way back from a place in the text to its lines.
struct MinutesJoinedText {
    let text: String
    /// Where each line starts in `text`, with the line.
    private let starts: [(offset: Int, line: MinutesLine)]

    init(_ lines: [MinutesLine]) {
        var text = ""
        var starts: [(Int, MinutesLine)] = []
        for line in lines {
            let trimmed = line.text.trimmingWhitespace()
            if trimmed.isEmpty { continue }
            if !text.isEmpty { text += " " }
            starts.append((text.unicodeScalars.count, line))
            text += trimmed
        }
        self.text = text
        self.starts = starts
    }

    /// The file lines that `range` of `text` lies on.
    func lines(of range: Range<String.Index>) -> ClosedRange<Int> {
        let lower = text.unicodeScalars.distance(from: text.startIndex, to: range.lowerBound)
        let upper = text.unicodeScalars.distance(from: text.startIndex, to: range.upperBound)
        let first = starts.last { $0.offset <= lower }?.line ?? starts.first?.line
        let last = starts.last { $0.offset < max(upper, lower + 1) }?.line ?? first
        guard let first, let last else { return 0...0 }
        return first.number...max(first.number, last.last)
    }

    /// The sentences of the text, each with its range: split after `.`, `!` or `?` where a
    /// capital letter or a digit follows.
    var sentences: [(text: Substring, range: Range<String.Index>)] {
        var result: [(Substring, Range<String.Index>)] = []
        var start = text.startIndex
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            let next = text.index(after: index)
            if ".!?".contains(character), next < text.endIndex, text[next] == " " {
                let after = text.index(after: next)
                if after < text.endIndex, text[after].isUppercase || text[after].isNumber, !endsAbbreviationOrNumber(before: index) {
                    result.append((text[start..<next], start..<next))
                    start = after
                }
            }
            index = next
        }
        if start < text.endIndex { result.append((text[start...], start..<text.endIndex)) }
        return result
    }

    /// `1.` of `1. varapuheenjohtaja`, `klo 18.08` and `n.`: a dot that ends no sentence.
    private func endsAbbreviationOrNumber(before dot: String.Index) -> Bool {
        let word = text[..<dot].split(separator: " ").last ?? ""
        return word.allSatisfy(\.isNumber) && word.count <= 2 || ["n", "esim", "ns", "mm", "ko", "ent", "v", "klo", "ao"].contains(word)
    }
}
