/// A new login for a person who uses pykala, in one of the pykala group roles.
public struct NewUser: Sendable, Equatable {
    public let name: String
    public let role: WorkflowRole

    public init(name: String, role: String) throws(FieldError) {
        let trimmed = name.trimmingWhitespace()
        let allowed = trimmed.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || "_.-".contains($0)) }
        guard (1...63).contains(trimmed.count), allowed, trimmed.first?.isLetter == true, !trimmed.hasPrefix("pg_"),
            !trimmed.hasPrefix("pykala_")
        else {
            throw FieldError(
                field: "name", value: name,
                expected: "a login name of lowercase letters, digits and _ . - starting with a letter, e.g. anna.virtanen")
        }
        self.name = trimmed
        self.role = try FieldRules.choice(role, field: "--role", as: WorkflowRole.self)
    }
}
