internal import ArgumentParser
internal import Foundation
internal import DecisionStore
internal import Decisions

struct MeetingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "meeting",
        abstract: "Create meetings, record attendance, and show a meeting § by § with its quorum.",
        discussion: """
            Example:
              pykala meeting new Kunnanhallitus 24.2.2020 --number 4/2020
              pykala meeting attend Kunnanhallitus 24.2.2020 "Sirpa Hakala" --as presenter
              pykala meeting show Kunnanhallitus 24.2.2020
            """,
        subcommands: [New.self, Attend.self, Show.self])

    struct New: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a meeting of a body on a day.",
            discussion: "Example:\n  pykala meeting new Kunnanhallitus 24.2.2020 --number 4/2020 \\\n    --place Kunnantalo")

        @Argument(help: "The body, e.g. Kunnanhallitus.")
        var body: String
        @Argument(help: "The day (24.2.2020 or 2020-02-24).", transform: CalendarDate.init(parsing:))
        var date: CalendarDate
        @Option(help: "The meeting's number and year, e.g. 4/2020.")
        var number: String?
        @Option(help: "Where it is held.")
        var place: String?

        @OptionGroup var organization: OrganizationOption
        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var request: RequestOption
        @OptionGroup var output: OutputOptions

        func run() throws {
            let meeting = try connection.target.writing { database in try Meetings.new(
                body: body, date: date, number: number, place: place, organization: organization.name,
                request: request.id, on: database) }
            try output.emit(meeting) { print("created the meeting of \($0.body) on \(date)" + ($0.number.map { " (\($0))" } ?? "")) }
        }
    }

    struct Attend: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record who attends a meeting, in what role, and from which § to which.",
            discussion: """
                --as is member, deputy (with --for the member served), chair, secretary,
                checker (minute checker), presenter or other. Members, deputies serving and the
                chair count for the quorum and vote; a deputy only at §§ where the member they
                serve for does not.

                Example:
                  pykala meeting attend Kunnanhallitus 24.2.2020 "Maija Meikäläinen" --as \\
                    deputy --for "Matti Virtanen" --arrived 38
                """)

        @Argument(help: "The body.")
        var body: String
        @Argument(help: "The meeting's day.", transform: CalendarDate.init(parsing:))
        var date: CalendarDate
        @Argument(help: "The person's name.")
        var person: String
        @Option(name: .customLong("as"), help: "member, deputy, chair, secretary, checker, presenter or other.",
                transform: { try FieldRules.choice($0, field: "--as", as: Meetings.AttendanceRole.self) })
        var role: Meetings.AttendanceRole
        @Option(name: .customLong("for"), help: "The member a deputy serves for.")
        var deputyFor: String?
        @Option(help: "The § at which they arrived (default: from the start).")
        var arrived: Int?
        @Option(help: "The last § they were present for (default: to the end).")
        var left: Int?

        @OptionGroup var organization: OrganizationOption
        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var request: RequestOption
        @OptionGroup var output: OutputOptions

        func run() throws {
            let attendance = try connection.target.writing { database in try Meetings.attend(
                body: body, date: date, person: person, role: role, deputyFor: deputyFor, arrived: arrived, left: left,
                organization: organization.name, request: request.id, on: database) }
            try output.emit(attendance) { print("\($0.person) attends as \($0.role)" + ($0.deputyFor.map { " for \($0)" } ?? "")) }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show a meeting: attendance, and each § with its quorum, votes and disqualifications.",
            discussion: "Example:\n  pykala meeting show Kunnanhallitus 24.2.2020 --format json")

        @Argument(help: "The body.")
        var body: String
        @Argument(help: "The meeting's day.", transform: CalendarDate.init(parsing:))
        var date: CalendarDate

        @OptionGroup var organization: OrganizationOption
        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let view = try Meetings.show(body: body, date: date, organization: organization.name, on: try connection.target.connect())
            try output.emit(view) { print(MeetingText.render($0), terminator: "") }
        }
    }
}

/// A meeting as plain text for a terminal.
enum MeetingText {
    static func render(_ view: MeetingView) -> String {
        var text = "\(view.meeting.body) \(view.meeting.date)" + (view.meeting.number.map { " (\($0))" } ?? "") + "\n"
        if let seats = view.seats { text += "seats: \(seats), quorum: \(view.quorumRule.replacingOccurrences(of: "_", with: " "))\n" }
        text += "\nAttendance:\n" + Output.tableText(
            header: ["name", "role", "for", "from §", "to §"],
            rows: view.attendance.map {
                [$0.person, $0.role, $0.deputyFor ?? "", $0.arrived.map(String.init) ?? "", $0.left.map(String.init) ?? ""]
            })
        text += "\nAgenda:\n" + Output.tableText(
            header: ["§", "decision", "state", "outcome", "present", "quorate", "title"],
            rows: view.agenda.map {
                [
                    String($0.section), String($0.decision), $0.state, $0.outcome ?? "", $0.quorum.map { String($0.present) } ?? "",
                    $0.quorum.map { $0.quorate.map { $0 ? "yes" : "NO" } ?? "(seats unknown)" } ?? "(registered)", $0.title,
                ]
            })
        for item in view.agenda {
            for name in item.disqualified { text += "§ \(item.section): disqualified \(name)\n" }
            for vote in item.votes {
                text += "§ \(item.section): vote \(vote.yes)–\(vote.no) (blank \(vote.blank), absent \(vote.absent)): "
                    + (vote.result == "yes" ? vote.yesMotion : vote.noMotion) + (vote.decidedByChair ? " (the chair's vote decided)" : "") + "\n"
            }
        }
        return text
    }
}
