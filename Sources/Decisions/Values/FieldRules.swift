/// A value given for one field that breaks its rule: names the field, the value and what
/// was expected.
public struct FieldError: Error, Sendable, Equatable, CustomStringConvertible {
    public let field: String
    public let value: String
    public let expected: String

    public init(field: String, value: String, expected: String) {
        self.field = field
        self.value = value
        self.expected = expected
    }

    public var description: String { "\(field): \"\(value)\" is not accepted; expected \(expected)" }
}

/// The rules for single fields, shared by the document reader and the commands that add
/// organizations, bodies, people and cases. The database repeats each as a CHECK constraint.
public enum FieldRules {
    /// A line of text: trimmed; no NUL or other control characters; 1…`limit` characters.
    /// Empty (after trimming) gives nil.
    public static func line(_ value: String?, field: String, limit: Int) throws(FieldError) -> String? {
        guard let value else { return nil }
        if value.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            throw FieldError(field: field, value: value.debugDescription, expected: "one line of text without control characters")
        }
        let trimmed = value.trimmingWhitespace()
        if trimmed.count > limit {
            let shown = trimmed.count <= 60 ? trimmed : String(trimmed.prefix(40)) + "…"
            throw FieldError(field: field, value: shown, expected: "at most \(limit) characters (it has \(trimmed.count))")
        }
        return trimmed.isEmpty ? nil : trimmed
    }

    /// Like ``line(_:field:limit:)``, but the value must be there.
    public static func requiredLine(_ value: String, field: String, limit: Int) throws(FieldError) -> String {
        guard let line = try line(value, field: field, limit: limit) else {
            throw FieldError(field: field, value: value, expected: "a non-empty text")
        }
        return line
    }

    /// A phone number: digits, spaces, `+ - ( )`, 3 to 40 characters, at least one digit.
    public static func phone(_ value: String?, field: String) throws(FieldError) -> String? {
        guard let phone = try line(value, field: field, limit: 40) else { return nil }
        let allowed = phone.allSatisfy { $0.isASCIIDigit || " +-()".contains($0) }
        guard allowed, phone.count >= 3, phone.contains(where: \.isASCIIDigit) else {
            throw FieldError(field: field, value: phone, expected: "a phone number of digits, spaces and + - ( ), e.g. 040 539 4293")
        }
        return phone
    }

    /// An e-mail address: one `@`, a dot in the domain, no white space, at most 254 characters.
    public static func email(_ value: String?, field: String) throws(FieldError) -> String? {
        guard let email = try line(value, field: field, limit: 254) else { return nil }
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."), !parts[1].hasSuffix("."),
            !email.contains(where: \.isWhitespace)
        else {
            throw FieldError(field: field, value: email, expected: "an e-mail address, e.g. etunimi.sukunimi@ranua.fi")
        }
        return email
    }

    /// A Finnish business id (Y-tunnus), `0201256-6`, with a valid check digit.
    public static func businessID(_ value: String?, field: String) throws(FieldError) -> String? {
        guard let id = try line(value, field: field, limit: 40) else { return nil }
        let expected = "a business id of seven digits, a hyphen and a check digit, e.g. 0201256-6"
        let digits = id.compactMap(\.wholeNumberValue)
        guard id.count == 9, digits.count == 8, id.allSatisfy({ $0.isASCIIDigit || $0 == "-" }),
            id[id.index(id.startIndex, offsetBy: 7)] == "-"
        else { throw FieldError(field: field, value: id, expected: expected) }
        let remainder = zip(digits.prefix(7), [7, 9, 10, 5, 8, 4, 2]).map { $0 * $1 }.reduce(0, +) % 11
        guard remainder != 1, digits[7] == (remainder == 0 ? 0 : 11 - remainder) else {
            throw FieldError(field: field, value: id, expected: expected + " (the check digit does not match)")
        }
        return id
    }

    /// A classification code (tehtäväluokka): digits and points, e.g. `15.151`.
    public static func classification(_ value: String?, field: String) throws(FieldError) -> String? {
        guard let code = try line(value, field: field, limit: 50) else { return nil }
        let isCode = code.allSatisfy { $0.isASCIIDigit || $0 == "." } && code.first?.isASCIIDigit == true
            && code.last?.isASCIIDigit == true && !code.contains("..")
        guard isCode else { throw FieldError(field: field, value: code, expected: "digits and points, e.g. 15.151") }
        return code
    }

    /// One of a closed vocabulary.
    public static func choice<T: CaseIterable & RawRepresentable<String>>(_ value: String, field: String, as type: T.Type) throws(FieldError) -> T {
        guard let choice = T(rawValue: value.trimmingWhitespace()) else {
            throw FieldError(field: field, value: value, expected: T.choices)
        }
        return choice
    }
}
