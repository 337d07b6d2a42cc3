/// One section of minutes as read: its lines, head, page headings and current handling,
/// with the earlier handlings it quotes set apart.
public struct MinutesSection: Sendable {
    /// The section's normalised lines.
    public let lines: [MinutesLine]
    public let header: MinutesHeader
    /// The page headings inside the section (organization, body, meeting date).
    public let headings: [MinutesPages.Heading]
    /// The current handling's parts.
    public let handling: MinutesHandling
    /// Lines of earlier handlings, each range with the handling it belongs to.
    public let earlierLines: [(handling: MinutesHeader.Handling, lines: ClosedRange<Int>)]
    /// The file lines of the head (§, title, diary number, handling lines).
    public let headLines: Set<Int>

    /// Whether the text is a section at all: it has a § (or a handling line naming one).
    public var isSection: Bool { header.section != nil }

    /// Diary numbers standing alone on lines after the head: more than one section run together.
    public var otherDiaryNumbers: [DiaryNumber] {
        lines.compactMap { line in
            guard !headLines.contains(line.number), let number = MinutesHeader.diaryNumber(line.text.trimmingWhitespace()) else { return nil }
            return number == header.diaryNumber ? nil : number
        }
    }

    init(lines: [MinutesLine], headings: [MinutesPages.Heading]) {
        self.lines = lines
        self.headings = headings
        let header = MinutesHeader(lines: lines)
        self.header = header
        // Where the current handling starts: after its own handling line, else after the head.
        var start = header.endIndex + 1
        var earlier: [(MinutesHeader.Handling, ClosedRange<Int>)] = []
        if let current = header.current, let own = lines.lastIndex(where: { MinutesHeader.handling($0.text.trimmingWhitespace()) == current }),
            own >= header.endIndex
        {
            // Earlier handlings quoted above: from each one's line to the next handling line.
            let starts = lines.indices.filter { index in
                index > header.endIndex && index < own && MinutesHeader.handling(lines[index].text.trimmingWhitespace()) != nil
            }
            for (position, first) in starts.enumerated() {
                let end = position + 1 < starts.count ? starts[position + 1] : own
                guard let handling = MinutesHeader.handling(lines[first].text.trimmingWhitespace()) else { continue }
                earlier.append((handling, lines[first].number...lines[end - 1].last))
            }
            start = own + 1
        }
        earlierLines = earlier
        var head = Set<Int>()
        for line in lines[..<min(start, lines.count)] {
            let text = line.text.trimmingWhitespace()
            if MinutesHeader.handling(text) != nil || header.sources.values.contains(where: { $0.contains(line.number) }) {
                head.formUnion(line.number...line.last)
            }
        }
        headLines = head
        var current = Array(lines[min(start, lines.count)...])
        if let runOn = header.runOn {
            current = [MinutesLine(number: runOn.number, text: "Päätös:"), runOn] + current.filter { $0.number != runOn.number }
        }
        handling = MinutesHandling(lines: current)
    }
}

/// Reads a file of minutes into sections.
public enum MinutesImport {
    /// The sections of `text`: a new one starts at a line `§ N` (with the handling lines
    /// listed just above it); text without such lines is one section.
    public static func sections(in text: String) -> [MinutesSection] {
        let plain = MinutesText.plainLines(text)
        let (stripped, headings) = MinutesPages.removingHeadings(plain)
        let lines = MinutesText.joinHyphenated(stripped)
        var starts: [Int] = []
        for (index, line) in lines.enumerated() where MinutesHeader.sectionLine(line.text.trimmingWhitespace()) != nil {
            var start = index
            // The handling lines listed just above the § belong to its section.
            while start - 1 > (starts.last ?? -1) {
                let previous = lines[start - 1].text.trimmingWhitespace()
                guard previous.isEmpty || MinutesHeader.handling(previous) != nil else { break }
                start -= 1
            }
            while start < index, lines[start].isBlank { start += 1 }
            starts.append(start)
        }
        if starts.isEmpty { starts = [0] }
        starts[0] = 0
        return starts.enumerated().map { position, start in
            let end = position + 1 < starts.count ? starts[position + 1] : lines.count
            let slice = Array(lines[start..<end])
            let range = (slice.first?.number ?? 0)...(slice.last?.last ?? 0)
            return MinutesSection(lines: slice, headings: headings.filter { range.contains($0.lines.lowerBound) })
        }
    }
}
