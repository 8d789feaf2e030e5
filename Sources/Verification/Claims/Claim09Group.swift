import Foundation

/// Claim 9 at one (m, d): the per-n tallies of its runs and what the check reads from them
/// (proofs/claim-09.md, "Numerical check").
struct SeparationGroup {
    let m: Int, d: Int, perN: Int
    let tallies: [(n: Int, tally: RecoveryTally)]
    /// Per n with a recovery: the largest dist(θ_T, Q*_al) at the end of a recovered run, and its roles.
    let distances: [String]
    let escalated: Int
    let analysis: ThresholdAnalysis.Group

    var label: String { "m = \(m), d = \(d)" }
    /// n̂_sep: the first n with a certified recovery, as the threshold analysis finds it.
    var nSep: Int? { analysis.optimistic.upper }
    var runs: Int { tallies.count * perN }

    /// `recoveries` are the runs j = 0 ..< perN at each n of `ns` (n-major).
    init(m: Int, d: Int, ns: [Int], perN: Int, recoveries: [Recovery], analysis: ThresholdAnalysis.Group) {
        self.m = m; self.d = d; self.perN = perN; self.analysis = analysis
        var tallies: [(n: Int, tally: RecoveryTally)] = [], distances: [String] = []
        for (index, n) in ns.enumerated() {
            let cell = recoveries[(index * perN)..<((index + 1) * perN)]
            var t = RecoveryTally()
            for rec in cell { t.add(rec.outcome) }
            tallies.append((n, t))
            var farthest = 0.0, roles: [String] = []
            for rec in cell where rec.outcome == .recovered {
                if let dist = rec.alignedDistance, dist >= farthest { farthest = dist; roles = rec.roles }
            }
            if t.recovered > 0 {
                distances.append(String(format: "n = %d: %.1e", n, farthest) + " (roles \(roles.joined(separator: ", ")))")
            }
        }
        self.tallies = tallies
        self.distances = distances
        escalated = recoveries.count { $0.verdict.evidence.escalated }
    }

    /// The pooled tally of the n in `range`.
    func merged(_ range: ClosedRange<Int>) -> RecoveryTally {
        var all = RecoveryTally()
        for (n, t) in tallies where range.contains(n) {
            all.recovered += t.recovered; all.notRecovered += t.notRecovered; all.undecided += t.undecided
        }
        return all
    }

    func comparisons(_ check: SeparationSampleSize) -> [Comparison] {
        var out: [Comparison] = []
        let lowest = tallies.first?.n ?? d
        if check.optimisticWidths.contains(m) {
            if lowest <= d {
                out.append(merged(lowest...d).noneRecovered("recovered runs at n ≤ d (n_sep = n_opt = d + 1 from below; \(label))", level: check.unattainableLevel))
            }
            if let t = tallies.first(where: { $0.n == d + 1 })?.tally {
                out.append(t.someRecovered("recovered runs at n = d + 1 (n_sep = n_opt = d + 1; \(label))"))
            }
        } else if lowest <= d + 1 {
            out.append(merged(lowest...(d + 1)).noneRecovered("recovered runs at n ≤ d + 1 (n_sep > n_opt for m ≥ 2, claim 8; \(label))", level: check.unattainableLevel))
        }
        if let last = tallies.last {
            out.append(last.tally.someRecovered("recovered runs at the top of the ladder n = \(last.n) (a transition in range; \(label))"))
        }
        if let nSep {
            let after = tallies.filter { $0.n >= nSep }
            let gaps = after.filter { $0.tally.recovered == 0 }.map(\.n)
            let fewest = after.map(\.tally.recovered).min() ?? 0
            out.append(Comparison(
                quantity: "fewest recovered runs at any n ≥ n̂_sep = \(nSep) (a positive fraction from n_sep on; \(label))",
                measured: Double(fewest), measuredText: gaps.isEmpty ? "\(fewest)" : "0 at n = \(gaps)",
                relation: .atLeast, bound: 1, boundReason: "F(n) > 0 for every n ≥ n_sep",
                uncertainty: gaps.isEmpty ? 0 : 1,
                uncertaintySource: "0 recoveries in \(perN) runs bounds F(n) by a Clopper–Pearson upper end, it does not show F(n) = 0"))
        }
        return out
    }

