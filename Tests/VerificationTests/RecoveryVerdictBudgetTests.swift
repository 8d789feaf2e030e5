import Foundation
import GradientFlow
import Testing
import TwoLayerNet
@testable import Verification

/// The recovery verdict's step budgets and its ladder (proofs/recovery.md, "Escalation"): the
/// double attempt stops at `doubleSteps`, an attempt above double at `escalationSteps`, and one
/// above double that stops there undecided ends the ladder. Each rule is checked on both sides:
/// where it binds and where it must not.
@Suite("Recovery verdict budgets")
struct RecoveryVerdictBudgetTests {
    /// A run the double fast path recovers in a few hundred steps (m = 1, d = 2, n = 4).
    static let easy = Experiment.standard(d: 2, m: 1, n: 4, dataSeed: 100,
                                          initialization: .gaussian(seed: 1, layerScaleRatio: "1"), scale: "1e-6")
    /// A run that cannot converge by flow time 5 from ε = 1e-6 (still near the origin).
    static let early = Experiment.standard(d: 5, m: 2, n: 10, dataSeed: 3, scale: "1e-6")

    @Test("the double budget binds the double attempt: 3 steps leave the run undecided; the default budget decides it")
    func doubleBudget() throws {
        let cut = try RecoveryVerdict.decide(Self.easy, policy: RecoveryPolicy(precisions: [53], doubleSteps: 3))
        #expect(cut.outcome == .undecided, "\(cut.reason)")
        #expect(cut.evidence.status == FlowStatus.stepLimit.rawValue)
        #expect(cut.evidence.steps == 3)
        let full = try RecoveryVerdict.decide(Self.easy, policy: RecoveryPolicy(precisions: [53]))
        #expect(full.outcome == .recovered, "\(full.reason)")
        #expect(full.evidence.steps > 3)
        #expect(full.evidence.status == FlowStatus.converged.rawValue)
    }

    @Test("a run cut by its step budget while its distance still falls is not recovered by rate; run to its end it is recovered")
    func budgetCutHasNoRateBound() throws {
        // At 100 steps the easy run is on its way to Q* (dist about 1e-2, still falling): the
        // rate branch would call it recovered from the cut tail, which a cut run cannot support.
        let cut = try RecoveryVerdict.decide(Self.easy, policy: RecoveryPolicy(precisions: [53], doubleSteps: 100))
        #expect(cut.evidence.status == FlowStatus.stepLimit.rawValue)
        #expect(cut.outcome != .recovered, "\(cut.reason)")
        #expect(cut.reason.contains("cut short (step budget or wall clock), so no rate bound"), "\(cut.reason)")
        let full = try RecoveryVerdict.decide(Self.easy, policy: RecoveryPolicy(precisions: [53]))
        #expect(full.outcome == .recovered, "\(full.reason)")
    }

    @Test("a verdict's runs have no wall-clock guard, which would cut the same run at a machine-dependent state")
    func noWallClockGuard() throws {
        var experiment = Experiment(spec: Self.easy, options: RecoveryVerdict.flowOptions(maximumTime: "1e12"))
        #expect(experiment.options.maximumWallSeconds == nil)
        #expect(try experiment.run(Double.self, .double).trajectory.status == .converged)
        experiment.options.maximumWallSeconds = 0
        #expect(try experiment.run(Double.self, .double).trajectory.status == .wallClockLimit)
    }

    @Test("a double attempt that ends on its budget still escalates")
    func doubleBudgetEscalates() throws {
        let policy = RecoveryPolicy(precisions: [53, 256], maximumTime: "5", doubleSteps: 3, escalationSteps: 2_000)
        let v = try RecoveryVerdict.decide(Self.early, policy: policy)
        #expect(v.evidence.precisionsTried == [53, 256])
        #expect(v.reason.contains("at double"), "\(v.reason)")
        #expect(v.reason.contains(FlowStatus.stepLimit.rawValue), "\(v.reason)")
        #expect(v.outcome == .undecided, "\(v.reason)")
    }

    @Test("an attempt above double that ends on its step budget ends the ladder and names the precisions not tried")
    func budgetEndsLadder() throws {
        let policy = RecoveryPolicy(precisions: [53, 256, 512], maximumTime: "5", escalationSteps: 3)
        let v = try RecoveryVerdict.decide(Self.early, policy: policy)
        #expect(v.outcome == .undecided, "\(v.reason)")
        #expect(v.evidence.precisionsTried == [53, 256])
        #expect(v.evidence.decidingBits == 256)
        #expect(v.evidence.status == FlowStatus.stepLimit.rawValue)
        #expect(v.reason.contains("512 bits not tried"), "\(v.reason)")
    }

    @Test("an attempt above double that reaches the flow-time guard with its end state resolved ends the ladder")
    func resolvedTimeGuardEndsLadder() throws {
        let policy = RecoveryPolicy(precisions: [53, 256, 512], maximumTime: "5", escalationSteps: 2_000)
        let v = try RecoveryVerdict.decide(Self.early, policy: policy)
        #expect(v.outcome == .undecided, "\(v.reason)")
        #expect(v.evidence.precisionsTried == [53, 256])
        #expect(v.evidence.status == FlowStatus.timeLimit.rawValue)
        #expect(v.reason.contains("512 bits not tried: the attempt at 256 bits reached the flow-time guard 5"), "\(v.reason)")
    }

    @Test("the escalation guard carries the attempts above double further than the double one; without it they stop at the same time")
    func escalationGuard() throws {
        let guarded = RecoveryPolicy(precisions: [53, 128], maximumTime: "5", escalationMaximumTime: "20")
        let v = try RecoveryVerdict.decide(Self.early, policy: guarded)
        #expect(v.evidence.precisionsTried == [53, 128])
        #expect(v.evidence.status == FlowStatus.timeLimit.rawValue)
        #expect(Double(v.evidence.finalTime) == 20, "\(v.evidence.finalTime)")
        #expect(v.reason.hasPrefix("at double"), "\(v.reason)")
        #expect(guarded.text.hasSuffix("flow-time guard 5, 20 above double"), "\(guarded.text)")
        let plain = try RecoveryVerdict.decide(Self.early, policy: RecoveryPolicy(precisions: [53, 128], maximumTime: "5"))
        #expect(Double(plain.evidence.finalTime) == 5, "\(plain.evidence.finalTime)")
    }

    /// θ(0) of size 1e-80: at flow time 1e-3 the gradient (about 1e-80) is below 256 bits'
    /// resolution (about 1e-73) and resolved at 512 bits (about 1e-150).
    static let rounding = Experiment.standard(d: 5, m: 2, n: 10, dataSeed: 3, scale: "1e-80")

    @Test("an attempt above double that reaches the flow-time guard with a quantity at its rounding level escalates")
    func unresolvedTimeGuardEscalates() throws {
        let policy = RecoveryPolicy(precisions: [53, 256, 512], maximumTime: "1e-3", escalationSteps: 2_000)
        let v = try RecoveryVerdict.decide(Self.rounding, policy: policy)
        #expect(v.outcome == .undecided, "\(v.reason)")
        #expect(v.evidence.precisionsTried == [53, 256, 512])
        #expect(v.evidence.status == FlowStatus.timeLimit.rawValue)
        #expect(!v.reason.contains("not tried"), "\(v.reason)")
    }
}
