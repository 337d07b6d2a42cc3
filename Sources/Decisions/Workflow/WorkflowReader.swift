internal import Yams

/// A workflow file that does not hold; lists every problem with its line.
public struct WorkflowError: Error, Sendable, Equatable, CustomStringConvertible {
    public var problems: [DocumentProblem]

    public var description: String {
        problems.map(\.description).joined(separator: "\n") + "\nThe workflow was not loaded. Fix the file and run the command again."
    }
}

/// Reads and validates a workflow file: unknown keys, states and guards, states that
/// cannot be reached or left, transitions without roles, duplicate names.
public enum WorkflowReader {
    public static func read(_ text: String, file: String) throws(WorkflowError) -> WorkflowDefinition {
        let roots: [Node]
        do {
            roots = try YAMLText.roots(text, file: file)
        } catch {
            throw WorkflowError(problems: error.problems)
        }
        guard roots.count == 1, let root = roots.first else {
            throw WorkflowError(problems: [DocumentProblem(file: file, field: "(file)", message: "must hold exactly one workflow")])
        }
        var reader = Reader(file: file)
        let definition = reader.workflow(root)
        guard reader.problems.isEmpty, let definition else { throw WorkflowError(problems: reader.problems) }
        return definition
    }
}

private struct Reader {
    let file: String
    var problems: [DocumentProblem] = []

    init(file: String) { self.file = file }

