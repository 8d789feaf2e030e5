import Foundation
import MultiPrecision
import TwoLayerNet

/// Claim 9 (proofs/claim-09.md): the separation sample size n_sep (value open).
///
/// For each (m, d) and each n of the ladder (d − 1 … 3d), N runs from random small Gaussian
/// initializations, each with its own Gaussian data draw, judged by the recovery verdict
/// (`RecoveryVerdict`, proofs/recovery.md, under `policy`: double first, then 128, 256 and 512 bits); the recovery
/// fraction per n with Clopper–Pearson intervals, the estimate n̂_sep = min{n : some certified
/// recovery}, and the candidates of `CandidateFormula.separation` beside it.
public struct SeparationSampleSize: ClaimCheck {
    public var dimensions = [3, 5]
    public var quickDimensions = [3]
    public var widths = [1, 2]
    /// Widths for which the check asserts n_sep = n_opt = d + 1 (the claim: m = 1 only).
    public var optimisticWidths: Set<Int> = [1]
    /// Runs per n (at least 16 in full mode). 20 with the ladder from d − 1: the "none below"
    /// counts then pool 40 runs (m = 1, n ≤ d) or 60 (m ≥ 2, n ≤ d + 1), enough for 0 of N
    /// to bound the rate below `unattainableLevel` = 0.1 (proofs/counts.md: N ≥ 36).
    public var seedsPerN = 20
    public var quickSeedsPerN = 4
    /// The n ladder: lowestN(d) = d + lowestOffset … highestFactor·d (quick: 2d + 2).
    public var lowestOffset = -1
    public var highestFactor = 3
    /// Overrides the top of the ladder for every d (nil: the defaults above).
    public var highestN: Int? = nil
    public var activation: Activation = .tanh
    public var scale: DecimalNumber = "1e-6"
    public var layerScaleRatio: DecimalNumber = "1"
    /// Run j (0-based) uses data seed dataSeedBase + j and initialization seed j + 1: the
    /// fraction is over (data, initialization) pairs; data at n + 1 extend those at n.
    public var dataSeedBase: UInt64 = 100
    /// "None recovers below n_sep" reads as: recovery probability ≤ this level with 95 %
    /// confidence (proofs/counts.md).
    public var unattainableLevel = RecoveryTally.unattainableLevel
    /// The level of the sweep report's n_sep reading, reported beside the claim's (20 runs per n
    /// bound F's 95 % lower end by 0.832, so the sweeps' default 0.9 could never be reached here).
    public var separationLevel = 0.75
    /// The recovery verdict's policy (proofs/recovery.md): `RecoveryPolicy.claims`, that of
    /// sweeps/nsep-quick.json.
    public var policy = RecoveryPolicy.claims
    /// `--quick`: double only; what double cannot decide stays undecided.
    public var quickPolicy = RecoveryPolicy(precisions: [53], maximumTime: "1e12", doubleSteps: 50_000)

    public init() {}
    public var cost: Double { 10 }
    /// The ladder's run: draw j = 0 at the first width and dimension and n = 2d + 1, to this
    /// flow time (past the escape).
    public var ladderTime: DecimalNumber = "50"

    func ladderRun(m: Int, d: Int) -> StateLadder {
        let run = RecoveryRun(d: d, m: m, n: 2 * d + 1, activation: activation, dataSeed: dataSeedBase,
                              initialization: .gaussian(seed: 1, layerScaleRatio: layerScaleRatio), scale: scale)
        return StateLadder(spec: run.spec, time: ladderTime, reading: .targetSetDistance,
                           run: "m = \(m), d = \(d), n = \(2 * d + 1), data seed \(dataSeedBase), initialization seed 1")
    }

    /// The verdicts of runs j = 0 ..< perN at each n of `ns` (n-major), shared out over the cores.
    func draws(m: Int, d: Int, ns: [Int], perN: Int, quick: Bool, finished: @escaping @Sendable (Int) -> Void) throws -> [Recovery] {
        let policy = quick ? quickPolicy : policy
        return try ConcurrentRuns.map(ns.count * perN, finished: finished) { i in
            let j = i % perN
            let run = RecoveryRun(d: d, m: m, n: ns[i / perN], activation: activation, dataSeed: dataSeedBase + UInt64(j),
                                  initialization: .gaussian(seed: UInt64(j + 1), layerScaleRatio: layerScaleRatio), scale: scale)
            return Recovery(try RecoveryVerdict.decide(run.spec, policy: policy))
        }
    }

