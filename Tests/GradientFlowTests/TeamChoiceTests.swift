@testable import GradientFlow
import Testing

/// `TeamChoice`: the Taylor jets run on their team or on the caller alone, whichever the clock
/// says is cheaper, and notice when that changes.
@Suite("Team choice by measured cost")
struct TeamChoiceTests {
    /// A machine as the choice sees it: a compute's seconds on the team and alone, and the
    /// caller's wait share on the team.
    struct Machine {
        var team: Double, solo: Double, waitShare: Double
        static let idle = Machine(team: 0.6, solo: 1.0, waitShare: 0.1)
        static let coreBusy = Machine(team: 1.3, solo: 1.0, waitShare: 1.2)
    }

    /// Runs `count` computes of order 10 on `machine`; returns how many ran on the team.
    static func simulate(_ choice: inout TeamChoice, count: Int, on machine: Machine) -> Int {
        var onTeam = 0
        for _ in 0..<count {
            let useTeam = choice.usesTeam
            if useTeam { onTeam += 1 }
            choice.record(team: useTeam, seconds: useTeam ? machine.team : machine.solo, order: 10,
                          waitShare: machine.waitShare)
        }
        return onTeam
    }

    @Test("helpers that keep up: always the team, never a compute alone") func keepingUp() {
        var choice = TeamChoice()
        #expect(Self.simulate(&choice, count: 320, on: .idle) == 320)
        #expect(choice.soloCost == nil && choice.teamCost == 0.006)
    }

    @Test("helpers that lag: the team twice (the first not measured), alone once, then the cheaper, the other every exploreEvery-th")
    func lagging() {
        var choice = TeamChoice()
        #expect(choice.usesTeam)
        choice.record(team: true, seconds: 100, order: 10, waitShare: 0.1)
        #expect(choice.usesTeam && choice.teamCost == nil)
        choice.record(team: true, seconds: 1.3, order: 10, waitShare: 1.2)
        #expect(!choice.usesTeam)
        choice.record(team: false, seconds: 1.0, order: 10)
        #expect(!choice.usesTeam)
        let teamShare = Self.simulate(&choice, count: 320, on: .coreBusy)
        #expect(teamShare == 320 / TeamChoice.exploreEvery)
        #expect(abs(choice.teamCost! - 1.3 / 100) < 1e-15 && choice.soloCost == 0.01)
        // Lagging helpers, but the team measured cheaper (say, 3 workers on 2 free cores).
        let busyButFaster = Machine(team: 0.8, solo: 1.0, waitShare: 0.9)
        let later = Self.simulate(&choice, count: 320, on: busyButFaster)
        #expect(later >= 320 - 2 * TeamChoice.exploreEvery - 320 / TeamChoice.exploreEvery)
    }

    /// An idle machine, then another process takes a core, then it is idle again: the choice
    /// moves to the caller alone within a few computes, and back within two exploration periods.
    @Test("a change in the machine's load is followed") func loadChange() {
        var choice = TeamChoice()
        let n = 20 * TeamChoice.exploreEvery, lag = 2 * TeamChoice.exploreEvery
        #expect(Self.simulate(&choice, count: n, on: .idle) == n)
        let loaded = Self.simulate(&choice, count: n, on: .coreBusy)
        #expect(loaded <= 4 + n / TeamChoice.exploreEvery, "computes on the team while it was slower: \(loaded)")
        let idle = Self.simulate(&choice, count: n, on: .idle)
        #expect(idle >= n - lag, "computes on the team once it was faster again: \(idle)")
    }

    @Test("costs per K², and a NaN, infinite or negative time is not recorded") func costs() {
        var choice = TeamChoice()
        choice.record(team: true, seconds: 1, order: 20)
        choice.record(team: true, seconds: 4, order: 20, waitShare: .nan)
        #expect(choice.teamCost == 0.01 && choice.waitShare == .infinity)
        for bad in [Double.nan, .infinity, -1] { choice.record(team: false, seconds: bad, order: 20) }
        #expect(choice.soloCost == nil && choice.computes == 5)
        choice.record(team: false, seconds: 2, order: 20)
        choice.record(team: false, seconds: 6, order: 20)
        #expect(abs(choice.soloCost! - (0.005 + TeamChoice.weight * 0.01)) < 1e-15)
    }
}
