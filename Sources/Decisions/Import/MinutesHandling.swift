/// The current handling of a section, divided by its labels (``MinutesLabels``) into
/// description, proposal, decision and the rest, each part with its lines.
public struct MinutesHandling: Sendable {
    /// Lines and the part they were read as.
    public enum Use: Sendable, Equatable {
        case description, proposal, decision, disqualification, contacts, presenter, label
        /// Read but not put into the document (attachments, notes, appeal instructions).
        case notUsed(String)
    }

    public private(set) var description: [MinutesLine] = []
    public private(set) var proposal: [MinutesLine] = []
    public private(set) var decision: [MinutesLine] = []
    public private(set) var disqualification: [MinutesLine] = []
    /// People named in the contact blocks, each with the lines it came from.
    public private(set) var contacts: [(contact: DecisionDocument.Contact, lines: ClosedRange<Int>)] = []
    /// `Esittelijä: Satu Kankare, Kaupunginjohtaja`.
    public private(set) var presenter: (contact: DecisionDocument.Contact, lines: ClosedRange<Int>)?
    /// How each line was read, by file line number.
    public private(set) var uses: [Int: Use] = [:]

    /// Reads `lines`, the lines of the current handling after its head.
    public init(lines: [MinutesLine]) {
        var part = Use.description
        var index = 0
        func mark(_ line: MinutesLine, _ use: Use) {
            for number in line.number...line.last { uses[number] = use }
        }
        func append(_ line: MinutesLine, to use: Use) {
            mark(line, use)
            switch use {
            case .description: description.append(line)
            case .proposal: proposal.append(line)
            case .decision: decision.append(line)
            case .disqualification: disqualification.append(line)
            default: break
            }
        }
        while index < lines.count {
            let line = lines[index]
            guard let (found, rest) = MinutesLabels.part(of: line.text) else {
                // Blank lines are kept: they separate paragraphs.
                append(line, to: part)
                index += 1
                continue
            }
            let restLine = MinutesLine(number: line.number, last: line.last, text: rest)
            switch found {
            case .contacts(let role):
                mark(line, .label)
                let block = MinutesContacts.read(lines, after: index, role: role)
                for (contact, source) in block.contacts {
                    contacts.append((contact, source))
                    for number in source { uses[number] = .contacts }
                }
                index = block.next
                continue
            case .attachments:
                mark(line, .notUsed("attachments"))
                index += 1
                index = Self.skipAttachments(lines, from: index) { mark($0, .notUsed("attachments")) }
                continue
            case .presenter:
                if let contact = MinutesPeople.nameAndTitle(rest, role: .presenter) {
                    presenter = (contact, line.number...line.last)
                    mark(line, .presenter)
                } else {
                    append(line, to: part)
                }
                part = .proposal
            case .proposal:
                mark(line, .label)
                part = .proposal
                if !rest.isEmpty { append(restLine, to: part) }
            case .decision:
                mark(line, .label)
                part = .decision
                if !rest.isEmpty { append(restLine, to: part) }
            case .disqualification:
                mark(line, .label)
                part = .disqualification
                if !rest.isEmpty { append(restLine, to: part) }
            case .other(let what):
                part = .notUsed(what)
                mark(line, part)
            }
            index += 1
        }
    }

    /// Numbered attachment lines (`1 Kartta.pdf`) and their continuation lines; the index after them.
    static func skipAttachments(_ lines: [MinutesLine], from start: Int, mark: (MinutesLine) -> Void) -> Int {
        var index = start
        var previous: String?
        while index < lines.count {
            let text = lines[index].text.trimmingWhitespace()
            if text.isEmpty, previous == nil {
                index += 1
                continue
            }
            if text.prefixMatch(of: MinutesPatterns.attachmentLine) != nil {
                previous = text
            } else if let last = previous, last.wholeMatch(of: MinutesPatterns.fileName) == nil,
                text.split(separator: " ").count <= 4, !text.hasSuffix("."), MinutesLabels.part(of: text) == nil
            {
                // "1 Oikaisuvaatimus / … / Suomen" + "Emoyhtiö Oy": the title goes on.
                previous = nil
            } else {
                break
            }
            mark(lines[index])
            index += 1
        }
        return index
    }
}

/// Lines made into running text: a paragraph's lines joined by spaces, paragraphs
/// separated by a blank line, list items on lines of their own.
public enum MinutesParagraphs {
    /// The text of `lines`. A paragraph ends at a blank line, or at a short line that
    /// ends a sentence (PDF text keeps no blank lines between paragraphs).
    public static func text(_ lines: [MinutesLine]) -> String {
        let texts = lines.map { $0.text.trimmingWhitespace() }
        let width = texts.map(\.count).max() ?? 0
        var paragraphs: [[String]] = [[]]
        var pendingNumber: String?
        for (index, text) in texts.enumerated() {
            if text.isEmpty {
                // PDF layout puts blank lines inside numbered lists; they break no paragraph.
                let next = texts[(index + 1)...].first { !$0.isEmpty } ?? ""
                let inList = pendingNumber != nil || next.wholeMatch(of: MinutesPatterns.bareNumber) != nil || isListItem(next)
                if !inList, !(paragraphs.last?.isEmpty ?? true) { paragraphs.append([]) }
                continue
            }
            if text.wholeMatch(of: MinutesPatterns.bareNumber) != nil {
                pendingNumber = text
                continue
            }
            var line = text
            if let number = pendingNumber {
                line = "\(number) \(text)"
                pendingNumber = nil
            }
            let isHeading = line.hasSuffix(":") && line.count * 2 < width && line.first?.isUppercase == true
            if isHeading, !(paragraphs.last?.isEmpty ?? true) { paragraphs.append([]) }
            if isListItem(line), !(paragraphs.last?.isEmpty ?? true) {
                paragraphs[paragraphs.count - 1].append("\n" + line)
            } else if paragraphs[paragraphs.count - 1].isEmpty {
                paragraphs[paragraphs.count - 1].append(line)
            } else {
                paragraphs[paragraphs.count - 1].append(" " + line)
            }
            let endsSentence = line.last.map { ".:!?\"”".contains($0) } ?? false
            let next = index + 1 < texts.count ? texts[index + 1] : ""
            if isHeading || endsSentence && text.count * 10 < width * 7 && next.first?.isUppercase == true {
                paragraphs.append([])
            }
        }
        if let number = pendingNumber { paragraphs[paragraphs.count - 1].append(" " + number) }
        return paragraphs.map { $0.joined().trimmingWhitespace() }.filter { !$0.isEmpty }.joined(separator: "\n\n")
    }

    /// `- Open data`, `• Kartoitus`, `1. vuokrata`.
    static func isListItem(_ text: String) -> Bool {
        text.hasPrefix("- ") || text.hasPrefix("• ") || text.prefixMatch(of: MinutesPatterns.numberedItem) != nil
    }
}
