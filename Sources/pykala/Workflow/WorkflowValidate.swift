internal import ArgumentParser
internal import Decisions

extension WorkflowCommand {
    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check a workflow file and report every problem with its line.",
            discussion: """
                Reports unknown states, roles and guards, states that cannot be reached, dead
                ends that are not final, transitions without roles and duplicate names, and a
                put_on_agenda that does not lead to on_agenda. Needs no database.

                Example:
                  pykala workflow validate workflows/council-decision.yaml
                """)

        @Argument(help: "The workflow file (YAML).")
        var file: String

        func run() throws {
            let definition = try WorkflowReader.read(try InputFile.read(file), file: file)
            print("\(file): workflow \(definition.name) is valid: \(definition.states.count) states, \(definition.transitions.count) transitions")
        }
    }
}