    /// The runs at (m, d) over `ns`, decided and read (progress on `context`).
    func group(m: Int, d: Int, ns: [Int], perN: Int, context: CheckContext) throws -> SeparationGroup {
        let label = "m = \(m), d = \(d)", total = ns.count * perN
        context.progress("claim-09 \(label): \(total) runs (n = \(ns.first ?? d) … \(ns.last ?? d), \(perN) each)")
        let recoveries = try draws(m: m, d: d, ns: ns, perN: perN, quick: context.quick) { done in
            if done % perN == 0 { context.progress("claim-09 \(label): \(done) of \(total) runs decided") }
        }
        let group = SeparationGroup(m: m, d: d, ns: ns, perN: perN, recoveries: recoveries,
                                    analysis: thresholds(m: m, d: d, ns: ns, perN: perN, recoveries: recoveries))
        for (n, t) in group.tallies { context.progress("claim-09 \(label), n = \(n): \(t.text)") }
        return group
    }

    public var info = ClaimInfo(
        id: 9, title: "Separation sample size", status: .paperEmpirical,
        statement: "From n_sep(m, d) on, a positive fraction of random small initializations (with random Gaussian data) recovers; below it none does. For m = 1, n_sep = n_opt = d + 1 (recoveries at d + 1, none at d); for m ≥ 2, n_sep > n_opt (no recovery at n ≤ d + 1, consistent with claim 8). The value of n_sep is open: n̂_sep = min{n : some certified recovery} is measured per (m, d), with the recovery fraction and its Clopper–Pearson interval at every n, beside the candidates 2d + 1, m + d, m + 2d − 1, and the two that the measured sweeps suggest: the parameter count m(d + 1) and m·d + 1.",
        latex: #"n \ge n_{\mathrm{sep}}(m,d) \Rightarrow \Pr[\theta_\infty \in Q^*] > 0,\qquad n_{\mathrm{sep}}(1,d) = d+1"#,
        hypotheses: ["tanh, Gaussian data (one draw per run)", "random Gaussian small initialization (at least 16 runs per n)"],
        quantities: ["recovery fraction per n (certified recovery verdict, proofs/recovery.md)", "estimated n_sep against candidate formulas"])

    /// The n_sep candidates of the sweep report (`CandidateFormula.separation`), without bias.
    public static func candidates(m: Int, d: Int) -> [(String, Int)] {
        CandidateFormula.separation.map { ($0.formula, $0.value(m: m, d: d, bias: false)) }
    }

    public func check(_ context: CheckContext) throws -> ClaimOutcome {
        var out = ClaimOutcome()
        let dims = context.quick ? quickDimensions : dimensions
        let N = context.quick ? quickSeedsPerN : seedsPerN
        for d in dims {
            let lowest = max(1, d + lowestOffset)
            let highest = highestN ?? (context.quick ? 2 * d + 2 : highestFactor * d)
            guard lowest <= highest else { continue }
            for m in widths {
                let group = try self.group(m: m, d: d, ns: Array(lowest...highest), perN: N, context: context)
                out.comparisons += group.comparisons(self)
                out.notes += group.notes(self, quick: context.quick)
                out.figures.append(group.figure())
            }
        }
        if let d = dims.first, let m = widths.first {
            out.ladder = try LadderRunner(rungs: context.ladder, progress: context.progress).run(ladderRun(m: m, d: d))
        }
        out.notes.append("Runs: double precision, ε = \(scale), Gaussian initialization (κ = \(layerScaleRatio)) with seed j + 1 and Gaussian data with seed \(dataSeedBase) + j for run j = 0 … \(N - 1) (the same pairs at every n, so the data at n + 1 extend those at n); σ = \(activation); n from d \(lowestOffset < 0 ? "−" : "+") \(abs(lowestOffset)) to \(context.quick ? "2d + 2 (quick)" : "\(highestFactor)d"); to convergence, \((context.quick ? quickPolicy : policy).text) (`RecoveryPolicy.claims`, the policy of sweeps/nsep-quick.json). \(Recovery.criterion).")
        out.notes.append("Statement refined to the reading tested: F(n) over (data, initialization) pairs; for m ≥ 2 the check also asserts no recovery at n ≤ d + 1 (claim 8); the value of n_sep is reported beside the candidates, not judged.")
        return out
    }
}
