internal import DecisionStore
internal import Decisions

/// A list of decisions as a table for a terminal.
enum DecisionListText {
    static func print(_ decisions: [DecisionSummary]) {
        Output.table(
            header: ["id", "meeting", "§", "body", "diary number", "state", "total", "title"],
            rows: decisions.map { decision in
                [
                    String(decision.id), decision.meetingDate?.description ?? "", decision.section.map(String.init) ?? "",
                    decision.body, decision.diaryNumber ?? "", decision.state, decision.total?.description ?? "",
                    decision.title,
                ]
            })
    }
}
