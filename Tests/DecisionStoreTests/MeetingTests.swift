import DecisionStore
import Decisions
import Foundation
import Postgres
import PostgresTestSupport
import Synchronization
import Testing

/// The Lapua city board's vote of 2.12.2024 § 357 (`Tests/Fixtures/README.md`: corpus
/// section 012): 11 voting, 4 for the city manager's proposal, 7 for returning the matter
/// to preparation. The minutes name the chair Kai Pöntinen, member Marcus Toppari and
/// deputy Sini Syrjälä; the other eight members are placeholders.
@Suite("meetings: agenda §, quorum, votes, disqualification")
struct MeetingTests {
    let database: TestDatabase
    let connection: Connection
    static let meetingDay = CalendarDate(year: 2024, month: 12, day: 2)!
    static let members = ["Kai Pöntinen", "Marcus Toppari", "Sini Syrjälä"] + (1...8).map { "Jäsen \($0)" } + ["Poissa Oleva"]

    init() throws {
        database = try TestPostgres.migratedDatabase()
        connection = try database.connect()
        _ = try Organizations.add(try NewOrganization(name: "Lapuan kaupunki"), on: connection)
        _ = try Bodies.add(try NewBody(name: "Kaupunginhallitus", kind: "board"), organization: nil, on: connection)
        _ = try Meetings.setBody("Kaupunginhallitus", seats: 11, quorum: nil, organization: nil, on: connection)
        for name in Self.members { _ = try People.add(try NewPerson(name: name), organization: nil, on: connection) }
        try TransitionTests.loadCouncil(on: connection)
        _ = try Meetings.new(body: "Kaupunginhallitus", date: Self.meetingDay, number: "18/2024", place: nil, organization: nil, on: connection)
    }

    /// Registers `count` approved drafts, returning their ids.
    private func approvedDecisions(_ count: Int) throws -> [Int64] {
        var document = DecisionDocument(body: "Kaupunginhallitus", title: "Valtuustoaloite kännykkäkiellosta")
        document.proposal = "Kaupunginhallitus päättää merkitä selvityksen tiedokseen."
        document.contacts = [.init(role: .contactPerson, name: "Jäsen 1")]
        let result = try DecisionRegistry.register(Array(repeating: document, count: count), createMissing: false, on: connection)
        try connection.execute(
            "UPDATE pykala.decision SET state = 'approved', workflow_id = (SELECT max(id) FROM pykala.workflow)")
        return result.decisions.map(\.id)
    }

    private func attendAll(except absent: Set<String> = ["Poissa Oleva"]) throws {
        for name in Self.members where !absent.contains(name) {
            let role: Meetings.AttendanceRole = name == "Kai Pöntinen" ? .chair : name == "Sini Syrjälä" ? .deputy : .member
            _ = try Meetings.attend(
                body: "Kaupunginhallitus", date: Self.meetingDay, person: name, role: role,
                deputyFor: role == .deputy ? "Poissa Oleva" : nil, arrived: nil, left: nil, organization: nil, on: connection)
        }
    }

    private func place(_ id: Int64, on connection: Connection? = nil) throws -> Meetings.Placed {
        try Meetings.putOnAgenda(.id(id), meeting: Self.meetingDay, expectedVersion: nil, organization: nil, on: connection ?? self.connection)
    }

    @Test("§ 357: 4 yes, 7 no; the matter returns to preparation")
    func lapuaVote() throws {
        try attendAll()
        let id = try #require(try approvedDecisions(1).first)
        #expect(try place(id).section == 1)
        var ballots: [String: Meetings.Choice] = [:]
        for (index, name) in Self.members.dropLast().enumerated() { ballots[name] = index < 4 ? .yes : .no }
        ballots["Marcus Toppari"] = .no
        ballots["Jäsen 3"] = .yes
        let result = try Meetings.vote(
            .id(id), yes: "Kaupunginjohtajan ehdotus", no: "Marcus Topparin esitys: palautetaan valmisteluun", ballots: ballots,
            organization: nil, on: connection)
        #expect((result.yes, result.no, result.blank, result.absent) == (4, 7, 0, 0))
        #expect(result.result == "no")
        #expect(result.winningMotion == "Marcus Topparin esitys: palautetaan valmisteluun")
        #expect(!result.decidedByChair)
        _ = try Meetings.recordOutcome(.id(id), outcome: .returned, text: "Palautettiin valmisteluun äänin 7–4.", organization: nil, on: connection)
        _ = try Transitions.take("return_for_preparation", on: .id(id), expectedVersion: nil, comment: nil, requestID: UUID(), organization: nil, connect: { connection })
        let view = try Meetings.show(body: "Kaupunginhallitus", date: Self.meetingDay, organization: nil, on: connection)
        #expect(view.agenda.first?.votes.first?.no == 7)
        #expect(view.agenda.first?.quorum == Meetings.Quorum(present: 11, seats: 11, needed: 6, quorate: true))
        #expect(view.agenda.first?.state == "draft")
        #expect(view.attendance.first { $0.person == "Sini Syrjälä" }?.deputyFor == "Poissa Oleva")
    }

