/// The draft decision read from one section of minutes, with where each value came from,
/// what could not be filled (and why), and the lines that were not used.
public struct MinutesDraft: Sendable {
    /// Where one value came from: lines of the file, a page heading, or an option.
    public struct Source: Sendable, Equatable {
        public let field: String
        public let value: String
        public let lines: ClosedRange<Int>?
        public let via: String
    }

    /// A field left empty or in doubt, and why.
    public struct Gap: Sendable, Equatable {
        public let field: String
        public let reason: String
    }

    /// Lines read but not put into the draft, and what they are.
    public struct Unused: Sendable, Equatable {
        public let lines: ClosedRange<Int>
        public let reason: String
    }

    /// What the command line adds where the text is silent.
    public struct Defaults: Sendable {
        public var organization: String?
        public var body: String?
        public var meetingDate: CalendarDate?

        public init(organization: String? = nil, body: String? = nil, meetingDate: CalendarDate? = nil) {
            self.organization = organization
            self.body = body
            self.meetingDate = meetingDate
        }
    }

    public private(set) var document: DecisionDocument
    public private(set) var sources: [Source] = []
    public private(set) var gaps: [Gap] = []
    public private(set) var unused: [Unused] = []
    /// The file lines of the section.
    public let lines: ClosedRange<Int>

    /// The draft of `section`; `defaults` fill only what the text does not say.
    public init(section: MinutesSection, defaults: Defaults = Defaults()) {
        lines = (section.lines.first?.number ?? 1)...(section.lines.last?.last ?? 1)
        document = DecisionDocument(body: "", title: "")
        let header = section.header
        let handling = section.handling

        // Organization, body and meeting: the handling line, the page headings, the options.
        let organizations = Set(section.headings.map(\.organization))
        if organizations.count == 1, let heading = section.headings.first {
            document.organization = heading.organization
            note("organization", heading.organization, heading.lines, via: "page heading")
        } else if let organization = defaults.organization {
            document.organization = organization
            note("organization", organization, nil, via: "--org")
        } else {
            gap("organization", organizations.count > 1 ? "the page headings name several" : "not in the text; give --org (or register with one organization)")
        }
        let handlingLine = header.current.flatMap { current in section.lines.last { MinutesHeader.handling($0.text.trimmingWhitespace()) == current } }
        let headingBodies = Set(section.headings.compactMap(\.body))
        if let body = defaults.body {
            document.body = body
            note("body", body, nil, via: "--body")
        } else if let current = header.current, headingBodies.isSubset(of: [current.body]) {
            document.body = current.body
            note("body", current.body, handlingLine.map { $0.number...$0.last }, via: "handling line")
        } else if header.current == nil, headingBodies.count == 1, let heading = section.headings.first(where: { $0.body != nil }), let body = heading.body {
            document.body = body
            note("body", body, heading.lines, via: "page heading")
        } else {
            gap("body", headingBodies.count > 1 || header.current != nil ? "the text names different bodies; give --body" : "not in the text; give --body")
        }
        let headingDates = Set(section.headings.compactMap(\.date))
        var meetingDate: CalendarDate?
        if let date = defaults.meetingDate {
            meetingDate = date
            note("meeting.date", date.description, nil, via: "--meeting")
        } else if let current = header.current, headingDates.isSubset(of: [current.date]) {
            meetingDate = current.date
            note("meeting.date", current.date.description, handlingLine.map { $0.number...$0.last }, via: "handling line")
        } else if header.current == nil, headingDates.count == 1, let heading = section.headings.first(where: { $0.date != nil }), let date = heading.date {
            meetingDate = date
            note("meeting.date", date.description, heading.lines, via: "page heading")
        } else {
            gap("meeting.date", headingDates.count > 1 || header.current != nil ? "the text names different dates; give --meeting" : "not in the text; give --meeting")
        }
        if let meetingDate {
            document.meeting = .init(date: meetingDate, section: header.section)
        }
        if let section = header.section {
            note("meeting.section", "\(section)", header.sources["section"], via: "text")
        } else {
            gap("meeting.section", "no § in the text")
        }

        // Case and title.
        if let title = header.title {
            document.title = title
            note("title", title, header.sources["title"], via: "text")
        } else {
            gap("title", "where the title ends is not clear in the text; write it")
        }
        if let number = header.diaryNumber {
            document.caseInfo = DecisionDocument.CaseInfo(diaryNumber: number, title: header.title, classification: nil)
            note("case.diary_number", number.description, header.sources["diary_number"], via: "text")
        } else {
            gap("case.diary_number", "no diary number in the text")
        }
        let others = section.otherDiaryNumbers
        if !others.isEmpty {
            gap("(section)", "the text also holds diary number \(others.map(\.description).joined(separator: ", ")): sections run together? "
                + "Sections are split at lines \"§ N\"; put one before each section")
        }
        document.earlierHandlings = header.earlier.map { DecisionDocument.EarlierHandling(body: $0.body, section: $0.section, date: $0.date) }
        for earlier in section.earlierLines {
            note("earlier_handlings", "\(earlier.handling.body) \(earlier.handling.date) § \(earlier.handling.section)", earlier.lines, via: "text")
        }

        // Texts.
        readTexts(handling)
        readMoney(handling)
        readPeople(handling)
        readUnused(section)
    }

