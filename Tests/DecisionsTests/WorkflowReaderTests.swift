import Decisions
import Foundation
import Testing

@Suite("workflow definitions")
struct WorkflowReaderTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func bundled(_ name: String) throws -> WorkflowDefinition {
        let url = root.appendingPathComponent("workflows/\(name).yaml")
        return try WorkflowReader.read(try String(contentsOf: url, encoding: .utf8), file: "\(name).yaml")
    }

    @Test("the bundled workflows are valid", arguments: ["council-decision", "office-holder-decision"])
    func bundledAreValid(_ name: String) throws {
        let definition = try Self.bundled(name)
        #expect(definition.name == name)
        #expect(definition.initial == "draft")
        #expect(definition.state("published")?.starts.map { "\($0.kind.rawValue) \($0.rule.rawValue)" } == ["appeal_ends rectification"])
        #expect(definition.state("archived")?.final == true)
    }

    @Test("the council flow: submit, approve by a manager with guards, and the ways back")
    func councilFlow() throws {
        let council = try Self.bundled("council-decision")
        let approve = try #require(council.transitions.first { $0.name == "approve" })
        #expect(approve.roles == [.manager])
        #expect(approve.requires == [.proposalPresent, .costSharesBalanced, .contactPersonPresent])
        #expect(council.transitions(from: "on_agenda").map(\.name) == ["decide", "return_for_preparation", "table", "remove_from_agenda"])
        #expect(council.state("draft")?.labels.sv == "Utkast")
    }

    private let valid = """
        name: tiny
        labels: {fi: Pieni, sv: Liten, en: Tiny}
        initial: draft
        states:
          draft: {fi: Luonnos, sv: Utkast, en: Draft}
          done: {fi: Valmis, sv: Klar, en: Done, final: true}
        transitions:
          - {name: finish, from: draft, to: done, roles: [secretary]}
        """

    private func problems(_ text: String) -> [DocumentProblem] {
        do {
            _ = try WorkflowReader.read(text, file: "w.yaml")
            return []
        } catch {
            return error.problems
        }
    }

    @Test("a small valid workflow reads")
    func small() throws {
        #expect(problems(valid).isEmpty)
    }

    @Test(
        "each problem is named with its line",
        arguments: [
            ("  - {name: finish, from: draft, to: done, roles: [secretary]}", "  - {name: finish, from: draft, to: gone, roles: [secretary]}",
             "transitions[0]", "\"gone\" is not a state", 8),
            ("  done: {fi: Valmis, sv: Klar, en: Done, final: true}", "  done: {fi: Valmis, sv: Klar, en: Done, final: true}\n  lost: {fi: L, sv: L, en: L, final: true}",
             "states.lost", "cannot be reached from draft", 7),
            ("  done: {fi: Valmis, sv: Klar, en: Done, final: true}", "  done: {fi: Valmis, sv: Klar, en: Done}",
             "states.done", "dead end", 6),
            ("roles: [secretary]}", "roles: []}", "transitions[0].roles", "no role may take this transition", 8),
            ("roles: [secretary]}", "roles: [secretary], requires: [moon_is_full]}", "transitions[0].requires", "\"moon_is_full\" is not known", 8),
            ("roles: [secretary]}", "roles: [boss]}", "transitions[0].roles", "\"boss\" is not known", 8),
            ("  - {name: finish, from: draft, to: done, roles: [secretary]}",
             "  - {name: finish, from: draft, to: done, roles: [secretary]}\n  - {name: finish, from: draft, to: done, roles: [manager]}",
             "transitions[1].name", "used twice", 9),
            ("initial: draft", "initial: done", "initial", "must be draft", 3),
            ("name: finish, from: draft", "name: put_on_agenda, from: draft", "transitions[0].to", "put_on_agenda must lead to on_agenda", 8),
            ("name: tiny", "name: tiny\ncolour: red", "colour", "not a known key", 2),
            ("  draft: {fi: Luonnos, sv: Utkast, en: Draft}", "  draft: {fi: Luonnos, en: Draft}", "states.draft.sv", "is missing", 5),
            // The database stores states and actions as a–z and _ only: a digit is refused here, at load.
            ("  done: {fi: Valmis, sv: Klar, en: Done, final: true}", "  done: {fi: Valmis, sv: Klar, en: Done, final: true}\n  stage2: {fi: V, sv: V, en: V}",
             "states", "\"stage2\" is not a state name; use 1 to 40 lowercase letters a–z and _", 7),
            ("name: finish, from: draft", "name: finish2, from: draft", "transitions[0].name",
             "\"finish2\" is not a transition name; use 1 to 40 lowercase letters a–z and _", 8),
        ])
    func problem(_ original: String, _ replacement: String, _ field: String, _ message: String, _ line: Int) {
        let found = problems(valid.replacingOccurrences(of: original, with: replacement))
        let match = found.first { $0.field == field }
        #expect(match != nil, "\(found)")
        #expect(match?.message.contains(message) == true, "\(found)")
        #expect(match?.line == line, "\(found)")
    }

    @Test("a YAML syntax error names its line")
    func syntax() {
        let found = problems("name: [unclosed\n")
        #expect(found.first?.field == "(syntax)")
        #expect(found.first?.line != nil)
    }
}
