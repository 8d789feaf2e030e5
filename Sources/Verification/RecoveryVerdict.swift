import Foundation
import GradientFlow
import MultiPrecision
import TwoLayerNet

/// The certified recovery verdict of one run: recovered / not recovered / undecided, with the
/// evidence that decided it (proofs/recovery.md). One type for the sweeps and for the claims
/// that talk about recovery (7, 8, 9, 11); `Recovery` is a view of it.
///
/// `decide(_:policy:)` runs the problem at the precisions of the policy in order, double first
/// (the fast path), and stops at the first precision whose `RecoveryRule` decides; each
/// escalation reruns the problem from its start at the higher precision.
public struct RecoveryVerdict: Sendable, Codable, Equatable {
    public enum Outcome: String, Sendable, Codable, CaseIterable {
        case recovered
        case notRecovered = "not-recovered"
        case undecided
    }

    public var outcome: Outcome
    /// Why: which evidence decided, or what is missing for a decision.
    public var reason: String
    public var evidence: RecoveryEvidence

    public init(outcome: Outcome, reason: String, evidence: RecoveryEvidence) {
        self.outcome = outcome; self.reason = reason; self.evidence = evidence
    }
}

/// What a verdict rests on. Magnitudes are decimal text (every digit of the deciding precision;
/// error bounds and eigenvalues with a few), because at high precision they may lie below
/// Double's range.
public struct RecoveryEvidence: Sendable, Codable, Equatable {
    /// Population risk R(θ∞) and its error bound.
    public var risk: String
    public var riskError: String
    /// dist(θ∞, Q*) and dist(θ∞, Q*_al) (nil where not computed).
    public var targetSetDistance: String?
    public var alignedDistance: String?
    /// ‖∇L(θ∞)‖.
    public var gradientNorm: String
    /// Final training loss.
    public var finalLoss: String
    /// Flow time at the end of the deciding run.
    public var finalTime: String
    /// The precision (bits; 53 = the double fast path) that decided, and every one tried.
    public var decidingBits: Int
    public var precisionsTried: [Int]
    /// Accepted steps and wall seconds over all attempts (each attempt's integration and the
    /// rule's evaluation; a hand-built point or a single `decide(flow:)`: the integration's).
    public var steps: Int
    public var seconds: Double
    /// CPU seconds of the deciding thread over the same attempts (`ThreadCPUTime`; a run's
    /// integration and rule run on one thread); nil where not measured.
    public var cpuSeconds: Double? = nil
    /// The neurons' roles at the nearest point of Q*_al.
    public var roles: [String]
    /// The lowest eigenvalue of ∇²L(θ∞) and its uncertainty τ; the bound B on the remaining
    /// motion (nil: not bounded); the classes at the nearest point of Q*.
    public var lowestEigenvalue: String? = nil
    public var eigenvalueUncertainty: String? = nil
    public var motionBound: String? = nil
    public var targetSetRoles: [String]? = nil
    /// The deciding run's `FlowStatus` (nil for a hand-built point).
    public var status: String? = nil

    public init(risk: String, riskError: String, targetSetDistance: String?, alignedDistance: String?,
                gradientNorm: String, finalLoss: String, finalTime: String, decidingBits: Int,
                precisionsTried: [Int], steps: Int, seconds: Double, roles: [String]) {
        self.risk = risk; self.riskError = riskError; self.targetSetDistance = targetSetDistance
        self.alignedDistance = alignedDistance; self.gradientNorm = gradientNorm; self.finalLoss = finalLoss
        self.finalTime = finalTime; self.decidingBits = decidingBits; self.precisionsTried = precisionsTried
        self.steps = steps; self.seconds = seconds; self.roles = roles
    }

    /// Whether the double fast path decided (no escalation).
    public var escalated: Bool { decidingBits > 53 }
}

/// How a verdict may spend precision: the ladder of precisions tried in order (53 = double),
/// the flow-time guard, and the step budgets of the double attempt and of each attempt above
/// double. Part of a sweep run's identity. Budgets are step counts, not wall-clock limits, so the
/// same run gives the same verdict on any machine and in any shard.
public struct RecoveryPolicy: Sendable, Codable, Equatable, Hashable {
    public var precisions: [Int]
    /// Flow-time guard (encoded as its decimal text, so a run's hash is unchanged by the type).
    public var maximumTime: DecimalNumber
    /// The flow-time guard of the attempts above double, when it differs from `maximumTime`:
    /// a run that reaches the guard at a saddle needs a flow time of order ln(1/u)/|λ| to leave
    /// it (proofs/recovery.md, "Escalation"), which the few escalated runs can afford and the
    /// double fast path need not spend (double does not resolve such a tail).
    public var escalationMaximumTime: DecimalNumber? = nil
    /// Accepted steps allowed to the double attempt (the fast path); past the budget the attempt
    /// ends with status step-limit, is judged by the same rule, and escalates if undecided.
    public var doubleSteps: Int
    /// Accepted steps allowed to each multiple-precision attempt. A degenerate limit (a neuron
    /// shrinking algebraically, proofs/recovery.md) can take thousands of collocation steps at
    /// 256 bits; past the budget the attempt ends with status step-limit, its verdict says so,
    /// and no higher precision is tried (`RecoveryVerdict.decide(_:policy:)`).
    public var escalationSteps: Int

