import Foundation
@testable import Sweeps
import Testing
@testable import Verification

/// Claim 9 in `verify` and `flowverify sweep` + `sweep report` read the same runs the same way:
/// a sweep file with claim 9's template, grid and policy gives, run for run, the verdicts the
/// claim computes, and `ThresholdAnalysis` gives the same cells, thresholds and candidate
/// judgements from either (proofs/claim-09.md).
@Suite("claim 9 and the sweep machinery agree")
struct ClaimNineAgreementTests {
    static let d = 2, perN = 4, highest = 4

    /// Claim 9 in quick mode at d = 2, n = d − 1 … 4, 4 runs per n.
    static var check: SeparationSampleSize {
        var c = SeparationSampleSize()
        c.quickDimensions = [d]
        c.quickSeedsPerN = perN
        c.highestN = highest
        return c
    }

    /// The same runs as a sweep file (the template of sweeps/nsep-quick.json).
    static var spec: String {
        let p = check.quickPolicy
        return """
        {
          "template": {
            "network": {"width": "1", "inputDimension": "\(d)", "activation": "tanh", "bias": false},
            "data": {"gaussian": {"n": "3", "seed": "\(check.dataSeedBase)"}},
            "initialization": {"scale": "\(check.scale)", "gaussian": {"seed": "1", "layerScaleRatio": "\(check.layerScaleRatio)"}}
          },
          "axes": {"width": ["1", "2"], "n": {"from": "d \(check.lowestOffset < 0 ? "-" : "+") \(abs(check.lowestOffset))", "to": "\(highest)"}},
          "seeds": {"data": {"from": "\(check.dataSeedBase)", "count": "\(perN)"}, "initialization": {"from": "1", "count": "\(perN)"}, "pairing": "zip"},
          "policy": {"precisions": ["53"], "maximumTime": "\(p.maximumTime)", "doubleSteps": "\(p.doubleSteps)"}
        }
        """
    }

    @Test("run for run the same verdicts, and the same threshold analysis")
    func agree() throws {
        let dir = try SweepFixtures.directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try RunStore(path: dir.appendingPathComponent("claim9.sqlite").path)
        _ = try SweepRunner(jobs: 2).run(try SweepFixtures.grid(Self.spec).runs, store: store)
        let sweep = ThresholdAnalysis(rows: try store.rows(), level: Self.check.separationLevel)
        let rows = try store.rows()
        let ns = Array((Self.d + Self.check.lowestOffset)...Self.highest)
        for m in [1, 2] {
            let recoveries = try Self.check.draws(m: m, d: Self.d, ns: ns, perN: Self.perN, quick: true) { _ in }
            for (i, rec) in recoveries.enumerated() {
                let n = ns[i / Self.perN], seed = Self.check.dataSeedBase + UInt64(i % Self.perN)
                let row = try #require(rows.first { $0.coordinates.width == m && $0.coordinates.sampleSize == n && $0.coordinates.dataSeed == seed })
                #expect(row.verdict.outcome == rec.verdict.outcome, "m = \(m), n = \(n), seed \(seed)")
                #expect(row.verdict.reason == rec.verdict.reason, "m = \(m), n = \(n), seed \(seed)")
                #expect(row.verdict.evidence.risk == rec.verdict.evidence.risk)
            }
            let claim = Self.check.thresholds(m: m, d: Self.d, ns: ns, perN: Self.perN, recoveries: recoveries)
            let fromSweep = try #require(sweep.groups.first { $0.key == claim.key }, "the claim's group key is the sweep's: \(claim.key)")
            #expect(fromSweep.cells == claim.cells)
            #expect(fromSweep.optimistic == claim.optimistic)
            #expect(fromSweep.separation == claim.separation)
            #expect(fromSweep.candidates == claim.candidates)
        }
    }

    @Test("a different data seed mapping is seen: the check can fail")
    func differentDataDisagrees() throws {
        var shifted = Self.check
        shifted.dataSeedBase += 1
        let ns = [Self.d + 1]
        let a = try Self.check.draws(m: 1, d: Self.d, ns: ns, perN: Self.perN, quick: true) { _ in }
        let b = try shifted.draws(m: 1, d: Self.d, ns: ns, perN: Self.perN, quick: true) { _ in }
        #expect(zip(a, b).contains { $0.verdict.evidence.risk != $1.verdict.evidence.risk })
    }
}