    private mutating func readTexts(_ handling: MinutesHandling) {
        for (field, all) in [("description", handling.description), ("proposal", handling.proposal), ("decision", handling.decision)] {
            let lines = all.drop(while: \.isBlank).reversed().drop(while: \.isBlank).reversed()
            let text = MinutesParagraphs.text(Array(lines))
            guard !text.isEmpty, let first = lines.first, let last = lines.last else {
                gap(field, "no \(field) found in the current handling")
                continue
            }
            switch field {
            case "description": document.description = text
            case "proposal": document.proposal = text
            default: document.decision = text
            }
            note(field, String(text.prefix(60)) + (text.count > 60 ? "…" : ""), first.number...last.last, via: "text")
        }
        let decision = MinutesJoinedText(handling.decision)
        let vote = MinutesOutcome.vote(in: decision)
        if let vote {
            document.vote = vote.vote
            note("vote", "yes \(vote.vote.yes), no \(vote.vote.no), blank \(vote.vote.blank)", vote.lines, via: "text")
        }
        if let outcome = MinutesOutcome.outcome(of: decision, voted: vote != nil) {
            document.outcome = outcome.outcome
            note("outcome", outcome.outcome.rawValue, outcome.lines, via: "text")
        } else if !handling.decision.isEmpty {
            gap("outcome", "the decision's wording matches no known outcome; choose one of \(Outcome.choices)")
        }
        for (person, lines) in MinutesPeople.disqualified(handling.disqualification) {
            document.disqualified.append(person)
            note("disqualified", person.name + (person.ground.map { " (\($0))" } ?? ""), lines, via: "text")
        }
    }

