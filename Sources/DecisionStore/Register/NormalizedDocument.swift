internal import Decisions

/// A decision document as the database takes it: money in cents, dates ISO, secrecy as its
/// legal basis. Staged for registration as COPY rows (``StagedBatch``), or sent as JSON to
/// `pykala.edit_draft` (key names match the SQL function).
struct NormalizedDocument {
    struct Case {
        let diaryNumber: String?
        let running: Int?
        let classification: String?
        let year: Int?
        let title: String?
    }
    struct Project {
        let name: String
        let coordinator: String?
        let period: String?
        let goals: String?
        let partners: [String]
        let funders: [String]
        let contacts: [ProjectContact]
    }
    struct ProjectContact {
        let name: String
        let title: String?
        let responsibility: String?
        let phone: String?
        let email: String?
        let `private`: Bool
    }
    struct Share { let year: Int; let amountCents: Int64; let source: String? }
    struct Deadline { let kind: String; let date: String; let text: String?; let done: Bool }
    struct Contact {
        let role: String
        let name: String
        let title: String?
        let phone: String?
        let email: String?
        let `private`: Bool
    }
    struct Vote { let yes: Int; let no: Int; let blank: Int; let absent: Int }
    struct Disqualified { let name: String; let ground: String? }
    struct Handling { let body: String; let section: Int?; let date: String }

    let organization: String?
    let body: String
    let `case`: Case?
    let meetingDate: String?
    let section: Int?
    let title: String
    let project: Project?
    let description: String?
    let proposal: String?
    let decision: String?
    let outcome: String?
    let vote: Vote?
    let disqualified: [Disqualified]
    let earlierHandlings: [Handling]
    let totalCents: Int64?
    let costShares: [Share]
    let deadlines: [Deadline]
    let contacts: [Contact]
    let secrecyBasis: String?

    init(_ document: DecisionDocument) {
        organization = document.organization
        body = document.body
        `case` = document.caseInfo.map { info in
            var running: Int?
            var classification = info.classification
            var year: Int?
            if case .structured(let number, let code, let numberYear) = info.diaryNumber {
                (running, classification, year) = (number, code, numberYear)
            }
            return Case(
                diaryNumber: info.diaryNumber?.description, running: running, classification: classification, year: year,
                title: info.title)
        }
        meetingDate = document.meeting?.date.iso
        section = document.meeting?.section
        title = document.title
        project = document.project.map { project in
            Project(
                name: project.name, coordinator: project.coordinator, period: project.period, goals: project.goals,
                partners: project.partners, funders: project.funders,
                contacts: project.contacts.map {
                    ProjectContact(
                        name: $0.name, title: $0.title, responsibility: $0.responsibility, phone: $0.phone, email: $0.email,
                        private: $0.isPrivate)
                })
        }
        description = document.description
        proposal = document.proposal
        decision = document.decision
        outcome = document.outcome?.rawValue
        vote = document.vote.map { Vote(yes: $0.yes, no: $0.no, blank: $0.blank, absent: $0.absent) }
        disqualified = document.disqualified.map { Disqualified(name: $0.name, ground: $0.ground) }
        earlierHandlings = document.earlierHandlings.map { Handling(body: $0.body, section: $0.section, date: $0.date.iso) }
        totalCents = document.total?.cents
        costShares = document.costShares.map { Share(year: $0.year, amountCents: $0.amount.cents, source: $0.source) }
        deadlines = document.deadlines.map { Deadline(kind: $0.kind.rawValue, date: $0.date.iso, text: $0.text, done: $0.done) }
        contacts = document.contacts.map {
            Contact(role: $0.role.rawValue, name: $0.name, title: $0.title, phone: $0.phone, email: $0.email, private: $0.isPrivate)
        }
        if case .secret(let basis) = document.publicity { secrecyBasis = basis } else { secrecyBasis = nil }
    }
}

extension NormalizedDocument {
    /// The document as the JSON object `pykala.edit_draft` and `pykala.register_decisions` read (snake_case keys).
    var json: String {
        var object = JSONObjectText()
        object.add("organization", organization)
        object.add("body", body)
        object.add("case", raw: `case`.map { info in
            var written = JSONObjectText()
            written.add("diary_number", info.diaryNumber)
            written.add("running", info.running)
            written.add("classification", info.classification)
            written.add("year", info.year)
            written.add("title", info.title)
            return written.json
        })
        object.add("meeting_date", meetingDate)
        object.add("section", section)
        object.add("title", title)
        object.add("project", raw: projectJSON)
        object.add("description", description)
        object.add("proposal", proposal)
        object.add("decision", decision)
        object.add("outcome", outcome)
        object.add("vote", raw: voteJSON)
        object.add("disqualified", raw: disqualifiedJSON)
        object.add("earlier_handlings", raw: earlierHandlingsJSON)
        object.add("total_cents", totalCents)
        object.add("cost_shares", raw: JSONObjectText.array(costShares) { share, written in
            written.add("year", share.year)
            written.add("amount_cents", share.amountCents)
            written.add("source", share.source)
        })
        object.add("deadlines", raw: JSONObjectText.array(deadlines) { deadline, written in
            written.add("kind", deadline.kind)
            written.add("date", deadline.date)
            written.add("text", deadline.text)
            written.add("done", deadline.done)
        })
        object.add("contacts", raw: JSONObjectText.array(contacts) { contact, written in
            written.add("role", contact.role)
            written.add("name", contact.name)
            written.add("title", contact.title)
            written.add("phone", contact.phone)
            written.add("email", contact.email)
            written.add("private", contact.private)
        })
        object.add("secrecy_basis", secrecyBasis)
        return object.json
    }

    /// The project as a JSON object, as `pykala.project_for` takes it.
    var projectJSON: String? {
        project.map { project in
            var written = JSONObjectText()
            written.add("name", project.name)
            written.add("coordinator", project.coordinator)
            written.add("period", project.period)
            written.add("goals", project.goals)
            written.add("partners", project.partners)
            written.add("funders", project.funders)
            written.add("contacts", raw: JSONObjectText.array(project.contacts) { contact, written in
                written.add("name", contact.name)
                written.add("title", contact.title)
                written.add("responsibility", contact.responsibility)
                written.add("phone", contact.phone)
                written.add("email", contact.email)
                written.add("private", contact.private)
            })
            return written.json
        }
    }

    /// The vote as the JSON object a decision stores.
    var voteJSON: String? {
        vote.map { vote in
            var written = JSONObjectText()
            written.add("yes", vote.yes)
            written.add("no", vote.no)
            written.add("blank", vote.blank)
            written.add("absent", vote.absent)
            return written.json
        }
    }

    /// The disqualified members as the JSON array a decision stores.
    var disqualifiedJSON: String {
        JSONObjectText.array(disqualified) { person, written in
            written.add("name", person.name)
            written.add("ground", person.ground)
        }
    }

    /// The earlier handlings as the JSON array a decision stores.
    var earlierHandlingsJSON: String {
        JSONObjectText.array(earlierHandlings) { handling, written in
            written.add("body", handling.body)
            written.add("section", handling.section)
            written.add("date", handling.date)
        }
    }
}