    public init(precisions: [Int] = [53, 256, 512], maximumTime: DecimalNumber = "1e12", doubleSteps: Int = 200_000,
                escalationSteps: Int = 2_000, escalationMaximumTime: DecimalNumber? = nil) {
        self.precisions = precisions; self.maximumTime = maximumTime
        self.doubleSteps = doubleSteps; self.escalationSteps = escalationSteps
        self.escalationMaximumTime = escalationMaximumTime
    }

    /// The flow-time guard of the attempts above double.
    public var escalationGuard: DecimalNumber { escalationMaximumTime ?? maximumTime }

    /// The policy of the claims' runs to convergence (claims 7, 8 and 9) and of
    /// sweeps/nsep-quick.json: double with at most 50 000 steps, then 128, 256 and 512 bits with
    /// at most 300 steps each (128 first: the first precision above double decides most of what
    /// double cannot, and costs a fraction of 256 bits; proofs/recovery.md, "Escalation").
    public static let claims = RecoveryPolicy(precisions: [53, 128, 256, 512], maximumTime: "1e12", doubleSteps: 50_000, escalationSteps: 300)

    /// The policy in words, for reports: "judged in double (at most 50000 steps), rerun at 256,
    /// then 512 bits (at most 300 steps each) when it cannot decide; flow-time guard 1e12".
    public var text: String {
        let higher = precisions.filter { $0 != 53 }.map(String.init)
        let first = precisions.first == 53 ? "judged in double (at most \(doubleSteps) steps)" : "judged at \(higher.first ?? "?") bits"
        let rest = precisions.first == 53 ? higher : Array(higher.dropFirst())
        let escalation = rest.isEmpty ? ", with no higher precision (what it cannot decide stays undecided)"
            : ", rerun at \(rest.joined(separator: ", then ")) bits (at most \(escalationSteps) steps each) when it cannot decide"
        return first + escalation + "; flow-time guard \(maximumTime)"
            + (escalationMaximumTime.map { ", \($0) above double" } ?? "")
    }
}

extension RecoveryVerdict {
    /// Integrates `spec` to convergence at each precision of `policy` in turn (53 = double) and
    /// returns the first decided verdict, or the last tried precision's undecided one.
    ///
    /// An attempt above double that ends undecided on its step budget, or on the flow-time guard
    /// with every quantity the rule compares resolved (`LimitPoint.unresolved` false), ends the
    /// ladder (proofs/recovery.md, "Escalation"). Step budget: exponential collocation's degree
    /// grows with p as its tolerance 2^(−p) tightens (up to its cap), so the next precision takes
    /// steps of about the same length or shorter, each costing more, and would stop at about the
    /// same flow time or earlier. Flow-time guard: the next precision integrates the same flow to
    /// the same time, so its end state agrees to the resolution u and the rule, whose thresholds
    /// only tighten as u shrinks, reads it the same way. The verdict stays undecided and names
    /// the precisions not tried. A cost rule only: no branch of `RecoveryRule` is relaxed.
    ///
    /// `doubleFlow` sees the double attempt's flow (for callers that measure more on it, so the
    /// run is not integrated twice).
    public static func decide(_ spec: ProblemSpec, policy: RecoveryPolicy = RecoveryPolicy(),
                              doubleFlow: (Flow<Double>) -> Void = { _ in }) throws -> RecoveryVerdict {
        var fast = Experiment(spec: spec, options: flowOptions(maximumTime: policy.maximumTime))
        fast.options.maximumSteps = policy.doubleSteps
        var escalation = fast
        escalation.options.maximumSteps = policy.escalationSteps
        escalation.options.maximumTime = policy.escalationGuard
        var tried: [Int] = [], steps = 0, seconds = 0.0, cpuSeconds = 0.0, reasons: [String] = []
        var verdict: RecoveryVerdict? = nil
        for (index, bits) in policy.precisions.enumerated() {
            let attempt: Attempt
            let started = DispatchTime.now(), cpuStarted = ThreadCPUTime.now()
            if bits == 53 {
                let flow = try fast.run(Double.self, .double)
                doubleFlow(flow)
                attempt = judge(flow: flow)
            } else {
                attempt = judge(flow: try escalation.run(BigFloat.self, try Precision(bits: bits)))
            }
            var v = attempt.verdict
            // The whole attempt: the integration and the rule's evidence (for wide networks the
            // distances to Q* of the tail's samples can cost more than the integration).
            tried.append(bits); steps += v.evidence.steps
            seconds += Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
            cpuSeconds += ThreadCPUTime.now() - cpuStarted
            reasons.append(v.reason)
            let untried = policy.precisions.dropFirst(index + 1)
            let end = bits > 53 && v.outcome == .undecided ? attempt.ladderEnd(policy) : nil
            if let end, !untried.isEmpty {
                reasons.append("\(untried.map { "\($0) bits" }.joined(separator: ", ")) not tried: the attempt at \(bits) bits \(end)")
            }
            v.evidence.precisionsTried = tried; v.evidence.steps = steps; v.evidence.seconds = seconds
            v.evidence.cpuSeconds = cpuSeconds.isFinite ? cpuSeconds : nil
            v.reason = reasons.joined(separator: "; ")
            verdict = v
            if v.outcome != .undecided || end != nil { break }
        }
        guard let verdict else { throw RecoveryPolicyError.noPrecision }
        return verdict
    }

