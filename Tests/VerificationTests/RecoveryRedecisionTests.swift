import Foundation
import Testing
import TwoLayerNet
@testable import Verification

/// The claim-9 runs at (m, d) = (2, 3), n = 5, 6 re-decided by the certified verdict
/// (proofs/recovery.md). Slow (escalations at 256 bits): enabled by FLOWVERIFY_REDECIDE=1,
/// which prints the table (old double judgement, new outcome, deciding precision, distances,
/// reason). FLOWVERIFY_REDECIDE_PRECISIONS (e.g. "53") overrides the ladder.
@Suite("Re-decision of the claim-9 (2, 3) runs")
struct RecoveryRedecisionTests {
    static let enabled = ProcessInfo.processInfo.environment["FLOWVERIFY_REDECIDE"] != nil

    /// The old double rule (R ≤ F recovers, R > 1000·F does not, F the run's risk resolution),
    /// recomputed from the double run's risk, for the table's "old" column.
    static func legacy(_ r: Recovery) -> String {
        guard r.converged else { return "undecided" }
        return r.risk <= r.floor ? "recovered" : (r.risk > 1000 * r.floor ? "not-recovered" : "undecided")
    }

    @Test("table", .enabled(if: enabled))
    func table() throws {
        let precisions = ProcessInfo.processInfo.environment["FLOWVERIFY_REDECIDE_PRECISIONS"]
            .map { $0.split(separator: ",").compactMap { Int($0) } } ?? [53, 256, 512]
        let check = SeparationSampleSize()
        var escalated = 0, total = 0
        for n in [5, 6] {
            for j in 0..<check.seedsPerN {
                let run = RecoveryRun(d: 3, m: 2, n: n, dataSeed: check.dataSeedBase + UInt64(j),
                                      initialization: .gaussian(seed: UInt64(j + 1), layerScaleRatio: check.layerScaleRatio),
                                      scale: check.scale, precisions: precisions)
                let old = Self.legacy(Recovery(try run.flow()))
                let v = try run.verdict()
                let e = v.evidence
                total += 1; if e.escalated { escalated += 1 }
                print(String(format: "REDECIDE n=%d j=%2d | old %@ | new %@ | bits %d | dist Q* %@ | dist Q*_al %@ | %.1f s | %@",
                             n, j, old, v.outcome.rawValue, e.decidingBits, e.targetSetDistance ?? "–",
                             e.alignedDistance ?? "–", e.seconds, v.reason))
            }
        }
        print("REDECIDE escalated \(escalated) of \(total)")
    }

    /// The escalation share on P2-size runs (d = 5, m = 2, ε = 1e-6, Gaussian data seed s and
    /// initialization seed s): the share of runs double cannot decide. Enabled by
    /// FLOWVERIFY_ESCALATION=1; FLOWVERIFY_ESCALATION_SEEDS (default 2) seeds per n ∈ 8…14.
    @Test("P2 escalation share", .enabled(if: ProcessInfo.processInfo.environment["FLOWVERIFY_ESCALATION"] != nil))
    func escalationShare() throws {
        let seeds = ProcessInfo.processInfo.environment["FLOWVERIFY_ESCALATION_SEEDS"].flatMap { Int($0) } ?? 2
        var escalated = 0, total = 0, doubleSeconds = 0.0, escalationSeconds = 0.0
        var outcomes: [RecoveryVerdict.Outcome: Int] = [:]
        for n in 8...14 {
            for s in 1...UInt64(seeds) {
                let run = RecoveryRun(d: 5, m: 2, n: n, dataSeed: s, initialization: .gaussian(seed: s, layerScaleRatio: "1"),
                                      scale: "1e-6")
                let v = try run.verdict()
                let e = v.evidence
                total += 1
                outcomes[v.outcome, default: 0] += 1
                if e.escalated { escalated += 1; escalationSeconds += e.seconds } else { doubleSeconds += e.seconds }
                print(String(format: "ESCALATION n=%d seed=%d | %@ | bits %d | dist Q* %@ | %.1f s | %@",
                             n, s, v.outcome.rawValue, e.decidingBits, e.targetSetDistance ?? "–", e.seconds, v.reason))
            }
        }
        print(String(format: "ESCALATION share %d of %d; outcomes %@; seconds: double-decided %.1f, escalated %.1f",
                     escalated, total, "\(outcomes.map { "\($0.key.rawValue) \($0.value)" }.sorted())", doubleSeconds, escalationSeconds))
    }
}
