/// The outcome of a handling, read from its decision text by a table of phrases, and the
/// counts of a vote (`annettiin 4 JAA- ääntä ja 7 EI- ääntä`).
public enum MinutesOutcome {
    /// Phrases and the outcome they mean, in order of precedence: the first that matches
    /// decides. (A proposal changed to "return for preparation" and then approved was returned.)
    public nonisolated(unsafe) static let phrases: [(pattern: Regex<Substring>, outcome: Outcome)] = [
        (/palaut\w* (?:asia )?(?:takaisin )?valmisteluun|återremitt\w*/, .returned),
        (/pöydälle|bordlade|bordlägg\w*/, .tabled),
        (/poist\w* (?:asia )?esityslistalta|ströks från föredragningslistan/, .removed),
        (/hylkäsi|hylättiin|förkastade|avslog/, .rejected),
        (/muutetun ehdotuksen|muutettuna|päätökseksi tulee [\p{L} -]+ esitys|ändrat förslag|med ändringar/, .amended),
        (/merkits\w* [\p{L} ]*tiedo(?:ksi|kseen)|antecknade [\p{L} ]*för kännedom/, .noted),
        (/hyväksyi [\p{L} ]*ehdotuksen|hyväksyttiin|godkände förslaget|godkändes|beslutade (?:enhälligt )?godkänna|beslöt (?:enhälligt )?godkänna/, .approved),
    ]

    /// The phrases, case ignored, compiled once.
    nonisolated(unsafe) private static let compiled = phrases.map { (pattern: $0.pattern.ignoresCase(), outcome: $0.outcome) }

    nonisolated(unsafe) static let vote =
        /([0-9]{1,3}) (?:JAA|JA)-? ?(?:ääntä|röster)(?:,| ja| och) ([0-9]{1,3}) (?:EI|NEJ)-? ?(?:ääntä|röster)(?:(?:,| ja| och) ([0-9]{1,3}) (?:TYHJÄÄ|BLANKA)(?:-? ?(?:ääntä|röster))?)?/

    /// The outcome the decision text states, with the lines of the phrase; nil when no phrase matches.
    static func outcome(of decision: MinutesJoinedText, voted: Bool) -> (outcome: Outcome, lines: ClosedRange<Int>)? {
        for (pattern, outcome) in compiled {
            if let match = decision.text.firstMatch(of: pattern) {
                return (voted && outcome == .approved ? .approvedAfterVote : outcome, decision.lines(of: match.range))
            }
        }
        return nil
    }

    /// The counts of a vote the decision text reports.
    static func vote(in decision: MinutesJoinedText) -> (vote: DecisionDocument.VoteCount, lines: ClosedRange<Int>)? {
        guard let match = decision.text.firstMatch(of: vote), let yes = Int(match.1), let no = Int(match.2) else { return nil }
        let blank = match.3.flatMap { Int($0) } ?? 0
        return (DecisionDocument.VoteCount(yes: yes, no: no, blank: blank, absent: 0), decision.lines(of: match.range))
    }
}
