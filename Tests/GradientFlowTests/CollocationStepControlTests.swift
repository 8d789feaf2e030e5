@testable import GradientFlow
import MultiPrecision
import Testing

/// The exponential collocation's step-size control (`ExponentialCollocationStepper`, the
/// `FlowStepper` step): the next step follows the error estimate and, after an accepted step,
/// is at most `contractionTarget / contraction` times as long, so that the fixed-point
/// iteration keeps converging on the next step.
@Suite("Exponential collocation: the step-size control keeps the iteration contracting")
struct CollocationStepControlTests {
    static let p = CollocationReuseTests.p
    static let tolerance = CollocationReuseTests.tolerance

    /// One step of length 2^(k − 10) from the same start, by a fresh stepper iterating from
    /// y₀ (no extrapolated start, so the iteration's contraction is measured from its start).
    static func step(_ k: Int, target: Double) -> (step: FlowStep<BigFloat>, contraction: Double) {
        var system = CubicFlow<BigFloat>(precision: p)
        let y = CollocationReuseTests.start, f0 = CollocationReuseTests.field(y)
        var stepper = ExponentialCollocationStepper<CubicFlow<BigFloat>>(dimension: 8, degree: 16, precision: p,
                                                                         contractionTarget: target)
        stepper.extrapolatesStart = false
        let H = BigFloat(Rational(numerator: 1 << k, denominator: 1024), precision: p)
        let s = stepper.step(&system, from: y, field: f0, proposed: H, maximum: H * BigFloat(1024, precision: p), tolerance: tolerance)
        return (s, stepper.contraction)
    }

    /// The rule is scale-free; this flow's iteration contracts fast (ρ from about 1e-8 to 1e-5
    /// over the accepted steps, growing like H²), so the target is set among those values.
    @Test("the measured contraction grows with the step; where it exceeds the target the next step is shorter, by target / contraction at least")
    func contractionLimitsGrowth() {
        let target = 1e-6
        var contractions: [Double] = [], limited = 0, free = 0
        for k in 0...12 {
            let (controlled, rho) = Self.step(k, target: target)
            guard controlled.accepted, rho.isFinite else { continue }
            let (errorOnly, _) = Self.step(k, target: 0)
            contractions.append(rho)
            #expect(controlled.nextFactor <= errorOnly.nextFactor, "k = \(k)")
            if rho > target {
                limited += 1
                #expect(controlled.nextFactor <= max(0.2, target / rho) * (1 + 1e-12), "k = \(k): ρ = \(rho), factor \(controlled.nextFactor)")
                #expect(controlled.nextFactor < 1, "k = \(k): ρ = \(rho)")
            } else if target / rho >= errorOnly.nextFactor {
                free += 1
                #expect(controlled.nextFactor == errorOnly.nextFactor, "k = \(k)")
            }
        }
        // Both regimes occur on this flow, and the contraction grows with H.
        #expect(limited >= 1 && free >= 1, "limited \(limited), free \(free): \(contractions)")
        #expect(contractions.count >= 4 && contractions.last! > 4 * contractions.first!, "\(contractions)")
    }

    @Test("a contraction target of 0 leaves the error estimate alone in charge: the step itself is unchanged")
    func targetOffKeepsTheStep() {
        for k in [2, 8] {
            let (a, _) = Self.step(k, target: 0), (b, _) = Self.step(k, target: 0.1)
            #expect(a.accepted == b.accepted && a.errorRatio == b.errorRatio, "k = \(k)")
        }
    }
}
