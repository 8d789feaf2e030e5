import Foundation
import GradientFlow
import MultiPrecision
import TwoLayerNet

/// The certified recovery verdict of one run: recovered / not recovered / undecided, with the
/// evidence that decided it. One type for the sweeps and for the claims that talk about
/// recovery (7, 8, 9, 11).
///
/// INTERFACE FIRST: this file fixes the names the sweep machinery codes against. Its `decide`
/// is still the double-only `Recovery` rule (risk against a floor) and must be replaced by the
/// certified rule (escalating precision, distances at the working precision) before the
/// recovery-verdict work is called done.
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

/// What a verdict rests on. Magnitudes are decimal text (a few significant digits, exact
/// exponent), because at high precision they may lie below Double's range.
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
    /// Accepted steps and wall seconds over all attempts.
    public var steps: Int
    public var seconds: Double
    /// The neurons' roles at the nearest point of Q*_al.
    public var roles: [String]

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

/// How a verdict may spend precision: the ladder of precisions tried in order (53 = double)
/// and the flow-time guard. Part of a sweep run's identity.
public struct RecoveryPolicy: Sendable, Codable, Equatable, Hashable {
    public var precisions: [Int]
    /// Flow-time guard (decimal text).
    public var maximumTime: String

    public init(precisions: [Int] = [53, 256, 512], maximumTime: String = "1e12") {
        self.precisions = precisions; self.maximumTime = maximumTime
    }
}

extension RecoveryVerdict {
    /// Integrates `spec` to convergence and decides recovery under `policy`.
    public static func decide(_ spec: ProblemSpec, policy: RecoveryPolicy = RecoveryPolicy()) throws -> RecoveryVerdict {
        let options = FlowOptions.until(nil, escapeRadius: nil, maximumTime: policy.maximumTime)
        let flow = try Experiment(spec: spec, options: options).run(Double.self, .double)
        let r = Recovery(flow)
        let text = { (x: Double) in String(format: "%.6e", x) }
        let outcome: Outcome = switch r.outcome {
        case .recovered: .recovered
        case .notRecovered: .notRecovered
        case .undecided: .undecided
        }
        let evidence = RecoveryEvidence(
            risk: text(r.risk), riskError: text(r.riskError), targetSetDistance: nil,
            alignedDistance: r.alignedDistance.map(text), gradientNorm: "nan", finalLoss: text(r.finalLoss),
            finalTime: text(flow.trajectory.final.time.doubleValue), decidingBits: 53, precisionsTried: [53],
            steps: flow.trajectory.statistics.acceptedSteps, seconds: flow.seconds, roles: r.roles)
        return RecoveryVerdict(outcome: outcome, reason: Recovery.criterion, evidence: evidence)
    }
}
