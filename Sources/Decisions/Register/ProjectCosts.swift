/// A project's costs per year, from the cost shares of every decision about it: what the
/// municipality has committed to (decided), what is still only proposed, and what of the
/// commitment is still to pay.
///
/// Pykälä records commitments, not payments: a committed share of the current year or a
/// later one counts as still to pay, one of a year that has passed as paid.
public struct ProjectCosts: Sendable, Equatable, Encodable {
    /// One cost share with whether its decision commits it.
    public struct Share: Sendable, Equatable {
        public let year: Int
        public let amount: Money
        public let committed: Bool

        public init(year: Int, amount: Money, committed: Bool) {
            self.year = year
            self.amount = amount
            self.committed = committed
        }
    }

    public struct Year: Sendable, Equatable, Encodable {
        public let year: Int
        public let committed: Money
        public let proposed: Money
        public let toPay: Money

        private enum CodingKeys: String, CodingKey {
            case year, committed = "committedCents", proposed = "proposedCents", toPay = "toPayCents"
        }
    }

    public let years: [Year]
    public let committed: Money
    public let proposed: Money
    public let toPay: Money

    /// Sums `shares` per year, as of `currentYear`.
    public init(shares: [Share], currentYear: Int) {
        var byYear: [Int: (committed: Int64, proposed: Int64)] = [:]
        for share in shares {
            var sums = byYear[share.year] ?? (0, 0)
            if share.committed { sums.committed += share.amount.cents } else { sums.proposed += share.amount.cents }
            byYear[share.year] = sums
        }
        years = byYear.sorted { $0.key < $1.key }.map { year, sums in
            Year(
                year: year, committed: Money(cents: sums.committed), proposed: Money(cents: sums.proposed),
                toPay: Money(cents: year >= currentYear ? sums.committed : 0))
        }
        committed = Money(cents: years.map(\.committed.cents).reduce(0, +))
        proposed = Money(cents: years.map(\.proposed.cents).reduce(0, +))
        toPay = Money(cents: years.map(\.toPay.cents).reduce(0, +))
    }

    private enum CodingKeys: String, CodingKey {
        case years, committed = "committedCents", proposed = "proposedCents", toPay = "toPayCents"
    }
}

extension Outcome {
    /// Whether a decision with this outcome binds the municipality to its cost shares.
    public var commitsCosts: Bool {
        switch self {
        case .approved, .approvedAfterVote, .amended, .modified: true
        case .rejected, .noted, .returned, .tabled, .removed, .election: false
        }
    }
}
