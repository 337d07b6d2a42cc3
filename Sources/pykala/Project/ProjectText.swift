internal import DecisionStore
internal import Decisions

/// A project as plain text for a terminal.
enum ProjectText {
    static func render(_ project: ProjectDetail) -> String {
        var text = project.name + "\n" + String(repeating: "=", count: min(project.name.count, 78)) + "\n"
        var fields: [(String, String)] = []
        if let coordinator = project.coordinator { fields.append(("coordinator", coordinator)) }
        if let period = project.period { fields.append(("period", period)) }
        if !project.partners.isEmpty { fields.append(("partners", project.partners.joined(separator: ", "))) }
        if !project.funders.isEmpty { fields.append(("funders", project.funders.joined(separator: ", "))) }
        text += Output.fieldsText(fields)
        if let goals = project.goals { text += "\nGoals:\n" + goals.trimmingTrailingNewlines() + "\n" }
        text += "\nDecisions:\n" + Output.tableText(
            header: ["id", "reference", "state", "outcome", "total", "title"],
            rows: project.decisions.map {
                [
                    String($0.id), $0.sectionReference ?? $0.diaryNumber ?? "", $0.state, $0.outcome ?? "",
                    $0.total?.description ?? "", $0.title,
                ]
            })
        let costs = project.costs
        text += "\nCosts by year (to pay: from \(project.asOfYear) on):\n" + Output.tableText(
            header: ["year", "committed", "proposed", "to pay"],
            rows: costs.years.map { [String($0.year), $0.committed.description, $0.proposed.description, $0.toPay.description] }
                + [["total", costs.committed.description, costs.proposed.description, costs.toPay.description]],
            rightAligned: [1, 2, 3])
        if !project.deadlines.isEmpty {
            text += "\nDeadlines:\n" + Output.tableText(
                header: ["due", "kind", "done", "text"],
                rows: project.deadlines.map { [$0.date.description, $0.kind.label, $0.done ? "done" : "", $0.text ?? ""] })
        }
        if !project.contacts.isEmpty {
            text += "\nContacts:\n" + Output.tableText(
                header: ["name", "title", "responsibility / role", "phone", "email"],
                rows: project.contacts.map {
                    [
                        $0.name, $0.title ?? "", ([$0.responsibility].compactMap { $0 } + $0.roles).joined(separator: "; "),
                        $0.phone ?? "", $0.email ?? "",
                    ]
                })
        }
        return text
    }
}
