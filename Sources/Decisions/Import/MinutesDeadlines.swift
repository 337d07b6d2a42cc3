/// Deadlines in the text of minutes: a date next to `mennessä`, `viimeistään` or `senast`
/// (`Osallistumisilmoitusta pyydetään 20.2.2020 mennessä`), or the end of a named month
/// (`toukokuun 2025 loppuun mennessä`). The kind comes from the sentence's words.
public enum MinutesDeadlines {
    /// Words in a sentence that make its deadline a reply, an execution, …; the first that
    /// matches decides, and a sentence with none is `other`.
    public static let kinds: [(words: [String], kind: DeadlineKind)] = [
        (["pyydetään", "pyytänyt", "ilmoittaisi", "ilmoitettava", "vastausta", "lausunto", "begär", "svar"], .replyBy),
        (["on poistettava", "ennallistettava", "toteutettava", "ska verkställas", "ska avlägsnas"], .executeBy),
    ]

    /// Finnish and Swedish month stems, January first: `toukokuun` = May.
    public static let months = [
        ["tammikuun", "januari"], ["helmikuun", "februari"], ["maaliskuun", "mars"], ["huhtikuun", "april"], ["toukokuun", "maj"],
        ["kesäkuun", "juni"], ["heinäkuun", "juli"], ["elokuun", "augusti"], ["syyskuun", "september"], ["lokakuun", "oktober"],
        ["marraskuun", "november"], ["joulukuun", "december"],
    ]

    nonisolated(unsafe) static let dated =
        /(?:(?:viimeistään|senast(?: den)?) ([0-9]{1,2}\.[0-9]{1,2}\.[0-9]{4}))|(?:([0-9]{1,2}\.[0-9]{1,2}\.[0-9]{4}) mennessä)/
    nonisolated(unsafe) static let monthEnd = /([\p{L}]+) ([0-9]{4}) (?:loppuun mennessä|slut)/

    /// The deadlines in `joined`, one per date, each with its sentence and lines.
    static func deadlines(in joined: MinutesJoinedText) -> [(deadline: DecisionDocument.Deadline, lines: ClosedRange<Int>)] {
        var found: [(DecisionDocument.Deadline, ClosedRange<Int>)] = []
        for (sentence, range) in joined.sentences {
            var dates: [CalendarDate] = []
            for match in sentence.matches(of: dated) {
                if let raw = match.1 ?? match.2, let date = try? CalendarDate(parsing: String(raw)) { dates.append(date) }
            }
            for match in sentence.matches(of: monthEnd) {
                let word = match.1.lowercased()
                if let month = months.firstIndex(where: { $0.contains(word) }), let year = Int(match.2),
                    let date = CalendarDate(year: year, month: month + 1, day: CalendarDate.daysIn(month: month + 1, year: year))
                {
                    dates.append(date)
                }
            }
            let text = sentence.replacing(MinutesPatterns.leadingNumber, with: "").trimmingWhitespace()
            let lower = text.lowercased()
            let kind = kinds.first { $0.words.contains(where: lower.contains) }?.kind ?? .other
            for date in dates where !found.contains(where: { $0.0.date == date }) {
                found.append((DecisionDocument.Deadline(kind: kind, date: date, text: String(text.prefix(Limits.shortText))), joined.lines(of: range)))
            }
        }
        return found
    }
}
