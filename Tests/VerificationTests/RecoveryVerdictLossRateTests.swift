import Foundation
import GradientFlow
import MultiPrecision
import Testing
import TwoLayerNet
@testable import Verification

/// *Not recovered (loss rate)* (proofs/recovery.md, "Not recovered (loss rate)"), on a run whose end is a
/// degenerate interpolant off Q*: m = 2, d = 3, n = 6 (data seed 101, initialization seed 2,
/// ε = 1e-6), which the 0.1.5 rule left undecided at 128 bits (J not of full row rank, no strict
/// minimum). The branch must decide it, and must not once any of its hypotheses is broken.
@Suite("Recovery verdict: the loss rate")
struct RecoveryVerdictLossRateTests {
    static let spec = Experiment.standard(d: 3, m: 2, n: 6, dataSeed: 101,
                                          initialization: .gaussian(seed: 2, layerScaleRatio: "1"), scale: "1e-6")

    /// The sweep's 128-bit attempt: to the flow-time guard 1e12, at most 2000 steps.
    static func flow() throws -> Flow<BigFloat> {
        var experiment = Experiment(spec: spec, options: RecoveryVerdict.flowOptions(maximumTime: "1e12"))
        experiment.options.maximumSteps = RecoveryPolicy().escalationSteps
        return try experiment.run(BigFloat.self, try Precision(bits: 128))
    }

    /// One run (about 4 s at 128 bits in release), two checks.
    @Test("a degenerate interpolant off Q* at the flow-time guard is not recovered by the loss rate; broken hypotheses leave it undecided; the energy identity holds on the run")
    func degenerateInterpolant() throws {
        let flow = try Self.flow()
        try Self.lossRate(flow)
        Self.energyIdentity(flow)
    }

    static func lossRate(_ flow: Flow<BigFloat>) throws {
        #expect(flow.trajectory.status == .timeLimit)
        let end = flow.trajectory.final
        let point = LimitPoint(end.state, problem: flow.problem)
        let rates = try #require(TailRates(flow.trajectory, problem: flow.problem))
        #expect(point.staticMotionBound == nil, "no static bound: the point this branch is for")
        let rule = RecoveryRule(point: point, rates: rates, time: end.time)
        let (outcome, reason, motion) = rule.decide()
        #expect(outcome == .notRecovered, "\(reason)")
        #expect(reason.contains("4·max(B_L, B_r)"), "\(reason)")
        let deltaStar = try #require(point.targetSetDistance)
        #expect(try #require(motion) * BigFloat(4, precision: point.precision) < deltaStar)
        #expect(motion == Swift.max(try #require(rule.lossBound), try #require(rule.rateBound)))

        // Each hypothesis broken in turn, the rest as measured.
        func judged(rates r: TailRates?, time t: BigFloat? = end.time, budget: Bool = false) -> RecoveryVerdict.Outcome {
            RecoveryRule(point: point, rates: r, time: t, stoppedOnBudget: budget).decide().outcome
        }
        let slowLoss = TailRates(gradient: rates.gradient, distance: rates.distance, loss: (rates.loss.early, 1.0))
        let slowing = TailRates(gradient: rates.gradient, distance: rates.distance, loss: (3 * rates.loss.late, rates.loss.late))
        let slowGradient = TailRates(gradient: (rates.gradient.early, 1.0), distance: rates.distance, loss: rates.loss)
        #expect(judged(rates: slowLoss) == .undecided, "the loss falls like 1/t: its path may be infinite")
        // Undecided, it still says how long the flow provably stays away: (δ*/2)²/L(T) to rounding.
        let slowReason = RecoveryRule(point: point, rates: slowLoss, time: end.time).decide().reason
        #expect(slowReason.contains("whatever the tail, the flow stays ≥ dist/2 from Q* for a flow time"), "\(slowReason)")
        #expect(!slowReason.contains("a saddle"), "no eigenvalue below −τ here: \(slowReason)")
        let horizon = rule.certifiedHorizon(deltaStar).doubleValue, halfDistance = deltaStar.doubleValue / 2
        #expect(abs(horizon * point.loss.doubleValue / (halfDistance * halfDistance) - 1) < 1e-6)
        #expect(judged(rates: slowing) == .undecided, "the loss decay slows down")
        #expect(judged(rates: slowGradient) == .undecided, "no rate bound B_r to compare")
        #expect(judged(rates: rates, budget: true) == .undecided, "a tail cut by the step budget")
        #expect(judged(rates: nil, time: nil) == .undecided, "a hand-built point has no tail")
        // A flow time so long that √(T·L) reaches the distance.
        let far = end.time * BigFloat(1e12, precision: point.precision)
        #expect(judged(rates: rates, time: far) == .undecided)
        // In double the branch is not taken, whatever the tail.
        let double: Problem<Double> = try spec.instantiate(precision: .double)
        let pointD = LimitPoint(end.state.map(\.doubleValue), problem: double)
        #expect(RecoveryRule(point: pointD, rates: rates, time: end.time.doubleValue).decide().outcome == .undecided)
    }

    @Test("an undecided point at a saddle says so, with the flow time its instability needs: the origin, H = [[0, −c], [−c, 0]] per neuron")
    func saddleIsNamed() throws {
        let p = try Precision(bits: 128)
        let problem: Problem<BigFloat> = try Self.spec.instantiate(precision: p)
        let origin = [BigFloat](repeating: BigFloat(0, precision: p), count: problem.network.parameterCount)
        let v = RecoveryVerdict.decide(state: origin, problem: problem)
        #expect(v.outcome == .undecided, "\(v.reason)")
        #expect(v.reason.contains("a saddle, which the flow leaves on a flow time of order 1/|λ|"), "\(v.reason)")
    }

    /// The inequality the branch rests on: between two samples the flow moves at most
    /// √((t₂ − t₁)·L(t₁)) (energy identity and Cauchy–Schwarz).
    static func energyIdentity(_ flow: Flow<BigFloat>) {
        var kernel = flow.problem.makeLossKernel()
        var g = kernel.makeVector(), l = BigFloat(0, precision: flow.problem.precision)
        let samples = flow.trajectory.samples.filter { $0.time.doubleValue > 1 }
        #expect(samples.count > 100)
        var checked = 0
        for (i, first) in samples.enumerated() where i % 7 == 0 {
            kernel.gradient(at: first.state, into: &g, loss: &l)
            for second in samples[(i + 1)...].prefix(40) {
                let moved = LimitPoint.norm(zip(second.state, first.state).map { $0 - $1 })
                let allowed = BigFloat.sqrt((second.time - first.time) * l)
                // The integrator's local error (tolerance 2^-128·max(1, ‖θ‖) per step) is far below.
                #expect(moved.doubleValue <= allowed.doubleValue * (1 + 1e-9) + 1e-30,
                        "t = \(first.time.doubleValue) → \(second.time.doubleValue): moved \(moved.doubleValue) > \(allowed.doubleValue)")
                checked += 1
            }
        }
        #expect(checked > 500)
    }
}