    @Test("a tie goes the way the chair voted")
    func tie() throws {
        try attendAll(except: ["Poissa Oleva", "Sini Syrjälä"])
        let id = try #require(try approvedDecisions(1).first)
        _ = try place(id)
        var ballots: [String: Meetings.Choice] = [:]
        for (index, name) in Self.members.filter({ $0 != "Poissa Oleva" && $0 != "Sini Syrjälä" }).enumerated() {
            ballots[name] = index % 2 == 0 ? .yes : .no
        }
        #expect(ballots["Kai Pöntinen"] == .yes)
        let result = try Meetings.vote(.id(id), yes: "A", no: "B", ballots: ballots, organization: nil, on: connection)
        #expect((result.yes, result.no) == (5, 5))
        #expect(result.decidedByChair)
        #expect(result.result == "yes")
        #expect(result.winningMotion == "A")
    }

    @Test("a disqualified member counts neither for the quorum nor in the vote; below quorum no vote is taken")
    func disqualification() throws {
        // Six of eleven present: just quorate.
        try attendAll(except: Set(Self.members.suffix(6)))
        let id = try #require(try approvedDecisions(1).first)
        _ = try place(id)
        let voters = Array(Self.members.prefix(6))
        let disqualified = try Meetings.disqualify(
            .id(id), person: "Jäsen 1", ground: "hallintolaki 28 § 1 mom. 5 k.", organization: nil, on: connection)
        #expect(disqualified.quorum == Meetings.Quorum(present: 5, seats: 11, needed: 6, quorate: false))
        let refused = #expect(throws: StoreError.self) {
            try Meetings.vote(.id(id), yes: "A", no: "B", ballots: Dictionary(uniqueKeysWithValues: voters.map { ($0, .yes) }), organization: nil, on: connection)
        }
        #expect(refused?.message == "the meeting is not quorate at this §: 5 present, 6 needed")
        #expect(try connection.execute("SELECT count(*) AS n FROM pykala.vote")[0].get("n", as: Int.self) == 0)
    }

    @Test("a ballot from someone not present is refused, and so is a missing ballot")
    func ballots() throws {
        try attendAll()
        let id = try #require(try approvedDecisions(1).first)
        _ = try place(id)
        var ballots = Dictionary(uniqueKeysWithValues: Self.members.dropLast().map { ($0, Meetings.Choice.yes) })
        ballots["Poissa Oleva"] = .no
        let absent = #expect(throws: StoreError.self) { try Meetings.vote(.id(id), yes: "A", no: "B", ballots: ballots, organization: nil, on: connection) }
        #expect(absent?.message.hasPrefix("Poissa Oleva may not vote at this §") == true)
        ballots["Poissa Oleva"] = nil
        ballots["Jäsen 8"] = nil
        let missing = #expect(throws: StoreError.self) { try Meetings.vote(.id(id), yes: "A", no: "B", ballots: ballots, organization: nil, on: connection) }
        #expect(missing?.message == "no ballot for Jäsen 8")
    }

    @Test("attendance or a disqualification recorded again: the event holds what it was before, and whose it is")
    func correctionsKeepBefore() throws {
        try attendAll()
        _ = try Meetings.attend(body: "Kaupunginhallitus", date: Self.meetingDay, person: "Jäsen 8", role: .member, deputyFor: nil, arrived: 2, left: nil, organization: nil, on: connection)
        let id = try #require(try approvedDecisions(1).first)
        _ = try place(id)
        _ = try Meetings.disqualify(.id(id), person: "Jäsen 1", ground: "asianosainen", organization: nil, on: connection)
        _ = try Meetings.disqualify(.id(id), person: "Jäsen 1", ground: "hallintolaki 28 § 1 mom. 5 k.", organization: nil, on: connection)
        // As every reader of the chain does: what committed is chained first (events enter it in groups).
        try connection.execute("SELECT pykala.seal_events()")
        func changes(_ kind: String) throws -> [String] {
            try connection.execute(
                "SELECT payload::jsonb->'changes' AS changes FROM pykala.event WHERE payload::jsonb->>'kind' = $1 ORDER BY seq", [kind])
                .map { try $0.get("changes", as: PostgresJSON.self).text }
        }
        let attendance = try changes("attendance_recorded")
        #expect(attendance.filter { $0.contains("\"Jäsen 8\"") }.last == """
            {"body": {"after": "Kaupunginhallitus", "before": "Kaupunginhallitus"}, "left": {"after": null, "before": null}, \
            "role": {"after": "member", "before": "member"}, "person": {"after": "Jäsen 8", "before": "Jäsen 8"}, \
            "arrived": {"after": 2, "before": null}, "meeting": {"after": "\(Self.meetingDay.iso)", "before": "\(Self.meetingDay.iso)"}, \
            "deputy_for": {"after": null, "before": null}}
            """)
        let disqualified = try changes("disqualified")
        #expect(disqualified == [
            #"{"ground": {"after": "asianosainen", "before": null}, "person": {"after": "Jäsen 1", "before": null}}"#,
            #"{"ground": {"after": "hallintolaki 28 § 1 mom. 5 k.", "before": "asianosainen"}, "person": {"after": "Jäsen 1", "before": "Jäsen 1"}}"#,
        ])
    }

    @Test("a deputy counts only where the member they serve for does not: absent from the §, or disqualified from it")
    func deputyOnlyForAbsentMember() throws {
        try attendAll()
        // Jäsen 8 is away for § 1 and back from § 2; Sini Syrjälä serves for him instead of for Poissa Oleva.
        _ = try Meetings.attend(body: "Kaupunginhallitus", date: Self.meetingDay, person: "Jäsen 8", role: .member, deputyFor: nil, arrived: 2, left: nil, organization: nil, on: connection)
        _ = try Meetings.attend(body: "Kaupunginhallitus", date: Self.meetingDay, person: "Sini Syrjälä", role: .deputy, deputyFor: "Jäsen 8", arrived: nil, left: nil, organization: nil, on: connection)
        // A second deputy recorded for the same member: one seat, so only the first counts.
        _ = try Meetings.attend(body: "Kaupunginhallitus", date: Self.meetingDay, person: "Poissa Oleva", role: .deputy, deputyFor: "Jäsen 8", arrived: nil, left: nil, organization: nil, on: connection)
        let ids = try approvedDecisions(3)
        for id in ids { _ = try place(id) }
        _ = try Meetings.disqualify(.id(ids[2]), person: "Jäsen 8", ground: "asianosainen", organization: nil, on: connection)
        func voters(_ section: Int) throws -> [String] {
            try connection.execute(
                """
                SELECT p.name FROM pykala.voters_at((SELECT id FROM pykala.agenda_item WHERE section = $1)) AS v
                  JOIN pykala.person p ON p.id = v.person_id ORDER BY p.name
                """, [section]).map { try $0.get("name") }
        }
        #expect(try voters(1).contains("Sini Syrjälä"))
        #expect(try !voters(1).contains("Jäsen 8"))
        #expect(try !voters(2).contains("Sini Syrjälä"))
        #expect(try voters(2).contains("Jäsen 8"))
        #expect(try voters(3).contains("Sini Syrjälä"))
        #expect(try !voters(3).contains("Jäsen 8"))
        #expect(try [1, 2, 3].map { try voters($0).contains("Poissa Oleva") } == [false, false, false])
        #expect(try [1, 2, 3].map { try voters($0).count } == [10, 10, 10])
        var ballots = Dictionary(uniqueKeysWithValues: try voters(2).map { ($0, Meetings.Choice.yes) })
        ballots["Sini Syrjälä"] = .no
        let refused = #expect(throws: StoreError.self) {
            try Meetings.vote(.id(ids[1]), yes: "A", no: "B", ballots: ballots, organization: nil, on: connection)
        }
        #expect(refused?.message.hasPrefix("Sini Syrjälä may not vote at this §") == true)
    }

    @Test("arrivals and departures by § decide who counts at each §")
    func arrivals() throws {
        try attendAll()
        _ = try Meetings.attend(body: "Kaupunginhallitus", date: Self.meetingDay, person: "Jäsen 8", role: .member, deputyFor: nil, arrived: 2, left: nil, organization: nil, on: connection)
        _ = try Meetings.attend(body: "Kaupunginhallitus", date: Self.meetingDay, person: "Jäsen 7", role: .member, deputyFor: nil, arrived: nil, left: 1, organization: nil, on: connection)
        let ids = try approvedDecisions(2)
        for id in ids { _ = try place(id) }
        let view = try Meetings.show(body: "Kaupunginhallitus", date: Self.meetingDay, organization: nil, on: connection)
        #expect(view.agenda.map(\.quorum?.present) == [10, 10])
        let first = try connection.execute("SELECT count(*) AS n FROM pykala.voters_at((SELECT min(id) FROM pykala.agenda_item))")
        #expect(try first[0].get("n", as: Int.self) == 10)
    }

    @Test("a tabled decision keeps its § in the first meeting and gets a new one at the next")
    func tabled() throws {
        let ids = try approvedDecisions(2)
        #expect(try place(ids[0]).section == 1)
        _ = try Transitions.take("table", on: .id(ids[0]), expectedVersion: nil, comment: nil, requestID: UUID(), organization: nil, connect: { connection })
        #expect(try place(ids[1]).section == 2)
        let later = CalendarDate(year: 2024, month: 12, day: 16)!
        _ = try Meetings.new(body: "Kaupunginhallitus", date: later, number: nil, place: nil, organization: nil, on: connection)
        let again = try Meetings.putOnAgenda(.id(ids[0]), meeting: later, expectedVersion: nil, organization: nil, on: connection)
        #expect(again.section == 3)
        let first = try Meetings.show(body: "Kaupunginhallitus", date: Self.meetingDay, organization: nil, on: connection)
        #expect(first.agenda.map(\.section) == [1, 2])
        #expect(try DecisionQueries.card(.id(ids[0]), on: connection).section == 3)
    }

    @Test("16 clients putting decisions on one meeting at once, 200 times, get consecutive § numbers, no gaps, no twins")
    func concurrentSections() throws {
        let rounds = 200
        let ids = try approvedDecisions(16 * rounds)
        let sections = Mutex([Int]())
        let failures = Mutex([String]())
        let barrier = CyclicBarrier(parties: 16)
        let conninfo = database.conninfo
        together(16) { client, start in
            guard let connection = try? Connection.connect(conninfo) else { return }
            start()
            for round in 0..<rounds {
                barrier.wait()
                do {
                    let placed = try Meetings.putOnAgenda(
                        .id(ids[round * 16 + client]), meeting: Self.meetingDay, expectedVersion: nil, organization: nil,
                        on: connection)
                    sections.withLock { $0.append(placed.section) }
                } catch {
                    failures.withLock { $0.append("\(error)") }
                }
            }
        }
        #expect(failures.withLock { $0 }.isEmpty)
        #expect(sections.withLock { $0.sorted() } == Array(1...(16 * rounds)))
    }

    @Test("a vote needs the body's seats, to check the quorum, and a decision on the agenda")
    func voteNeedsSeatsAndAgenda() throws {
        try attendAll()
        let ids = try approvedDecisions(2)
        _ = try place(ids[0])
        let notOnAgenda = #expect(throws: StoreError.self) {
            try Meetings.vote(.id(ids[1]), yes: "A", no: "B", ballots: [:], organization: nil, on: connection)
        }
        #expect(notOnAgenda?.message == "decision \(ids[1]) is approved; this is recorded while it is on the agenda")
        try connection.execute("UPDATE pykala.body SET seats = NULL")
        let noSeats = #expect(throws: StoreError.self) {
            try Meetings.vote(.id(ids[0]), yes: "A", no: "B", ballots: ["Kai Pöntinen": .yes], organization: nil, on: connection)
        }
        #expect(noSeats?.message == "the body has no number of seats, so its quorum cannot be checked")
    }
}
