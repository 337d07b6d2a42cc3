public import Decisions

/// Cost shares summed as a table of years × columns (funding sources, or projects), with
/// row and column totals: what the budget must hold for each year.
public struct CommitmentTable: Sendable, Equatable {
    /// One cost share of one decision.
    public struct Share: Sendable, Equatable {
        public let year: Int
        public let column: String
        public let amount: Money

        public init(year: Int, column: String, amount: Money) {
            self.year = year
            self.column = column
            self.amount = amount
        }
    }

    public let columns: [String]
    public let years: [Int]
    /// cells[year][column]
    public let cells: [Int: [String: Money]]
    public let yearTotals: [Int: Money]
    public let columnTotals: [String: Money]
    public let total: Money

    public init(_ shares: [Share]) {
        var cells: [Int: [String: Int64]] = [:]
        for share in shares { cells[share.year, default: [:]][share.column, default: 0] += share.amount.cents }
        columns = Set(shares.map(\.column)).sorted()
        years = cells.keys.sorted()
        self.cells = cells.mapValues { $0.mapValues(Money.init(cents:)) }
        yearTotals = cells.mapValues { Money(cents: $0.values.reduce(0, +)) }
        var columnTotals: [String: Int64] = [:]
        for share in shares { columnTotals[share.column, default: 0] += share.amount.cents }
        self.columnTotals = columnTotals.mapValues(Money.init(cents:))
        total = Money(cents: shares.map(\.amount.cents).reduce(0, +))
    }
}