    func notes(_ check: SeparationSampleSize, quick: Bool) -> [String] {
        let cand = SeparationSampleSize.candidates(m: m, d: d)
        let consistent = nSep.map { s in cand.filter { $0.1 == s }.map(\.0) } ?? []
        let highest = tallies.last?.n ?? d
        var out = [
            check.thresholdNote(analysis, label: label),
            "Claim 9, \(label): \(escalated) of \(runs) runs were rerun above double because double could not decide them\(quick ? " (quick mode reruns none: those stay undecided)" : "").",
            "Claim 9, \(label): n̂_sep = \(nSep.map(String.init) ?? "not reached by n = \(highest)") (an upper estimate: the smallest n with a certified recovery in \(perN) runs); candidates " + cand.map { "\($0.0) = \($0.1)" }.joined(separator: ", ") + (nSep == nil ? "." : "; equal to n̂_sep: \(consistent.isEmpty ? "none" : consistent.joined(separator: ", ")).") + (check.optimisticWidths.contains(m) ? " n_opt = \(d + 1)." : ""),
            "Claim 9, \(label), per n (recovered/not/undecided, fraction of decided runs, 95 % Clopper–Pearson interval of the recovered fraction of all runs): " + tallies.map { n, t in
                let cp = ClopperPearson(successes: t.recovered, trials: t.total)
                return String(format: "n = %d: %d/%d/%d, %@, [%.3f, %.3f]", n, t.recovered, t.notRecovered, t.undecided,
                              t.fraction.map { String(format: "%.3f", $0) } ?? "–", cp.lower, cp.upper)
            }.joined(separator: "; ") + ".",
        ]
        if !distances.isEmpty {
            out.append("Claim 9, \(label): largest dist(θ_T, Q*_al) at the end of the deciding run among the runs judged recovered, per n: " + distances.joined(separator: "; ") + ". The verdict decides by the distance to Q* at the working precision and its measured rate (proofs/recovery.md), not by the risk, which is O(dist⁴) near Q*.")
        }
        return out
    }

    /// The recovered fraction against n with its intervals and the candidate formulas marked.
    func figure() -> Figure {
        var fraction: [(Double, Double)] = [], lower: [(Double, Double)] = [], upper: [(Double, Double)] = []
        for (n, t) in tallies {
            let cp = ClopperPearson(successes: t.recovered, trials: t.total)
            fraction.append((Double(n), Double(t.recovered) / Double(t.total)))
            lower.append((Double(n), cp.lower)); upper.append((Double(n), cp.upper))
        }
        var series = [Figure.Series(label: "recovered fraction (\(perN) runs per n)", style: .line, points: fraction),
                      Figure.Series(label: "Clopper–Pearson 95 % lower", style: .points, points: lower),
                      Figure.Series(label: "Clopper–Pearson 95 % upper", style: .points, points: upper)]
        let range = (tallies.first?.n ?? d)...(tallies.last?.n ?? d)
        for (name, value) in SeparationSampleSize.candidates(m: m, d: d) where range.contains(value) {
            series.append(Figure.Series(label: "\(name) = \(value)", style: .reference, points: [(Double(value), 0), (Double(value), 1)]))
        }
        return Figure(id: "claim-09-fraction-m\(m)-d\(d)", title: "Recovery fraction against n (\(label))",
                      xLabel: "n (samples)", yLabel: "fraction of runs recovered", series: series,
                      caption: "n̂_sep = \(nSep.map(String.init) ?? "–"): the first n with a certified recovery; dashed: candidate formulas.")
    }
}
