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

    public init() {}

    /// Reads the head of one section (normalised first).
    public init(parsing text: String) {
        let lines = MinutesText.normalized(text).split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.trimmingWhitespace() }
        var titleLines: [String] = []
        var inTitle = false
        for line in lines {
            if let handling = Self.handling(line) {
                if !handlings.contains(handling) { handlings.append(handling) }
                continue
            }
            if section == nil, let number = Self.sectionLine(line) {
                section = number
                inTitle = true
                continue
            }
            // Pedersöre's form: the section's number opens its first line, title and text run on.
            // The number is clear; where the title ends is not, so the title is left empty.
            if section == nil, titleLines.isEmpty, handlings.isEmpty, let m = line.prefixMatch(of: /([0-9]{1,4}) [A-ZÅÄÖ]/) {
                section = Int(m.1)
                continue
            }
            if diaryNumber == nil, let number = Self.diaryNumber(line) {
                diaryNumber = number
                inTitle = false
                continue
            }
            if inTitle {
                if line.isEmpty || Self.labels.contains(where: line.hasPrefix) {
                    inTitle = false
                } else if titleLines.joined(separator: " ").count + line.count > Self.longestTitle {
                    // A title does not run on like this: the text has no clear end of title.
                    titleLines = []
                    inTitle = false
                } else {
                    titleLines.append(line)
                }
            } else if title == nil, titleLines.isEmpty, section == nil, diaryNumber == nil, !line.isEmpty, handlings.isEmpty {
                // The seed's form: the title stands first, before the diary number.
                titleLines.append(line)
            }
            if diaryNumber != nil, !titleLines.isEmpty, title == nil {
                title = titleLines.joined(separator: " ")
            }
        }
        if title == nil, !titleLines.isEmpty { title = titleLines.joined(separator: " ") }
        if section == nil { section = handlings.last?.section }
    }

    /// Longer than this, a "title" is text that lost its line breaks.
    public static let longestTitle = 300

    /// Lines that end a title: the labels that follow it in the corpus.
    static let labels = ["Valmistelija", "Valmistelijat", "Beredare", "Liitteet", "Bilagor", "Oheismateriaali"]

    /// `§ 357` alone on a line.
    static func sectionLine(_ line: String) -> Int? {
        guard let match = line.wholeMatch(of: /§\s*([0-9]{1,5})/) else { return nil }
        return Int(match.1)
    }

    /// A line that is only a diary number: `2265/15.151/2020`, `LAPDno-2025-763`.
    static func diaryNumber(_ line: String) -> DiaryNumber? {
        guard line.wholeMatch(of: /[0-9]+\/[0-9]+(\.[0-9]+)*\/[0-9]{4}|[A-Za-z]{2,10}(no|dno|Dno)?-[0-9]{4}-[0-9]+/) != nil else { return nil }
        return try? DiaryNumber(parsing: line)
    }

    /// `Kaupunginhallitus, 02.12.2024, § 357`, `Kaupunginhallitus, § 357, 02.12.2024` or `Kunnanhallitus 24.02.2020 § 39`.
    public static func handling(_ line: String) -> Handling? {
        if let m = line.wholeMatch(of: /([A-ZÅÄÖ][\p{L}-]+),?\s+([0-9]{1,2}\.[0-9]{1,2}\.[0-9]{4}),?\s+§\s*([0-9]{1,5})/),
            let date = try? CalendarDate(parsing: String(m.2)), let section = Int(m.3)
        {
            return Handling(body: String(m.1), date: date, section: section)
        }
        if let m = line.wholeMatch(of: /([A-ZÅÄÖ][\p{L}-]+),\s*§\s*([0-9]{1,5}),\s*([0-9]{1,2}\.[0-9]{1,2}\.[0-9]{4})/),
            let date = try? CalendarDate(parsing: String(m.3)), let section = Int(m.2)
        {
            return Handling(body: String(m.1), date: date, section: section)
        }
        return nil
    }
}
