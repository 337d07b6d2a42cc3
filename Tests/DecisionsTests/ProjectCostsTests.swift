import Decisions
import Testing

@Suite("a project's costs by year")
struct ProjectCostsTests {
    let workedExample = [
        ProjectCosts.Share(year: 2020, amount: Money(cents: 20_000), committed: true),
        ProjectCosts.Share(year: 2021, amount: Money(cents: 40_000), committed: true),
        ProjectCosts.Share(year: 2022, amount: Money(cents: 40_000), committed: true),
    ]

    @Test("what is still to pay counts from the given year on")
    func toPay() {
        let in2021 = ProjectCosts(shares: workedExample, currentYear: 2021)
        #expect(in2021.years.map(\.year) == [2020, 2021, 2022])
        #expect(in2021.years.map(\.toPay.cents) == [0, 40_000, 40_000])
        #expect(in2021.committed.cents == 100_000)
        #expect(in2021.toPay.cents == 80_000)
        #expect(ProjectCosts(shares: workedExample, currentYear: 2019).toPay.cents == 100_000)
        #expect(ProjectCosts(shares: workedExample, currentYear: 2023).toPay.cents == 0)
    }

    @Test("shares of decisions not approved are proposed, never to pay")
    func proposed() {
        let shares = workedExample + [ProjectCosts.Share(year: 2021, amount: Money(cents: 5_000), committed: false)]
        let costs = ProjectCosts(shares: shares, currentYear: 2020)
        #expect(costs.years[1].committed.cents == 40_000)
        #expect(costs.years[1].proposed.cents == 5_000)
        #expect(costs.proposed.cents == 5_000)
        #expect(costs.toPay.cents == 100_000)
    }

    @Test("outcomes that commit costs", arguments: Outcome.allCases)
    func committing(_ outcome: Outcome) {
        #expect(outcome.commitsCosts == [.approved, .approvedAfterVote, .amended, .modified].contains(outcome))
    }
}
