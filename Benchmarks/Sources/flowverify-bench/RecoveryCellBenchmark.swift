import Foundation
import GradientFlow
import TwoLayerNet
import Verification

/// The recovery verdict's cost on one sweep cell (tanh, ε = 1e-6; 16 paired draws as claim 9
/// reads F(n): data seed 100 + j, initialization seed 1 + j), against plain double integrations
/// of the same problems with the same options, the baseline measured in the same run. Cells:
/// P2's size (m = 2, d = 5, n = 8), and nsep-quick's (m = 2, d = 3, n = 5), where double leaves
/// some draws undecided, for the cost of escalation.
///
/// - the double fast path: the verdict on the draws double decides vs their plain integrations
///   (interleaved rounds, best of each), and its runs per second on one core;
/// - escalation: the share of draws double leaves undecided and what their verdicts cost, in
///   units of their own plain double integrations (measured once: an escalated verdict is slow).
///
/// The policy is nsep-quick's (sweeps/nsep-quick.json): 53, 256, 512 bits, 300 steps above double.
struct RecoveryCellBenchmark {
    var m: Int, d: Int, n: Int
    static let cells = [RecoveryCellBenchmark(m: 2, d: 5, n: 8), RecoveryCellBenchmark(m: 2, d: 3, n: 5)]
    static let policy = RecoveryPolicy(precisions: [53, 256, 512], maximumTime: "1e12", escalationSteps: 300)
    static let draws = 16

    func draw(_ j: Int) -> RecoveryRun {
        RecoveryRun(d: d, m: m, n: n, dataSeed: UInt64(100 + j),
                    initialization: .gaussian(seed: UInt64(1 + j), layerScaleRatio: "1"), scale: "1e-6",
                    maximumTime: Self.policy.maximumTime)
    }

    /// The plain double integration the verdict's double attempt runs (the same options; the
    /// default step budget, `policy.doubleSteps`). Through `RecoveryRun.flow()`, compiled in
    /// Verification like the verdict: a generic `Experiment.run` instantiated here would not use
    /// the integrator's pre-specialized entry point and would be several times slower.
    static func plain(_ run: RecoveryRun) -> Double {
        seconds { _ = try! run.flow() }
    }

    static func verdict(_ run: RecoveryRun, _ policy: RecoveryPolicy) -> RecoveryVerdict {
        try! RecoveryVerdict.decide(run.spec, policy: policy)
    }

    /// Prints the benchmark's lines in the table's format.
    func run(rounds: Int) {
        let policy = Self.policy, draws = Self.draws
        let runs = (0..<draws).map(draw)
        // One pass with the full policy: which draws escalate, and what they cost.
        var escalated: [(run: RecoveryRun, seconds: Double)] = []
        var fast: [RecoveryRun] = []
        var total = 0.0
        for r in runs {
            var v: RecoveryVerdict!
            let t = seconds { v = Self.verdict(r, policy) }
            total += t
            if v.evidence.escalated { escalated.append((r, t)) } else { fast.append(r) }
        }
        var doubleOnly = policy
        doubleOnly.precisions = [53]
        let comparison = Comparison(
            name: "recovery verdict, m \(m) d \(d) n \(n), double", baselineName: "plain double integrations", target: nil,
            run: { seconds { for r in fast { _ = Self.verdict(r, doubleOnly) } } },
            baseline: { fast.reduce(0) { $0 + Self.plain($1) } })
        let (t, b) = measure(comparison, rounds: rounds)
        printRow(comparison, ratio: t / b)
        print(String(format: "  (double fast path: %.1f runs/s on one core, %d of %d draws; plain integration %.1f runs/s)",
                     Double(fast.count) / t, fast.count, draws, Double(fast.count) / b))
        print(String(format: "  (all %d draws, escalations included: %.2f runs/s on one core)", draws, Double(draws) / total))
        let escalatedPlain = escalated.reduce(0) { $0 + Self.plain($1.run) }
        let escalatedCost = escalated.reduce(0) { $0 + $1.seconds }
        print("  (escalated: \(escalated.count) of \(draws) draws" + (escalated.isEmpty ? ")" :
              String(format: ", %.1f s in all, %.0f× their plain double integrations)", escalatedCost, escalatedCost / escalatedPlain)))
    }
}
