import Foundation
import TwoLayerNet

/// Claim 11's test of one limit (proofs/claim-11.md, "Numerical check"): a limit the certified
/// verdict judges recovered (θ∞ ∈ Q*) lies in the aligned part Q*_al, i.e. has no cancelling
/// group (neurons w̃_k = ±v, v ≠ ±w̃*, with Σ s_k a_k = 0).
///
/// At the end state θ_T, with B the verdict's bound on ‖θ∞ − θ_T‖, the cancelling excess is
/// c = dist(θ_T, Q*_al) − dist(θ_T, Q*) ≥ 0 (0 when the nearest point of Q* is aligned). Then
/// dist(θ∞, Q*_al) ≥ dist(θ_T, Q*_al) − B ≥ c − B, so c > B certifies a cancelling limit (the
/// comparison fails); and dist(θ∞, Q*_al) ≤ dist(θ_T, Q*) + c + B, so c ≤ B puts θ∞ as close to
/// Q*_al as the run resolves Q* itself (it holds).
public struct CancellingExcess: Sendable {
    public let excess: Double
    public let motion: Double
    /// The rounding of the two distances at the deciding precision p: 2^(−p+12).
    public let rounding: Double
    public let roles: [String]

    /// Nil unless the verdict is recovered with both distances and a bound on the motion.
    public init?(_ verdict: RecoveryVerdict) {
        let e = verdict.evidence
        guard verdict.outcome == .recovered,
              let full = e.targetSetDistance.flatMap(Double.init), let aligned = e.alignedDistance.flatMap(Double.init),
              let motion = e.remainingMotion else { return nil }
        excess = Swift.max(0, aligned - full)
        self.motion = motion
        rounding = pow2(-e.decidingBits + 12)
        roles = e.targetSetRoles ?? []
    }

    /// Whether the nearest point of Q* has a cancelling group of two or more neurons (a group of
    /// one is a silent neuron: Σ s_k a_k = 0 forces a_k = 0, at the same cost).
    public var nearestHasGroup: Bool {
        let groups = roles.filter { $0.hasPrefix("group") }.map { $0.prefix { $0 != "(" } }
        return Set(groups).count < groups.count
    }

    public func comparison(_ label: String) -> Comparison {
        Comparison(
            quantity: "cancelling excess dist(θ_T, Q*_al) − dist(θ_T, Q*) of a recovered limit (\(label); nearest point of Q*: [\(roles.joined(separator: ", "))])",
            measured: excess, relation: .atMost, bound: motion,
            boundReason: "the verdict's bound B on the remaining motion: beyond it the limit is certified off Q*_al (a cancelling group)",
            uncertainty: rounding, uncertaintySource: "rounding of the two distances at the deciding precision, 2^(−p+12)")
    }
}

extension RecoveryEvidence {
    /// The bound B on the remaining motion read in double (nil where not bounded; its text
    /// carries 4 digits, so it is read up by one part in 1000).
    var remainingMotion: Double? { motionBound.flatMap(Double.init).map { $0 * 1.001 } }
    /// dist(θ_T, Q*) (else the upper bound dist(θ_T, Q*_al)) read in double.
    var distanceToTargetSet: Double? { (targetSetDistance ?? alignedDistance).flatMap(Double.init) }
}
