/// The project a description names: a quoted name with `-hanke` after it or `Hanke` before
/// it (`"Turvallisuus -hankeyhteistyö" -hanketta`), and who carries it out
/// (`toteuttajana on Lapin ammattikorkeakoulu`).
public enum MinutesProject {
    nonisolated(unsafe) static let quotedName = /["”“]([^"”“]{3,150})["”“] ?-hank|[Hh]anke ["”“]([^"”“]{3,150})["”“]/
    /// Phrases followed by the project's coordinator.
    public static let coordinatorPhrases = ["toteuttajana on", "hallinnoijana on", "koordinaattorina on", "projektägare är"]

    static func project(in description: MinutesJoinedText) -> (project: DecisionDocument.ProjectReference, lines: ClosedRange<Int>)? {
        let text = description.text
        guard let match = text.firstMatch(of: quotedName), let name = (match.1 ?? match.2).map({ String($0).trimmingWhitespace() }) else {
            return nil
        }
        var project = DecisionDocument.ProjectReference(name: name)
        for phrase in coordinatorPhrases {
            guard let hit = text.firstRange(of: " \(phrase) ") else { continue }
            let rest = text[hit.upperBound...]
            let words = rest.split(separator: " ").prefix(6)
            var taken: [Substring] = []
            for word in words {
                let clean = String(word).strippingEdges(".,;")
                taken.append(Substring(clean))
                if clean.count != word.count { break }
            }
            let coordinator = taken.joined(separator: " ")
            if coordinator.first?.isUppercase == true, !coordinator.isEmpty, coordinator.count <= 100 {
                project.coordinator = coordinator
                break
            }
        }
        return (project, description.lines(of: match.range))
    }
}
