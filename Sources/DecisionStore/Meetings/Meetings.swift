public import Decisions
public import Postgres
public import Foundation

/// Meetings of a body: attendance, the agenda with § numbers, quorum, votes and
/// disqualifications. Every write is a SECURITY DEFINER function of the database.
public enum Meetings {
    public struct Meeting: Sendable, Equatable, Codable {
        public let id: Int64
        public let body: String
        public let date: String
        public let number: String?
        public let place: String?
    }

    public static func new(
        body: String, date: CalendarDate, number: String?, place: String?, organization: String?, request: UUID? = nil, on connection: Connection
    ) throws -> Meeting {
        let place = try FieldRules.line(place, field: "--place", limit: 200)
        if let number, number.wholeMatch(of: /[0-9]{1,4}\/[0-9]{4}/) == nil {
            throw FieldError(field: "--number", value: number, expected: "the meeting's number and year, e.g. 14/2025")
        }
        return try connection.callWriting(
            "SELECT pykala.new_meeting($1, $2, $3::date, $4, $5) AS result", [organization, body, date.iso, number, place],
            as: Meeting.self, request: request)
    }

    /// Who attends, in what role; a deputy serves `for` a member; arrivals and departures by §.
    public enum AttendanceRole: String, Sendable, Codable, CaseIterable {
        case member, deputy, chair, secretary, checker, presenter, other
    }

    public struct Attendance: Sendable, Equatable, Codable {
        public let person: String
        public let role: String
        public let deputyFor: String?
        public let arrived: Int?
        public let left: Int?
    }

    public static func attend(
        body: String, date: CalendarDate, person: String, role: AttendanceRole, deputyFor: String?, arrived: Int?, left: Int?,
        organization: String?, request: UUID? = nil, on connection: Connection
    ) throws -> Attendance {
        if role == .deputy, deputyFor == nil {
            throw FieldError(field: "--for", value: "", expected: "the member a deputy serves for")
        }
        if role != .deputy, let deputyFor {
            throw FieldError(field: "--for", value: deputyFor, expected: "--for only with --as deputy")
        }
        return try connection.callWriting(
            "SELECT pykala.attend($1, $2, $3::date, $4, $5, $6, $7, $8) AS result",
            [organization, body, date.iso, person, role.rawValue, deputyFor, arrived, left], as: Attendance.self, request: request)
    }

    /// Sets a body's number of seats and its quorum rule.
    public struct BodySettings: Sendable, Equatable, Codable {
        public let name: String
        public let seats: Int?
        public let quorum: String
    }

    public enum QuorumRule: String, Sendable, Codable, CaseIterable {
        case moreThanHalf = "more_than_half", twoThirds = "two_thirds"
    }

    public static func setBody(_ body: String, seats: Int?, quorum: QuorumRule?, organization: String?, request: UUID? = nil, on connection: Connection) throws
        -> BodySettings
    {
        if let seats, !(1...500).contains(seats) {
            throw FieldError(field: "--seats", value: String(seats), expected: "a number of seats from 1 to 500")
        }
        return try connection.callWriting(
            "SELECT pykala.body_settings($1, $2, $3, $4) AS result", [organization, body, seats, quorum?.rawValue],
            as: BodySettings.self, request: request)
    }

    /// What putting a decision on an agenda did: its § and the transition.
    public struct Placed: Sendable, Equatable, Codable {
        public let decision: Int64
        public let meetingDate: String
        public let section: Int
        public let version: Int
        public let repeated: Bool
    }

    /// Gives the decision the body's next § of the meeting's year and takes `put_on_agenda`.
    public static func putOnAgenda(
        _ reference: DecisionReference, meeting date: CalendarDate, expectedVersion: Int?, organization: String?,
        request: UUID = .timeOrdered(), on connection: Connection
    ) throws -> Placed {
        let id = try DecisionQueries.id(reference, organization: organization, on: connection)
        return try connection.callWriting(
            "SELECT pykala.put_on_agenda($1, $2, $3::date, $4, $5) AS result",
            [organization, id, date.iso, expectedVersion, request], as: Placed.self)
    }

    public struct RecordedOutcome: Sendable, Equatable, Codable {
        public let decision: Int64
        public let outcome: String
    }

    /// Records how the body disposed of the decision, and optionally the decision text.
    public static func recordOutcome(
        _ reference: DecisionReference, outcome: Outcome, text: String?, organization: String?, request: UUID? = nil, on connection: Connection
    ) throws -> RecordedOutcome {
        let text = try FieldRules.line(text, field: "--text", limit: 200_000)
        let id = try DecisionQueries.id(reference, organization: organization, on: connection)
        return try connection.callWriting(
            "SELECT pykala.record_outcome($1, $2, $3, $4) AS result", [organization, id, outcome.rawValue, text], as: RecordedOutcome.self, request: request)
    }

    public struct Disqualified: Sendable, Equatable, Codable {
        public let person: String
        public let ground: String
        public let quorum: Quorum
    }

    public struct Quorum: Sendable, Equatable, Codable {
        public let present: Int
        public let seats: Int?
        public let needed: Int?
        public let quorate: Bool?

        public init(present: Int, seats: Int?, needed: Int?, quorate: Bool?) {
            self.present = present
            self.seats = seats
            self.needed = needed
            self.quorate = quorate
        }
    }

    /// Records that `person` is disqualified from the decision's current §, and on what ground.
    public static func disqualify(
        _ reference: DecisionReference, person: String, ground: String, organization: String?, request: UUID? = nil, on connection: Connection
    ) throws -> Disqualified {
        let ground = try FieldRules.requiredLine(ground, field: "--ground", limit: 500)
        let id = try DecisionQueries.id(reference, organization: organization, on: connection)
        return try connection.callWriting(
            "SELECT pykala.disqualify($1, $2, $3, $4) AS result", [organization, id, person, ground], as: Disqualified.self, request: request)
    }

    public enum Choice: String, Sendable, Codable, CaseIterable {
        case yes, no, blank, absent
    }

    public struct VoteResult: Sendable, Equatable, Codable {
        public let yes: Int
        public let no: Int
        public let blank: Int
        public let absent: Int
        /// `yes` or `no`: which motion won.
        public let result: String
        public let winningMotion: String
        /// A tie, decided by the chair's vote.
        public let decidedByChair: Bool
    }

    /// Records a vote on the decision's current §: `ballots` maps each voter present to a choice.
    public static func vote(
        _ reference: DecisionReference, yes: String, no: String, ballots: [String: Choice], organization: String?,
        request: UUID? = nil, on connection: Connection
    ) throws -> VoteResult {
        let yes = try FieldRules.requiredLine(yes, field: "--yes", limit: 2_000)
        let no = try FieldRules.requiredLine(no, field: "--no", limit: 2_000)
        let id = try DecisionQueries.id(reference, organization: organization, on: connection)
        let json = try PostgresJSON(encoding: ballots.mapValues(\.rawValue))
        return try connection.callWriting(
            "SELECT pykala.record_vote($1, $2, $3, $4, $5::jsonb) AS result", [organization, id, yes, no, json], as: VoteResult.self, request: request)
    }
}
