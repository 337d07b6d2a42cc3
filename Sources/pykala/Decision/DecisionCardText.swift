internal import DecisionStore
internal import Decisions

/// The decision card as plain text for a terminal.
enum DecisionCardText {
    static func render(_ card: DecisionCard) -> String {
        var lines: [String] = []
        lines.append(card.title)
        lines.append(String(repeating: "=", count: min(card.title.count, 78)))
        var heading = card.body
        if let date = card.meetingDate { heading += " \(date)" }
        if let section = card.section { heading += " § \(section)" }
        lines.append(heading)
        if let number = card.diaryNumber { lines.append("Dnro \(number)") }
        lines.append("State: \(card.state) (version \(card.version))" + (card.outcome.map { ", outcome: \($0)" } ?? ""))
        if let project = card.project { lines.append("Project: \(project)") }
        if let basis = card.secrecyBasis { lines.append("Secret: \(basis)") }
        for (label, text) in [("Description", card.description), ("Proposal", card.proposal), ("Decision", card.decision)] {
            guard let text else { continue }
            lines.append("")
            lines.append("\(label):")
            lines.append(text.trimmingTrailingNewlines())
        }
        if !card.costShares.isEmpty {
            lines.append("")
            lines.append("Cost shares:")
            for share in card.costShares {
                lines.append("  \(share.year)  \(pad(share.amount.description, 14))  \(share.source ?? "")")
            }
            if let total = card.total { lines.append("  total \(pad(total.description, 14))") }
        }
        if !card.deadlines.isEmpty {
            lines.append("")
            lines.append("Deadlines:")
            for deadline in card.deadlines {
                var line = "  \(deadline.date)  \(deadline.kind)\(deadline.done ? " (done)" : "")  \(deadline.text ?? "")"
                if deadline.passedBeforeMeeting, !deadline.done, let meeting = card.meetingDate {
                    line += "  ⚠ passed before the meeting of \(meeting)"
                }
                lines.append(line)
            }
        }
        if !card.contacts.isEmpty {
            lines.append("")
            lines.append("Contacts:")
            for contact in card.contacts {
                let details = [contact.title, contact.phone, contact.email].compactMap { $0 }.joined(separator: ", ")
                lines.append("  \(contact.role): \(contact.name)" + (details.isEmpty ? "" : " (\(details))"))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - text.count)) + text
    }
}

extension String {
    func trimmingTrailingNewlines() -> String {
        var text = self
        while text.hasSuffix("\n") { text.removeLast() }
        return text
    }
}
