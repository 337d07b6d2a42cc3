/// What the head of a section of minutes says: its §, title and diary number, and the
/// handlings it lists (`Kaupunginhallitus, 02.12.2024, § 357`), the current one last.
public struct MinutesHeader: Sendable, Equatable {
    /// One handling of the matter by a body.
    public struct Handling: Sendable, Equatable {
        public let body: String
        public let date: CalendarDate
        public let section: Int

        public init(body: String, date: CalendarDate, section: Int) {
            self.body = body
            self.date = date
            self.section = section
        }
    }

    public var section: Int?
    public var title: String?
    public var diaryNumber: DiaryNumber?
    /// Every handling named, in the order of the text, without repeats.
    public var handlings: [Handling] = []
    /// The handling whose § is this section's: the current one.
    public var current: Handling? { handlings.last { $0.section == section } }
    /// The handlings before the current one: the section's history.
    public var earlier: [Handling] { handlings.filter { $0 != current } }
    /// The file lines each part of the head came from: `section`, `title`, `diary_number`.
    public var sources: [String: ClosedRange<Int>] = [:]
    /// The line after the title when a section runs on one line (Pedersöre's form:
    /// `3 Godkännande av … Kommunstyrelsen beslutade enhälligt …`): the decision.
    public var runOn: MinutesLine?
    /// The index (in the lines read) of the last line of the head.
    public var endIndex: Int = -1

    public init() {}

    /// Reads the head of one section (normalised first).
    public init(parsing text: String) {
        self.init(lines: MinutesText.normalizedLines(text))
    }

    /// Reads the head of one section from its normalised lines.
    public init(lines input: [MinutesLine]) {
        let lines = input.map { MinutesLine(number: $0.number, last: $0.last, text: $0.text.trimmingWhitespace()) }
        var titleLines: [MinutesLine] = []
        var inTitle = false
        func takeTitle() {
            guard title == nil, !titleLines.isEmpty else { return }
            title = titleLines.map(\.text).joined(separator: " ")
            sources["title"] = titleLines[0].number...titleLines[titleLines.count - 1].last
        }
        var headDone = false
        var lastHandlingLine: ClosedRange<Int>?
        for (index, line) in lines.enumerated() {
            let text = line.text
            if let handling = Self.handling(text) {
                if !handlings.contains(handling) { handlings.append(handling) }
                lastHandlingLine = line.number...line.last
                if section == nil, diaryNumber == nil { endIndex = index }
                continue
            }
            if headDone { continue }
            if section == nil, let number = Self.sectionLine(text) {
                section = number
                sources["section"] = line.number...line.last
                inTitle = true
                endIndex = index
                continue
            }
            // Pedersöre's form: the section's number opens its first line, title and text run on.
            if section == nil, titleLines.isEmpty, handlings.isEmpty, let m = text.prefixMatch(of: MinutesPatterns.runOnSection) {
                section = Int(m.1)
                sources["section"] = line.number...line.number
                endIndex = index
                readRunOn(line, after: m.output.0.count - 1)
                continue
            }
            if diaryNumber == nil, let number = Self.diaryNumber(text) {
                diaryNumber = number
                sources["diary_number"] = line.number...line.last
                inTitle = false
                endIndex = index
                takeTitle()
                continue
            }
            if inTitle {
                if text.isEmpty || MinutesLabels.part(of: text) != nil {
                    inTitle = false
                } else if titleLines.map(\.text).joined(separator: " ").count + text.count > Self.longestTitle {
                    // A title does not run on like this: the text has no clear end of title.
                    titleLines = []
                    inTitle = false
                } else {
                    titleLines.append(line)
                    endIndex = index
                }
            } else if title == nil, titleLines.isEmpty, section == nil, diaryNumber == nil, !text.isEmpty, handlings.isEmpty {
                // The seed's form: the title stands first, before the diary number.
                titleLines.append(line)
                endIndex = index
            }
            if diaryNumber != nil, !titleLines.isEmpty { takeTitle() }
            if section != nil || !handlings.isEmpty, diaryNumber != nil, !inTitle, !text.isEmpty { headDone = true }
        }
        takeTitle()
        if section == nil, let last = handlings.last {
            section = last.section
            sources["section"] = lastHandlingLine
        }
    }

    /// The title and decision of a section on one line: the title ends where a sentence
    /// with a deciding verb (`Kommunstyrelsen beslutade`) begins. Without one, neither is read.
    private mutating func readRunOn(_ line: MinutesLine, after offset: Int) {
        let rest = String(line.text.dropFirst(offset))
        guard let m = rest.firstMatch(of: MinutesLabels.decidingSentence), m.range.lowerBound > rest.startIndex else { return }
        let titleText = rest[..<m.range.lowerBound].trimmingWhitespace()
        guard !titleText.isEmpty, titleText.count <= Self.longestTitle else { return }
        title = titleText
        sources["title"] = line.number...line.last
        runOn = MinutesLine(number: line.number, last: line.last, text: String(rest[m.range.lowerBound...]).trimmingWhitespace())
    }

    /// Longer than this, a "title" is text that lost its line breaks.
    public static let longestTitle = 300

    /// `§ 357` alone on a line.
    static func sectionLine(_ line: String) -> Int? {
        guard let match = line.wholeMatch(of: MinutesPatterns.sectionLine) else { return nil }
        return Int(match.1)
    }

    /// A line that is only a diary number: `2265/15.151/2020`, `LAPDno-2025-763`.
    static func diaryNumber(_ line: String) -> DiaryNumber? {
        guard line.wholeMatch(of: MinutesPatterns.diaryNumberLine) != nil else { return nil }
        return try? DiaryNumber(parsing: line)
    }

    /// `Kaupunginhallitus, 02.12.2024, § 357`, `Kaupunginhallitus, § 357, 02.12.2024` or `Kunnanhallitus 24.02.2020 § 39`.
    public static func handling(_ line: String) -> Handling? {
        if let m = line.wholeMatch(of: MinutesPatterns.handlingDateFirst),
            let date = try? CalendarDate(parsing: String(m.2)), let section = Int(m.3)
        {
            return Handling(body: String(m.1), date: date, section: section)
        }
        if let m = line.wholeMatch(of: MinutesPatterns.handlingSectionFirst),
            let date = try? CalendarDate(parsing: String(m.3)), let section = Int(m.2)
        {
            return Handling(body: String(m.1), date: date, section: section)
        }
        return nil
    }
}
