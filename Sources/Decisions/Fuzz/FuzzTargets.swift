/// Entry points for fuzzing the parsers (scripts/fuzz runs them under libFuzzer; the tests
/// replay every input kept in Tests/Fixtures/fuzz). Each takes any bytes, must not crash,
/// and checks what must hold of what it parsed: a violation is a crash, so the fuzzer keeps
/// the input.
public enum FuzzTargets {
    /// The targets by name, as scripts/fuzz and the replay test call them.
    public static let all: [String: @Sendable ([UInt8]) -> Void] = [
        "money": money, "date": date, "diary-number": diaryNumber, "workflow-yaml": workflowYAML, "minutes": minutes,
    ]

    /// An amount that parses formats back to itself.
    public static func money(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        guard let amount = try? Money(parsing: text) else { return }
        precondition((try? Money(parsing: amount.description)) == amount, "\(text.debugDescription) → \(amount) does not read back")
    }

    /// A date that parses reads back from its Finnish and ISO forms.
    public static func date(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        guard let day = try? CalendarDate(parsing: text) else { return }
        precondition((try? CalendarDate(parsing: day.description)) == day && (try? CalendarDate(parsing: day.iso)) == day,
                     "\(text.debugDescription) → \(day) does not read back")
    }

    /// A diary number that parses reads back from its text.
    public static func diaryNumber(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        guard let number = try? DiaryNumber(parsing: text) else { return }
        precondition((try? DiaryNumber(parsing: number.description)) == number, "\(text.debugDescription) → \(number) does not read back")
    }

    /// A workflow file either reads or is refused with located problems.
    public static func workflowYAML(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        do {
            let definition = try WorkflowReader.read(text, file: "fuzz.yaml")
            precondition(!definition.states.isEmpty, "a workflow without states was accepted")
        } catch {
            precondition(!error.problems.isEmpty, "a workflow was refused without a reason")
        }
    }

    /// Minutes text gives drafts whose values lie on lines of the text and whose shares add up.
    public static func minutes(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        let lineCount = text.split(separator: "\n", omittingEmptySubsequences: false).count
        for section in MinutesImport.sections(in: text) {
            let draft = MinutesDraft(section: section)
            for source in draft.sources {
                if let lines = source.lines { precondition(lines.lowerBound >= 1 && lines.upperBound <= lineCount, "\(source.field) at \(lines)") }
            }
            if let total = draft.document.total, !draft.document.costShares.isEmpty {
                precondition(Money.sum(draft.document.costShares.map(\.amount)) == total, "shares do not add up to the total")
            }
        }
    }
}
