import Foundation
import GradientFlow
import TwoLayerNet
import Verification

/// The recovery verdict's cost on one sweep cell of P2's size (m = 2, d = 5, n = 8, tanh,
/// ε = 1e-6; 16 paired draws as claim 9 reads F(n): data seed 100 + j, initialization seed
/// 1 + j), against plain double integrations of the same problems with the same options, the
/// baseline measured in the same run:
///
/// - the double fast path: the verdict on the draws double decides vs their plain integrations
///   (interleaved rounds, best of each), and its runs per second on one core;
/// - escalation: the share of draws double leaves undecided and what their verdicts cost, in
///   units of their own plain double integrations (measured once: an escalated verdict is slow).
///
/// The policy is nsep-quick's (sweeps/nsep-quick.json): 53, 256, 512 bits, 300 steps above double.
struct RecoveryCellBenchmark {
    static let policy = RecoveryPolicy(precisions: [53, 256, 512], maximumTime: "1e12", escalationSteps: 300)
    static let draws = 16

    static func spec(_ j: Int) -> ProblemSpec {
        Experiment.standard(d: 5, m: 2, n: 8, dataSeed: UInt64(100 + j),
                            initialization: .gaussian(seed: UInt64(1 + j), layerScaleRatio: "1"), scale: "1e-6")
    }

    /// The plain double integration the verdict's double attempt runs (same options and budget).
    static func plain(_ spec: ProblemSpec) -> Double {
        var experiment = Experiment(spec: spec, options: RecoveryVerdict.flowOptions(maximumTime: policy.maximumTime))
        experiment.options.maximumSteps = policy.doubleSteps
        return seconds { _ = try! experiment.run(Double.self, .double) }
    }

    static func verdict(_ spec: ProblemSpec, _ policy: RecoveryPolicy) -> RecoveryVerdict {
        try! RecoveryVerdict.decide(spec, policy: policy)
    }

    /// Prints the benchmark's lines in the table's format.
    static func run(rounds: Int) {
        let specs = (0..<draws).map(spec)
        // One pass with the full policy: which draws escalate, and what they cost.
        var escalated: [(spec: ProblemSpec, seconds: Double)] = []
        var fast: [ProblemSpec] = []
        var total = 0.0
        for s in specs {
            var v: RecoveryVerdict!
            let t = seconds { v = verdict(s, policy) }
            total += t
            if v.evidence.escalated { escalated.append((s, t)) } else { fast.append(s) }
        }
        var doubleOnly = policy
        doubleOnly.precisions = [53]
        let comparison = Comparison(
            name: "recovery verdict, P2 cell, double", baselineName: "plain double integrations", target: nil,
            run: { seconds { for s in fast { _ = verdict(s, doubleOnly) } } },
            baseline: { fast.reduce(0) { $0 + plain($1) } })
        let (t, b) = measure(comparison, rounds: rounds)
        printRow(comparison, ratio: t / b)
        print(String(format: "  (double fast path: %.1f runs/s on one core, %d of %d draws; plain integration %.1f runs/s)",
                     Double(fast.count) / t, fast.count, draws, Double(fast.count) / b))
        print(String(format: "  (all %d draws, escalations included: %.2f runs/s on one core)", draws, Double(draws) / total))
        let escalatedPlain = escalated.reduce(0) { $0 + plain($1.spec) }
        let escalatedCost = escalated.reduce(0) { $0 + $1.seconds }
        print("  (escalated: \(escalated.count) of \(draws) draws" + (escalated.isEmpty ? ")" :
              String(format: ", %.1f s in all, %.0f× their plain double integrations)", escalatedCost, escalatedCost / escalatedPlain)))
    }
}
