import Foundation
import Testing
@testable import Verification

/// The readings of a tally of certified recovery verdicts (proofs/counts.md).
@Suite("recovery tallies")
struct RecoveryTallyTests {
    static func tally(recovered: Int, not: Int, undecided: Int = 0) -> RecoveryTally {
        RecoveryTally(Array(repeating: .recovered, count: recovered) + Array(repeating: .notRecovered, count: not)
                      + Array(repeating: .undecided, count: undecided))
    }

    @Test("0 of 8 certified not recovered leaves \"unattainable\" undecided; 0 of 36 holds; 0 of 35 does not")
    func unattainableNeedsEnoughRuns() {
        #expect(Self.tally(recovered: 0, not: 8).noneRecovered("q").verdict == .undecided)
        #expect(Self.tally(recovered: 0, not: 35).noneRecovered("q").verdict == .undecided)
        #expect(Self.tally(recovered: 0, not: 36).noneRecovered("q").verdict == .holds)
        // An undecided run might be a recovery: 35 not recovered and 1 undecided is not 36 of 36.
        #expect(Self.tally(recovered: 0, not: 35, undecided: 1).noneRecovered("q").verdict == .undecided)
        #expect(Self.tally(recovered: 0, not: 8).noneRecovered("q", level: 0.5).verdict == .holds)
    }

    @Test("one certified recovery refutes \"unattainable\" and shows \"attainable\", at any N")
    func oneRecoveryDecides() {
        let t = Self.tally(recovered: 1, not: 99, undecided: 5)
        #expect(t.noneRecovered("q").verdict == .fails)
        #expect(t.someRecovered("q").verdict == .holds)
    }

    @Test("no recovery never refutes \"attainable\": undecided, however many runs")
    func attainableIsNeverRefutedByCounts() {
        #expect(Self.tally(recovered: 0, not: 500).someRecovered("q").verdict == .undecided)
        #expect(Self.tally(recovered: 0, not: 0, undecided: 3).someRecovered("q").verdict == .undecided)
    }

    @Test("the interval is Clopper–Pearson's: with 0 of N its upper end is 1 − 0.025^(1/N)")
    func intervalMatchesClosedForm() throws {
        for n in [1, 8, 35, 36, 200] {
            let interval = try #require(Self.tally(recovered: 0, not: n).interval)
            #expect(interval.lower == 0)
            #expect(abs(interval.upper - (1 - pow(0.025, 1 / Double(n)))) < 1e-12, "N = \(n)")
        }
        // All recovered: the lower end is 0.025^(1/N).
        let all = try #require(Self.tally(recovered: 20, not: 0).interval)
        #expect(abs(all.lower - pow(0.025, 1 / 20.0)) < 1e-12 && all.upper == 1)
        #expect(Self.tally(recovered: 0, not: 0).interval == nil)
    }
}
