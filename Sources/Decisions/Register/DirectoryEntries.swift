/// A new organization (municipality or welfare region), checked field by field.
public struct NewOrganization: Sendable, Equatable {
    public let name: String
    public let nameSv: String?
    public let businessID: String?

    public init(name: String, nameSv: String? = nil, businessID: String? = nil) throws(FieldError) {
        self.name = try FieldRules.requiredLine(name, field: "name", limit: Limits.name)
        self.nameSv = try FieldRules.line(nameSv, field: "--name-sv", limit: Limits.name)
        self.businessID = try FieldRules.businessID(businessID, field: "--business-id")
    }
}

/// A new body (toimielin) of an organization.
public struct NewBody: Sendable, Equatable {
    public let name: String
    public let kind: BodyKind
    public let nameSv: String?

    public init(name: String, kind: String, nameSv: String? = nil) throws(FieldError) {
        self.name = try FieldRules.requiredLine(name, field: "name", limit: Limits.name)
        self.kind = try FieldRules.choice(kind, field: "--kind", as: BodyKind.self)
        self.nameSv = try FieldRules.line(nameSv, field: "--name-sv", limit: Limits.name)
    }
}

/// A new person: an official, whose work contacts are public, or a private person.
public struct NewPerson: Sendable, Equatable {
    public let name: String
    public let title: String?
    public let phone: String?
    public let email: String?
    public let isPrivate: Bool

    public init(name: String, title: String? = nil, phone: String? = nil, email: String? = nil, isPrivate: Bool = false)
        throws(FieldError)
    {
        self.name = try FieldRules.requiredLine(name, field: "name", limit: Limits.name)
        self.title = try FieldRules.line(title, field: "--title", limit: Limits.name)
        self.phone = try FieldRules.phone(phone, field: "--phone")
        self.email = try FieldRules.email(email, field: "--email")
        self.isPrivate = isPrivate
    }
}

/// What `case open` asks for: the next number of a classification, or a given number.
public struct NewCase: Sendable, Equatable {
    public enum Number: Sendable, Equatable {
        /// The next running number of the organization and year (the current year when nil).
        case next(classification: String, year: Int?)
        /// A number given as it is, e.g. `2265/15.151/2020` or `LAPDno-2025-763`.
        case given(DiaryNumber)
    }

    public let number: Number
    public let title: String

    public init(title: String, classification: String?, year: Int?, number: String?) throws(FieldError) {
        self.title = try FieldRules.requiredLine(title, field: "--title", limit: Limits.title)
        if let year, !CalendarDate.years.contains(year) {
            throw FieldError(field: "--year", value: String(year), expected: "a year from 1900 to 2199")
        }
        if let number {
            guard classification == nil, year == nil else {
                throw FieldError(
                    field: "--number", value: number, expected: "either --number, or --class (and --year), not both")
            }
            do {
                self.number = .given(try DiaryNumber(parsing: number))
            } catch let error as DiaryNumberParseError {
                throw FieldError(field: "--number", value: number, expected: "a diary number (\(error.reason)), e.g. 2265/15.151/2020")
            } catch {
                throw FieldError(field: "--number", value: number, expected: "a diary number, e.g. 2265/15.151/2020")
            }
        } else {
            guard let code = try FieldRules.classification(classification, field: "--class") else {
                throw FieldError(field: "--class", value: "", expected: "a classification such as 15.151 (or --number for a given number)")
            }
            self.number = .next(classification: code, year: year)
        }
    }
}