    mutating func workflow(_ root: Node) -> WorkflowDefinition? {
        guard let map = mapping(root, path: "(workflow)", allowed: ["name", "labels", "initial", "states", "transitions"]) else {
            return nil
        }
        let name = required(map, "name", path: "name")
        if let name, !name.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }) {
            problem(map["name"], "name", "\"\(name)\" must be lowercase letters, digits and hyphens, e.g. council-decision")
        }
        var workflowLabels: WorkflowDefinition.Labels?
        if let node = map["labels"] {
            workflowLabels = labels(node, path: "labels")
        } else {
            problem(root, "labels", "is missing; give {fi, sv, en}")
        }
        let initial = required(map, "initial", path: "initial")

        var states: [WorkflowDefinition.State] = []
        var stateNodes: [String: Node] = [:]
        if case .mapping(let stateMap)? = map["states"] {
            for (key, value) in stateMap {
                let stateName = key.scalar?.string ?? ""
                guard isIdentifier(stateName) else {
                    problem(key, "states", "\"\(stateName)\" is not a state name; use 1 to 40 lowercase letters a–z and _, e.g. on_agenda")
                    continue
                }
                stateNodes[stateName] = key
                if let state = state(stateName, value) { states.append(state) }
            }
        } else {
            problem(map["states"] ?? root, "states", "expected a mapping of state names to {fi, sv, en, final, starts}")
        }

        var transitions: [WorkflowDefinition.Transition] = []
        var transitionNodes: [Node] = []
        var seen: Set<String> = []
        if case .sequence(let sequence)? = map["transitions"] {
            for (index, node) in sequence.enumerated() {
                guard let transition = transition(node, path: "transitions[\(index)]") else { continue }
                if !seen.insert(transition.name).inserted {
                    problem(node, "transitions[\(index)].name", "\"\(transition.name)\" is used twice; transition names are unique")
                }
                transitions.append(transition)
                transitionNodes.append(node)
            }
        } else {
            problem(map["transitions"] ?? root, "transitions", "expected a list of {name, from, to, roles, requires}")
        }

        // Names must refer to states that exist.
        let known = Set(states.map(\.name))
        if let initial, !known.isEmpty, !known.contains(initial) {
            problem(map["initial"], "initial", "\"\(initial)\" is not a state of this workflow")
        }
        if let initial, initial != WorkflowDefinition.registeredState {
            problem(map["initial"], "initial", "is \"\(initial)\"; it must be draft, the state registered decisions start in")
        }
        for (index, (transition, node)) in zip(transitions, transitionNodes).enumerated() {
            for state in transition.from + [transition.to] where !known.contains(state) {
                problem(node, "transitions[\(index)]", "\"\(state)\" is not a state of this workflow")
            }
            if transition.name == WorkflowDefinition.agendaAction, transition.to != WorkflowDefinition.agendaState {
                problem(
                    node, "transitions[\(index)].to",
                    "is \"\(transition.to)\"; \(WorkflowDefinition.agendaAction) must lead to \(WorkflowDefinition.agendaState), "
                        + "the state the meeting commands (disqualify, vote, outcome) work in")
            }
        }
        // Every state reachable from the initial one, and every state that is not final has a way out.
        if let initial, known.contains(initial) {
            var reached: Set<String> = [initial]
            var queue = [initial]
            while let state = queue.popLast() {
                for transition in transitions where transition.from.contains(state) && !reached.contains(transition.to) {
                    reached.insert(transition.to)
                    queue.append(transition.to)
                }
            }
            for state in states where !reached.contains(state.name) {
                problem(stateNodes[state.name], "states.\(state.name)", "cannot be reached from \(initial)")
            }
        }
        for state in states where !state.final && !transitions.contains(where: { $0.from.contains(state.name) }) {
            problem(stateNodes[state.name], "states.\(state.name)", "is a dead end: no transition leaves it, and it is not final")
        }
        guard problems.isEmpty, let name, let workflowLabels, let initial else { return nil }
        return WorkflowDefinition(name: name, labels: workflowLabels, initial: initial, states: states, transitions: transitions)
    }

    private mutating func state(_ name: String, _ node: Node) -> WorkflowDefinition.State? {
        let path = "states.\(name)"
        guard let map = mapping(node, path: path, allowed: ["fi", "sv", "en", "final", "starts"]) else { return nil }
        let stateLabels = labels(node, path: path, extra: ["final", "starts"])
        var final = false
        if let finalNode = map["final"] {
            switch finalNode.scalar?.string {
            case "true": final = true
            case "false": final = false
            default: problem(finalNode, "\(path).final", "expected true or false")
            }
        }
        var starts: [WorkflowDefinition.StartedDeadline] = []
        for (index, item) in sequence(map["starts"], path: "\(path).starts").enumerated() {
            let itemPath = "\(path).starts[\(index)]"
            guard let itemMap = mapping(item, path: itemPath, allowed: ["deadline", "rule"]) else { continue }
            let kind = choice(itemMap["deadline"], path: "\(itemPath).deadline", as: DeadlineKind.self)
            let rule = choice(itemMap["rule"], path: "\(itemPath).rule", as: DeadlineRule.self)
            if let kind, let rule { starts.append(.init(kind: kind, rule: rule)) }
        }
        guard let stateLabels else { return nil }
        return WorkflowDefinition.State(name: name, labels: stateLabels, final: final, starts: starts)
    }

    private mutating func transition(_ node: Node, path: String) -> WorkflowDefinition.Transition? {
        guard let map = mapping(node, path: path, allowed: ["name", "from", "to", "roles", "requires"]) else { return nil }
        let name = required(map, "name", path: "\(path).name")
        if let name, !isIdentifier(name) {
            problem(map["name"], "\(path).name", "\"\(name)\" is not a transition name; use 1 to 40 lowercase letters a–z and _, e.g. put_on_agenda")
        }
        var from: [String] = []
        if let single = map["from"]?.scalar?.string {
            from = [single]
        } else {
            from = sequence(map["from"], path: "\(path).from").compactMap { $0.scalar?.string }
        }
        if from.isEmpty { problem(map["from"] ?? node, "\(path).from", "is missing; give a state or a list of states") }
        let to = required(map, "to", path: "\(path).to")
        let roles = sequence(map["roles"], path: "\(path).roles").compactMap { choice($0, path: "\(path).roles", as: WorkflowRole.self) }
        if roles.isEmpty, map["roles"]?.sequence?.isEmpty ?? true {
            problem(map["roles"] ?? node, "\(path).roles", "no role may take this transition; give at least one of \(WorkflowRole.choices)")
        }
        let guards = sequence(map["requires"], path: "\(path).requires").compactMap { choice($0, path: "\(path).requires", as: Guard.self) }
        guard let name, let to else { return nil }
        return WorkflowDefinition.Transition(name: name, from: from, to: to, roles: roles, requires: guards)
    }

    private mutating func labels(_ node: Node, path: String, extra: [String] = []) -> WorkflowDefinition.Labels? {
        guard let map = mapping(node, path: path, allowed: ["fi", "sv", "en"] + extra) else { return nil }
        let fi = required(map, "fi", path: "\(path).fi")
        let sv = required(map, "sv", path: "\(path).sv")
        let en = required(map, "en", path: "\(path).en")
        guard let fi, let sv, let en else { return nil }
        return WorkflowDefinition.Labels(fi: fi, sv: sv, en: en)
    }

    // MARK: - Nodes

    /// A state or transition name as the database stores it (decision.state, decision_history's
    /// action and states): 1 to 40 of a–z and _, no digits.
    private func isIdentifier(_ text: String) -> Bool {
        !text.isEmpty && text.count <= 40 && text.allSatisfy { $0.isASCII && ($0.isLowercase || $0 == "_") }
    }

    private mutating func mapping(_ node: Node, path: String, allowed: [String]) -> Fields? {
        guard case .mapping(let mapping) = node else {
            problem(node, path, "expected a mapping of keys (\(allowed.joined(separator: ", ")))")
            return nil
        }
        var fields = Fields(node: node)
        for (key, value) in mapping {
            let name = key.scalar?.string ?? ""
            if allowed.contains(name) {
                fields.values[name] = value
            } else {
                problem(key, path == "(workflow)" ? name : "\(path).\(name)", "is not a known key; expected one of \(allowed.joined(separator: ", "))")
            }
        }
        return fields
    }

    private mutating func required(_ map: Fields, _ key: String, path: String) -> String? {
        guard let node = map[key] else {
            problem(map.node, path, "is missing")
            return nil
        }
        guard let value = node.scalar?.string.trimmingWhitespace(), !value.isEmpty, value.count <= 200 else {
            problem(node, path, "expected a text of 1 to 200 characters")
            return nil
        }
        return value
    }

    private mutating func sequence(_ node: Node?, path: String) -> [Node] {
        guard let node else { return [] }
        guard case .sequence(let sequence) = node else {
            problem(node, path, "expected a list")
            return []
        }
        return Array(sequence)
    }

    private mutating func choice<T: CaseIterable & RawRepresentable<String>>(_ node: Node?, path: String, as type: T.Type) -> T? {
        guard let node else {
            problem(nil, path, "is missing; expected \(T.choices)")
            return nil
        }
        guard let raw = node.scalar?.string, let value = T(rawValue: raw) else {
            problem(node, path, "\"\(node.scalar?.string ?? "")\" is not known; expected \(T.choices)")
            return nil
        }
        return value
    }

    private mutating func problem(_ node: Node?, _ field: String, _ message: String) {
        problems.append(DocumentProblem(file: file, line: node?.mark?.line, column: node?.mark?.column, field: field, message: message))
    }
}
