/// Euros in the text of minutes: the amount a proposal commits (its total), the shares per
/// year, and where the money comes from. An amount is taken only where the wording says
/// what it is; shares are kept only when they add up to the total.
public enum MinutesAmounts {
    /// Words after `N euron` that make N the municipality's commitment: `2.000 euron kuntarahaosuudella`.
    public static let commitmentWords = [
        "kuntarahaosuudella", "kuntarahaosuutena", "kuntarahoituksella", "rahoitusosuudella", "maksuosuudella", "omarahoitusosuudella",
        "kuntaosuudella", "avustuksella", "finansieringsandel", "kommunandel",
    ]
    /// Verbs that name the source of the money: `mikä otetaan talousarvion Projektit 474 rahoitusvarauksista`.
    public static let sourceVerbs = ["otetaan", "katetaan", "maksetaan", "tas från", "täcks med"]
    /// Row labels of a budget table that hold the municipality's share per year.
    public static let tableRows = ["Kuntarahoitus", "Kuntarahaosuus", "Kuntaosuus", "Kommunal finansiering", "Kommunens andel"]

    /// One amount in the text.
    struct Mention {
        let money: Money
        let range: Range<String.Index>
    }

    nonisolated(unsafe) static let amountPattern =
        /([0-9]{1,3}(?:[ .][0-9]{3})+|[0-9]+)(?:,([0-9]{1,2}))?(?: ?€| euro[a-z]*| EUR\b)/

    /// Every amount of euros in `text` (`18.610 euron`, `19 420 €`, `24.881,52 euron`).
    static func mentions(in text: String) -> [Mention] {
        text.matches(of: amountPattern).compactMap { match in
            // A digit or separator right before: the number began earlier (`2022 400 euroa`).
            if match.range.lowerBound > text.startIndex {
                let before = text[text.index(before: match.range.lowerBound)]
                if before.isNumber || before == "." || before == "," { return nil }
            }
            let euros = match.1.filter(\.isNumber)
            guard euros.count <= 12, let whole = Int64(euros) else { return nil }
            var cents = Int64(0)
            if let fraction = match.2 { cents = Int64(fraction.count == 1 ? "\(fraction)0" : String(fraction)) ?? 0 }
            return Mention(money: Money(cents: whole * 100 + cents), range: match.range)
        }
    }

    /// The total a proposal commits: the one amount followed by a commitment word. Two
    /// different ones are ambiguous (nil, with the reason).
    static func total(in proposal: MinutesJoinedText) -> (money: Money?, lines: ClosedRange<Int>?, problem: String?) {
        var found: [(Money, ClosedRange<Int>)] = []
        for mention in mentions(in: proposal.text) {
            let after = proposal.text[mention.range.upperBound...].split(separator: " ", maxSplits: 1).first.map(String.init) ?? ""
            let word = after.strippingEdges(".,;:")
            if commitmentWords.contains(word), !found.contains(where: { $0.0 == mention.money }) {
                found.append((mention.money, proposal.lines(of: mention.range)))
            }
        }
        if found.count > 1 {
            return (nil, nil, "the proposal names \(found.map { $0.0.description }.joined(separator: " and ")); which is the total is not clear")
        }
        return (found.first?.0, found.first?.1, nil)
    }

    /// Shares per year in running text: `200 euroa vuonna 2020`, `vuonna 2025 yhteensä 409 euroa`,
    /// `400 euroa vuosina 2021 - 2022` (each year), and in a budget table.
    static func shares(in joined: MinutesJoinedText, lines: [MinutesLine]) -> [(share: DecisionDocument.CostShare, lines: ClosedRange<Int>)] {
        var found: [(DecisionDocument.CostShare, ClosedRange<Int>)] = []
        let text = joined.text
        let mentions = mentions(in: text)
        for mention in mentions {
            let after = text[mention.range.upperBound...]
            if let m = after.prefixMatch(of: MinutesPatterns.yearAfter), let year = Int(m.1) {
                found.append((.init(year: year, amount: mention.money), joined.lines(of: mention.range.lowerBound..<m.range.upperBound)))
            } else if let m = after.prefixMatch(of: MinutesPatterns.yearsAfter), let from = Int(m.1), let to = Int(m.2),
                from < to, to - from < 10
            {
                for year in from...to {
                    found.append((.init(year: year, amount: mention.money), joined.lines(of: mention.range.lowerBound..<m.range.upperBound)))
                }
            } else {
                let before = text[..<mention.range.lowerBound]
                if let m = before.firstMatch(of: MinutesPatterns.yearBefore), let year = Int(m.1) {
                    found.append((.init(year: year, amount: mention.money), joined.lines(of: m.range.lowerBound..<mention.range.upperBound)))
                }
            }
        }
        return found + tableShares(lines)
    }

