public import Decisions

/// A workflow as a Mermaid state diagram (`stateDiagram-v2`), for documentation and review.
public enum WorkflowDiagram {
    /// The diagram; states are labelled in `language` (`fi`, `sv` or `en`).
    public static func mermaid(_ workflow: WorkflowDefinition, language: String = "fi") -> String {
        var lines = ["stateDiagram-v2", "    %% \(workflow.name): \(label(workflow.labels, language))"]
        for state in workflow.states {
            lines.append("    \(state.name) : \(sanitized(label(state.labels, language)))")
        }
        lines.append("    [*] --> \(workflow.initial)")
        for transition in workflow.transitions {
            let roles = transition.roles.map(\.rawValue).joined(separator: ", ")
            for from in transition.from {
                lines.append("    \(from) --> \(transition.to) : \(transition.name) (\(roles))")
            }
        }
        for state in workflow.states where state.final {
            lines.append("    \(state.name) --> [*]")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func label(_ labels: WorkflowDefinition.Labels, _ language: String) -> String {
        switch language {
        case "sv": labels.sv
        case "en": labels.en
        default: labels.fi
        }
    }

    /// Mermaid ends a description at a line break and reads `:` and `;` as syntax.
    private static func sanitized(_ text: String) -> String {
        String(text.map { ":;\n\r".contains($0) ? " " : $0 })
    }
}
