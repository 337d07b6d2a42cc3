/// The page headings and footers that PDF text layers repeat inside a section:
///
///     Lapuan kaupunki
///     Kaupunginhallitus
///     Pöytäkirja
///     25.08.2025
///     13/2025
///     22 (43)
///
/// A heading is recognised by its page number `22 (43)` with an organization line and a
/// document kind above it; what it names (organization, body, meeting date) is kept, as
/// the section often says its body and date nowhere else. The words are tables: another
/// municipality's heading is a line here.
public enum MinutesPages {
    /// What one page heading says.
    public struct Heading: Sendable, Equatable {
        public var organization: String
        public var body: String?
        public var date: CalendarDate?
        /// The lines the heading took (file line numbers).
        public var lines: ClosedRange<Int>
    }

    /// How an organization line ends: `Lapuan kaupunki`, `Ranuan kunta`, `Pedersöre kommun`.
    public static let organizationSuffixes = ["kaupunki", "kunta", "kommun", "stad", "kuntayhtymä", "samkommun"]
    /// What kind of document the heading names.
    public static let documentKinds = ["Pöytäkirja", "Esityslista", "Ote pöytäkirjasta", "Protokoll", "Föredragningslista", "Protokollsutdrag"]
    /// Footers printed on every page, cut wherever they stand.
    public static let footers = [
        "Pöytäkirjantarkastajien nimikirjaimet", "Otteen oikeaksi todistaa", "Protokolljusterarnas initialer", "Utdragets riktighet intygar",
    ]

    /// The lines without headings and footers, and the headings found.
    public static func removingHeadings(_ input: [MinutesLine]) -> (lines: [MinutesLine], headings: [Heading]) {
        var lines = input.map { line in
            var line = line
            for footer in footers where line.text.contains(footer) {
                line.text = line.text.replacing(footer, with: "")
                line.text = String(line.text.reversed().drop(while: { $0 == " " }).reversed())
            }
            return line
        }
        var headings: [Heading] = []
        var index = 0
        while index < lines.count {
            guard isPageNumber(lines[index].text), let (found, removed) = heading(endingAt: index, in: lines) else {
                index += 1
                continue
            }
            headings.append(found)
            let first = removed.min() ?? index
            lines = lines.enumerated().filter { !removed.contains($0.offset) }.map(\.element)
            index = first
        }
        return (lines, headings)
    }

    /// `22 (43)`
    static func isPageNumber(_ text: String) -> Bool {
        text.wholeMatch(of: MinutesPatterns.pageNumber) != nil
    }

    static func isOrganization(_ text: String) -> Bool {
        let words = text.split(separator: " ")
        return words.count == 2 && words[0].first?.isUppercase == true && organizationSuffixes.contains(String(words[1]))
    }

    /// The heading whose page number is line `end`, and the indices of its lines (with the
    /// blank lines inside it and one on each side).
    static func heading(endingAt end: Int, in lines: [MinutesLine]) -> (Heading, Set<Int>)? {
        let earliest = max(0, end - 14)
        guard let start = (earliest..<end).last(where: { isOrganization(lines[$0].text) }) else { return nil }
        var removed: Set<Int> = [start, end]
        var heading = Heading(organization: lines[start].text, lines: lines[start].number...lines[end].last)
        var sawKind = false
        for index in (start + 1)..<end {
            let text = lines[index].text
            if text.isEmpty {
                removed.insert(index)
            } else if heading.body == nil, !sawKind, index == nextFilled(after: start, in: lines) {
                heading.body = text
                removed.insert(index)
            } else if documentKinds.contains(text) {
                sawKind = true
                removed.insert(index)
            } else if heading.date == nil, text.wholeMatch(of: MinutesPatterns.finnishDate) != nil, let date = try? CalendarDate(parsing: text) {
                heading.date = date
                removed.insert(index)
            } else if text.wholeMatch(of: MinutesPatterns.minutesNumber) != nil {
                removed.insert(index)
            }
        }
        guard sawKind else { return nil }
        if start > 0, lines[start - 1].text.isEmpty { removed.insert(start - 1) }
        if end + 1 < lines.count, lines[end + 1].text.isEmpty { removed.insert(end + 1) }
        return (heading, removed)
    }

    private static func nextFilled(after index: Int, in lines: [MinutesLine]) -> Int? {
        lines.indices.first { $0 > index && !lines[$0].text.isEmpty }
    }
}
