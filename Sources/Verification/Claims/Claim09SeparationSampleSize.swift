import Foundation
import MultiPrecision
import TwoLayerNet

/// Claim 9 (proofs/claim-09.md): the separation sample size n_sep (value open).
///
/// For each (m, d) and each n of the ladder (d − 1 … 3d), N runs from random small Gaussian
/// initializations, each with its own Gaussian data draw, judged by the recovery verdict
/// (`RecoveryVerdict`, proofs/recovery.md, under `policy`: double first, then 256 and 512 bits); the recovery
/// fraction per n with Clopper–Pearson intervals, the estimate n̂_sep = min{n : some certified
/// recovery}, and the candidates 2d + 1, m + d, m + 2d − 1 beside it.
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
    public var scale = "1e-6"
    public var layerScaleRatio = "1"
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

    public var info = ClaimInfo(
        id: 9, title: "Separation sample size", status: .paperEmpirical,
        statement: "From n_sep(m, d) on, a positive fraction of random small initializations (with random Gaussian data) recovers; below it none does. For m = 1, n_sep = n_opt = d + 1 (recoveries at d + 1, none at d); for m ≥ 2, n_sep > n_opt (no recovery at n ≤ d + 1, consistent with claim 8). The value of n_sep is open: n̂_sep = min{n : some certified recovery} is measured per (m, d), with the recovery fraction and its Clopper–Pearson interval at every n, beside the candidates 2d + 1, m + d, m + 2d − 1.",
        latex: #"n \ge n_{\mathrm{sep}}(m,d) \Rightarrow \Pr[\theta_\infty \in Q^*] > 0,\qquad n_{\mathrm{sep}}(1,d) = d+1"#,
        hypotheses: ["tanh, Gaussian data (one draw per run)", "random Gaussian small initialization (at least 16 runs per n)"],
        quantities: ["recovery fraction per n (certified recovery verdict, proofs/recovery.md)", "estimated n_sep against candidate formulas"])

    /// The candidate formulas of proofs/THEORY.md claim 9.
    public static func candidates(m: Int, d: Int) -> [(String, Int)] {
        [("2d + 1", 2 * d + 1), ("m + d", m + d), ("m + 2d − 1", m + 2 * d - 1)]
    }

    public var withoutLadder: String? { Self.convergedRunsReason }

    public func check(_ context: CheckContext) throws -> ClaimOutcome {
        var out = ClaimOutcome()
        let dims = context.quick ? quickDimensions : dimensions
        let N = context.quick ? quickSeedsPerN : seedsPerN
        for d in dims {
            let lowest = max(1, d + lowestOffset)
            let highest = highestN ?? (context.quick ? 2 * d + 2 : highestFactor * d)
            guard lowest <= highest else { continue }
            for m in widths {
                let label = "m = \(m), d = \(d)"
                var tallies: [(n: Int, tally: RecoveryTally)] = []
                var distances: [String] = []
                var escalated = 0, runs = 0
                let ns = Array(lowest...highest)
                context.progress("claim-09 \(label): \(ns.count * N) runs (n = \(lowest) … \(highest), \(N) each)")
                let recoveries = try draws(m: m, d: d, ns: ns, perN: N, quick: context.quick) { done in
                    if done % N == 0 { context.progress("claim-09 \(label): \(done) of \(ns.count * N) runs decided") }
                }
                for (index, n) in ns.enumerated() {
                    var t = RecoveryTally()
                    var farthest = 0.0, farthestRoles: [String] = []
                    for rec in recoveries[(index * N)..<((index + 1) * N)] {
                        t.add(rec.outcome)
                        runs += 1
                        if rec.verdict.evidence.escalated { escalated += 1 }
                        if rec.outcome == .recovered, let dist = rec.alignedDistance, dist >= farthest {
                            farthest = dist; farthestRoles = rec.roles
                        }
                    }
                    tallies.append((n, t))
                    if t.recovered > 0 {
                        distances.append(String(format: "n = %d: %.1e", n, farthest) + " (roles \(farthestRoles.joined(separator: ", ")))")
                    }
                    context.progress("claim-09 \(label), n = \(n): \(t.text)")
                }
                let analysis = thresholds(m: m, d: d, ns: ns, perN: N, recoveries: recoveries)
                let nSep = analysis.optimistic.upper
                out.notes.append(thresholdNote(analysis, label: label))
                out.notes.append("Claim 9, \(label): \(escalated) of \(runs) runs were rerun above double because double could not decide them\(context.quick ? " (quick mode reruns none: those stay undecided)" : "").")
                // The claim's comparisons.
                func merged(_ ns: ClosedRange<Int>) -> RecoveryTally {
                    var all = RecoveryTally()
                    for (n, t) in tallies where ns.contains(n) {
                        all.recovered += t.recovered; all.notRecovered += t.notRecovered; all.undecided += t.undecided
                    }
                    return all
                }
                if optimisticWidths.contains(m) {
                    if lowest <= d {
                        out.comparisons.append(merged(lowest...d).noneRecovered("recovered runs at n ≤ d (n_sep = n_opt = d + 1 from below; \(label))", level: unattainableLevel))
                    }
                    if let t = tallies.first(where: { $0.n == d + 1 })?.tally {
                        out.comparisons.append(t.someRecovered("recovered runs at n = d + 1 (n_sep = n_opt = d + 1; \(label))"))
                    }
                } else if lowest <= d + 1 {
                    out.comparisons.append(merged(lowest...(d + 1)).noneRecovered("recovered runs at n ≤ d + 1 (n_sep > n_opt for m ≥ 2, claim 8; \(label))", level: unattainableLevel))
                }
                if let last = tallies.last {
                    out.comparisons.append(last.tally.someRecovered("recovered runs at the top of the ladder n = \(last.n) (a transition in range; \(label))"))
                }
                if let nSep {
                    let after = tallies.filter { $0.n >= nSep }
                    let gaps = after.filter { $0.tally.recovered == 0 }.map(\.n)
                    let fewest = after.map(\.tally.recovered).min() ?? 0
                    out.comparisons.append(Comparison(
                        quantity: "fewest recovered runs at any n ≥ n̂_sep = \(nSep) (a positive fraction from n_sep on; \(label))",
                        measured: Double(fewest), measuredText: gaps.isEmpty ? "\(fewest)" : "0 at n = \(gaps)",
                        relation: .atLeast, bound: 1, boundReason: "F(n) > 0 for every n ≥ n_sep",
                        uncertainty: gaps.isEmpty ? 0 : 1,
                        uncertaintySource: "0 recoveries in \(N) runs bounds F(n) by a Clopper–Pearson upper end, it does not show F(n) = 0"))
                }
                // Notes and the figure.
                let cand = SeparationSampleSize.candidates(m: m, d: d)
                let consistent = nSep.map { s in cand.filter { $0.1 == s }.map(\.0) } ?? []
                out.notes.append("Claim 9, \(label): n̂_sep = \(nSep.map(String.init) ?? "not reached by n = \(highest)") (an upper estimate: the smallest n with a certified recovery in \(N) runs); candidates " + cand.map { "\($0.0) = \($0.1)" }.joined(separator: ", ") + (nSep == nil ? "." : "; equal to n̂_sep: \(consistent.isEmpty ? "none" : consistent.joined(separator: ", ")).") + (optimisticWidths.contains(m) ? " n_opt = \(d + 1)." : ""))
                out.notes.append("Claim 9, \(label), per n (recovered/not/undecided, fraction of decided runs, 95 % Clopper–Pearson interval of the recovered fraction of all runs): " + tallies.map { n, t in
                    let cp = ClopperPearson(successes: t.recovered, trials: t.total)
                    return String(format: "n = %d: %d/%d/%d, %@, [%.3f, %.3f]", n, t.recovered, t.notRecovered, t.undecided,
                                  t.fraction.map { String(format: "%.3f", $0) } ?? "–", cp.lower, cp.upper)
                }.joined(separator: "; ") + ".")
                if !distances.isEmpty {
                    out.notes.append("Claim 9, \(label): largest dist(θ_T, Q*_al) at the end of the deciding run among the runs judged recovered, per n: " + distances.joined(separator: "; ") + ". The verdict decides by the distance to Q* at the working precision and its measured rate (proofs/recovery.md), not by the risk, which is O(dist⁴) near Q*.")
                }
                var fraction: [(Double, Double)] = [], lower: [(Double, Double)] = [], upper: [(Double, Double)] = []
                for (n, t) in tallies {
                    let cp = ClopperPearson(successes: t.recovered, trials: t.total)
                    fraction.append((Double(n), Double(t.recovered) / Double(t.total)))
                    lower.append((Double(n), cp.lower)); upper.append((Double(n), cp.upper))
                }
                var series = [Figure.Series(label: "recovered fraction (\(N) runs per n)", style: .line, points: fraction),
                              Figure.Series(label: "Clopper–Pearson 95 % lower", style: .points, points: lower),
                              Figure.Series(label: "Clopper–Pearson 95 % upper", style: .points, points: upper)]
                for (name, value) in cand where value >= lowest && value <= highest {
                    series.append(Figure.Series(label: "\(name) = \(value)", style: .reference,
                                                points: [(Double(value), 0), (Double(value), 1)]))
                }
                out.figures.append(Figure(
                    id: "claim-09-fraction-m\(m)-d\(d)", title: "Recovery fraction against n (\(label))",
                    xLabel: "n (samples)", yLabel: "fraction of runs recovered", series: series,
                    caption: "n̂_sep = \(nSep.map(String.init) ?? "–"): the first n with a certified recovery; dashed: candidate formulas."))
            }
        }
        out.notes.append("Runs: double precision, ε = \(scale), Gaussian initialization (κ = \(layerScaleRatio)) with seed j + 1 and Gaussian data with seed \(dataSeedBase) + j for run j = 0 … \(N - 1) (the same pairs at every n, so the data at n + 1 extend those at n); σ = \(activation); n from d \(lowestOffset < 0 ? "−" : "+") \(abs(lowestOffset)) to \(context.quick ? "2d + 2 (quick)" : "\(highestFactor)d"); to convergence, \((context.quick ? quickPolicy : policy).text) (`RecoveryPolicy.claims`, the policy of sweeps/nsep-quick.json). \(Recovery.criterion).")
        out.notes.append("Statement refined to the reading tested: F(n) over (data, initialization) pairs; for m ≥ 2 the check also asserts no recovery at n ≤ d + 1 (claim 8); the value of n_sep is reported beside the candidates, not judged.")
        return out
    }
}