    private mutating func readMoney(_ handling: MinutesHandling) {
        let proposal = MinutesJoinedText(handling.proposal)
        let both = MinutesJoinedText(handling.description + handling.proposal)
        let total = MinutesAmounts.total(in: proposal)
        if let problem = total.problem { gap("total", problem) }
        var shares: [(share: DecisionDocument.CostShare, lines: ClosedRange<Int>)] = []
        for found in MinutesAmounts.shares(in: both, lines: handling.description + handling.proposal) {
            if let same = shares.first(where: { $0.share.year == found.share.year }) {
                if same.share.amount != found.share.amount {
                    gap("cost_shares", "\(found.share.year) has two amounts (\(same.share.amount), \(found.share.amount)); none is taken")
                    shares = []
                    break
                }
                continue
            }
            shares.append(found)
        }
        var totalMoney = total.money
        var totalLines = total.lines
        if totalMoney == nil, !shares.isEmpty, let sum = Money.sum(shares.map(\.share.amount)),
            let mention = MinutesAmounts.mentions(in: both.text).first(where: { $0.money == sum })
        {
            // The text states the sum of the shares: that is the total.
            totalMoney = sum
            totalLines = both.lines(of: mention.range)
        }
        if let totalMoney, !shares.isEmpty, let sum = Money.sum(shares.map(\.share.amount)), sum != totalMoney {
            gap("cost_shares", "the shares found add up to \(sum), the total is \(totalMoney); none is taken")
            shares = []
        }
        if let totalMoney {
            document.total = totalMoney
            note("total", totalMoney.description, totalLines, via: "text")
        }
        let source = MinutesAmounts.source(in: proposal)
        for (share, lines) in shares.sorted(by: { $0.share.year < $1.share.year }) {
            var share = share
            share.source = source?.text
            document.costShares.append(share)
            note("cost_shares", "\(share.year): \(share.amount)", lines, via: "text")
        }
        if let source, !shares.isEmpty { note("cost_shares.source", source.text, source.lines, via: "text") }

        // Deadlines: what the proposal sets, else what the description asks for.
        let proposed = MinutesDeadlines.deadlines(in: proposal)
        let deadlines = proposed.isEmpty ? MinutesDeadlines.deadlines(in: MinutesJoinedText(handling.description)) : proposed
        for (deadline, lines) in deadlines {
            document.deadlines.append(deadline)
            note("deadlines", "\(deadline.kind.rawValue) \(deadline.date)", lines, via: "text")
        }
    }

    private mutating func readPeople(_ handling: MinutesHandling) {
        var contacts = handling.contacts.map { (contact: $0.contact, lines: $0.lines) }
        if let presenter = handling.presenter { contacts.append(presenter) }
        contacts += MinutesPeople.contactPersons(handling.proposal + handling.decision)
        for (contact, lines) in contacts.sorted(by: { $0.lines.lowerBound < $1.lines.lowerBound }) {
            document.contacts.append(contact)
            note("contacts", "\(contact.role.rawValue) \(contact.name)", lines, via: "text")
        }
        if let project = MinutesProject.project(in: MinutesJoinedText(handling.description)) {
            document.project = project.project
            note("project", project.project.name + (project.project.coordinator.map { ", \($0)" } ?? ""), project.lines, via: "text")
        }
    }

    private mutating func readUnused(_ section: MinutesSection) {
        // Each non-blank line's reason for not being used (nil: used); runs of one reason
        // become one entry, blank lines between them do not break a run.
        var reasons: [(Int, String?)] = []
        for line in section.lines where !line.isBlank {
            for number in line.number...line.last {
                if section.headLines.contains(number) {
                    reasons.append((number, nil))
                } else if let block = section.earlierLines.first(where: { $0.lines.contains(number) }) {
                    let h = block.handling
                    reasons.append((number, "earlier handling \(h.body) \(h.date) § \(h.section), kept as history"))
                } else {
                    switch section.handling.uses[number] {
                    case .notUsed(let reason)?: reasons.append((number, reason))
                    case nil: reasons.append((number, "not recognised"))
                    default: reasons.append((number, nil))
                    }
                }
            }
        }
        var previous: String?
        for (number, reason) in reasons {
            defer { previous = reason }
            guard let reason else { continue }
            if reason == previous, let last = unused.last {
                unused[unused.count - 1] = Unused(lines: last.lines.lowerBound...number, reason: reason)
            } else {
                unused.append(Unused(lines: number...number, reason: reason))
            }
        }
    }

    private mutating func note(_ field: String, _ value: String, _ lines: ClosedRange<Int>?, via: String) {
        sources.append(Source(field: field, value: value, lines: lines, via: via))
    }

    private mutating func gap(_ field: String, _ reason: String) {
        gaps.append(Gap(field: field, reason: reason))
    }
}
