import Foundation
import TwoLayerNet

/// Claim 11 (11b): random draws at a width m where Q* contains cancelling groups (m ≥ 3), each
/// run judged by the certified verdict in double and, when recovered, by `CancellingExcess`.
struct RandomDraws: Sendable {
    let width: Int
    let seeds: [UInt64]
    let verdicts: [RecoveryVerdict]
    /// The level of `CountReading.never` (proofs/counts.md).
    var level = RecoveryTally.unattainableLevel

    var judged: [(seed: UInt64, test: CancellingExcess)] {
        zip(seeds, verdicts).compactMap { s, v in CancellingExcess(v).map { (s, $0) } }
    }

    /// "No recovered limit has a cancelling group", read from the counts (`CountReading.never`,
    /// proofs/counts.md): one limit certified cancelling (c > B) refutes it; with none, the 95 %
    /// Clopper–Pearson upper end of the cancelling rate (undecided judgements, c within its
    /// rounding of B, counted as cancelling) must reach the level; with no recovered limit
    /// nothing is decided.
    var comparison: Comparison {
        let verdicts = judged.map { $0.test.comparison("").verdict }
        let cancelling = verdicts.filter { $0 == .fails }.count, open = verdicts.filter { $0 == .undecided }.count
        let tally = RecoveryTally(self.verdicts.map(\.outcome))
        var text = "\(cancelling) cancelling, \(open) undecided of \(judged.count) recovered limits (\(tally.text))"
        if let (lower, upper) = CountReading.interval(occurred: cancelling, open: open, trials: judged.count) {
            text += String(format: "; 95 %% Clopper–Pearson interval of the cancelling rate [%.4f, %.4f] (undecided judgements counted both ways)", lower, upper)
        }
        return CountReading.never("(11b) recovered limits with a cancelling group, m = \(width), \(seeds.count) random draws",
                                  occurred: cancelling, open: open, trials: judged.count, text: text,
                                  event: "cancelling limit", level: level)
    }

    var notes: [String] {
        let e = { (x: Double) in String(format: "%.2e", x) }
        var lines = ["(11b) m = \(width): " + comparison.measuredText + "."]
        let rows = judged.map { "seed \($0.seed): c = \(e($0.test.excess)), B = \(e($0.test.motion)) [\($0.test.roles.joined(separator: ", "))]" }
        lines.append("(11b) m = \(width), recovered limits: " + rows.joined(separator: "; ") + ".")
        let others = zip(seeds, verdicts).filter { $0.1.outcome != .recovered }.map { "seed \($0.0): \($0.1.outcome.rawValue) (\($0.1.reason))" }
        if !others.isEmpty { lines.append("(11b) m = \(width), not judged: " + others.joined(separator: "; ") + ".") }
        // A run approaching a cancelling limit approaches Q* (cancelling groups are in Q*).
        let open = verdicts.filter { $0.outcome == .undecided }.compactMap(\.evidence.distanceToTargetSet)
        if let low = open.min(), let high = open.max() {
            lines.append("(11b) m = \(width): the \(open.count) undecided runs end at dist(θ_T, Q*) from \(e(low)) to \(e(high)) (a run approaching a cancelling limit would approach Q*, which contains it).")
        }
        return lines
    }
}

extension ActiveNeurons {
    func drawSpec(width m: Int, seed: UInt64) -> ProblemSpec {
        Experiment.standard(d: dimension, m: m, n: drawSampleCount, dataSeed: seed,
                            initialization: .gaussian(seed: seed, layerScaleRatio: "1"), scale: scale)
    }

    /// (11b)'s runs at width m, shared out over the cores.
    func measureDraws(width m: Int, context: CheckContext) throws -> RandomDraws {
        let seeds = drawSeeds(width: m, quick: context.quick)
        context.progress("claim-11: \(seeds.count) random draws at m = \(m)")
        let verdicts = try ConcurrentRuns.decide(seeds.map { drawSpec(width: m, seed: $0) },
                                                 policy: RecoveryPolicy(precisions: [53], maximumTime: context.quick ? quickDrawMaximumTime : drawMaximumTime,
                                                                        doubleSteps: drawSteps))
        return RandomDraws(width: m, seeds: seeds, verdicts: verdicts, level: unattainableLevel)
    }
}