    /// One attempt's verdict and whether its end state is resolved at its precision.
    struct Attempt {
        var verdict: RecoveryVerdict
        var unresolved: Bool

        /// Why an undecided attempt above double ends the ladder, or nil when the next precision may decide.
        func ladderEnd(_ policy: RecoveryPolicy) -> String? {
            switch verdict.evidence.status {
            case FlowStatus.stepLimit.rawValue: return "ended on its step budget (\(policy.escalationSteps) steps)"
            case FlowStatus.timeLimit.rawValue where !unresolved:
                return "reached the flow-time guard \(policy.escalationGuard) with every quantity the rule compares resolved"
            default: return nil
            }
        }
    }

    /// Options for a run the verdict judges: to convergence under the flow-time guard, keeping
    /// enough samples for the tail rates (`TailRates`), with no wall-clock guard (the policy's
    /// step budgets bound the work, so the same run gives the same verdict on any machine).
    public static func flowOptions(maximumTime: DecimalNumber) -> FlowOptions {
        var options = FlowOptions.until(nil, escapeRadius: nil, maximumTime: maximumTime)
        options.maximumSamples = 4096
        options.maximumWallSeconds = nil
        return options
    }

    /// The verdict on one finished run at its own precision (no escalation).
    public static func decide<S: Scalar>(flow: Flow<S>) -> RecoveryVerdict { judge(flow: flow).verdict }

    static func judge<S: Scalar>(flow: Flow<S>) -> Attempt {
        let end = flow.trajectory.final
        let point = LimitPoint(end.state, problem: flow.problem)
        let rule = RecoveryRule(point: point, rates: TailRates(flow.trajectory, problem: flow.problem), time: end.time,
                                stoppedOnBudget: [.stepLimit, .wallClockLimit].contains(flow.trajectory.status))
        var v = verdict(rule, problem: flow.problem, state: end.state, time: end.time.description)
        v.evidence.steps = flow.trajectory.statistics.acceptedSteps
        v.evidence.seconds = flow.seconds
        v.evidence.status = flow.trajectory.status.rawValue
        if !flow.converged { v.reason += " [run status: \(flow.trajectory.status.rawValue)]" }
        return Attempt(verdict: v, unresolved: point.unresolved)
    }

    /// The verdict on a hand-built state θ of `problem` (no trajectory: the remaining motion is
    /// bounded by the Newton step ‖∇L‖/λ_gap).
    public static func decide<S: Scalar>(state: [S], problem: Problem<S>) -> RecoveryVerdict {
        let rule = RecoveryRule(point: LimitPoint(state, problem: problem), rates: nil, time: nil)
        return verdict(rule, problem: problem, state: state, time: "–")
    }

    static func verdict<S: Scalar>(_ rule: RecoveryRule<S>, problem: Problem<S>, state: [S], time: String) -> RecoveryVerdict {
        let (outcome, reason, motion) = rule.decide()
        let point = rule.point
        var evaluator = PopulationRiskEvaluator<S>(network: problem.network, precision: problem.precision)
        let risk = evaluator.risk(of: state, target: problem.target)
        var evidence = RecoveryEvidence(
            risk: risk.value.description, riskError: risk.errorEstimate.decimal(significantDigits: 3),
            targetSetDistance: LimitPoint.full(point.targetSetDistance), alignedDistance: LimitPoint.full(point.alignedDistance),
            gradientNorm: LimitPoint.full(point.gradientNorm)!, finalLoss: LimitPoint.full(point.loss)!, finalTime: time,
            decidingBits: problem.precision.bits, precisionsTried: [problem.precision.bits], steps: 0, seconds: 0,
            roles: point.alignedRoles)
        evidence.lowestEigenvalue = LimitPoint.text(point.eigenvalues.first)
        evidence.eigenvalueUncertainty = LimitPoint.text(point.eigenvalueUncertainty(motion: motion ?? point.resolution))
        evidence.motionBound = LimitPoint.text(motion)
        evidence.targetSetRoles = point.targetSetRoles
        return RecoveryVerdict(outcome: outcome, reason: reason, evidence: evidence)
    }
}

/// A policy that cannot be run.
public enum RecoveryPolicyError: Error, Equatable {
    case noPrecision
}