    /// A budget table's row of municipal shares: the years stand in the lines above, the
    /// numbers on the line after the row's label, the last of them the total. Thousands
    /// written `22 311` make the numbers ambiguous; the one way to read them whose shares
    /// add up to the total is taken, and none if there is not exactly one.
    static func tableShares(_ lines: [MinutesLine]) -> [(share: DecisionDocument.CostShare, lines: ClosedRange<Int>)] {
        let texts = lines.map { $0.text.trimmingWhitespace() }
        for (index, text) in texts.enumerated() where tableRows.contains(text) && index + 1 < texts.count {
            let numbers = texts[index + 1].split(separator: " ").map(String.init)
            guard !numbers.isEmpty, numbers.allSatisfy({ $0.allSatisfy(\.isNumber) && $0.count <= 9 }) else {
                continue
            }
            var years: [Int] = []
            var hasTotal = false
            for above in texts[max(0, index - 8)..<index] {
                let tokens = above.split(separator: " ")
                let digits = tokens.filter { $0.allSatisfy(\.isNumber) }
                guard !digits.isEmpty, digits.allSatisfy({ $0.count == 4 && (2000...2099).contains(Int($0) ?? 0) }) else { continue }
                years += digits.compactMap { Int($0) }
                if tokens.contains(where: { ["Yhteensä", "yhteensä", "Totalt", "totalt"].contains($0) }) { hasTotal = true }
            }
            guard !years.isEmpty, hasTotal, Set(years).count == years.count else { continue }
            let readings = groupings(numbers, into: years.count + 1).filter { values in
                values.dropLast().reduce(0, +) == values.last
            }
            guard readings.count == 1, let values = readings.first else { continue }
            let source = lines[index].number...lines[index + 1].last
            return zip(years, values).map { (.init(year: $0, amount: Money(cents: Int64($1) * 100)), source) }
        }
        return []
    }

    /// Every way to read digit groups as `count` numbers, each a 1–3 digit head followed by
    /// 3-digit groups.
    static func groupings(_ tokens: [String], into count: Int) -> [[Int]] {
        guard tokens.count <= 40 else { return [] }
        func read(_ start: Int, _ left: Int) -> [[Int]] {
            if start == tokens.count { return left == 0 ? [[]] : [] }
            guard left > 0, (1...3).contains(tokens[start].count) else { return [] }
            var result: [[Int]] = []
            var value = Int(tokens[start]) ?? 0
            var end = start + 1
            while true {
                for rest in read(end, left - 1) { result.append([value] + rest) }
                guard end < tokens.count, tokens[end].count == 3, value < 1_000_000_000 else { break }
                value = value * 1000 + (Int(tokens[end]) ?? 0)
                end += 1
            }
            return result
        }
        return read(0, count)
    }

    /// The source the proposal names: the words after `otetaan`/`katetaan` up to the end of the clause.
    static func source(in proposal: MinutesJoinedText) -> (text: String, lines: ClosedRange<Int>)? {
        for verb in sourceVerbs {
            guard let hit = proposal.text.firstRange(of: " \(verb) ") else { continue }
            let rest = proposal.text[hit.upperBound...]
            let end = rest.firstIndex(where: { ".,;".contains($0) }) ?? rest.endIndex
            let text = rest[..<end].trimmingWhitespace()
            if !text.isEmpty, text.count <= 120 { return (text, proposal.lines(of: hit.lowerBound..<end)) }
        }
        return nil
    }
}
