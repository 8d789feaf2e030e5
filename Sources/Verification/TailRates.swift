import Foundation
import GradientFlow
import MultiPrecision
import TwoLayerNet

/// The measured decay of a run's last decade of flow time (proofs/recovery.md, "rates"): the
/// exponents γ of ‖∇L(θ(t))‖ ∝ t^(−γ), β of dist(θ(t), Q*) ∝ t^(−β) and α of the training loss
/// L(θ(t)) ∝ t^(−α), fitted by least squares
/// in log–log on the two half-decades [T/10, T/√10] and [T/√10, T] of the trajectory's samples
/// (at most `maximumFitted` of them, every k-th; the run's final state included); when the last
/// decade holds fewer than 6 samples (long steps), the last 7 samples and the end; split at the
/// middle of their log-time span, or into halves by count when a half would hold fewer than 3. An exponential approach shows as an exponent growing
/// from the first half-decade to the second; an approach to a point off Q* as β falling to 0.
public struct TailRates: Sendable, Equatable {
    /// Gradient-decay exponents on the earlier and the later half-decade.
    public let gradient: (early: Double, late: Double)
    /// Distance-decay exponents on the earlier and the later half-decade.
    public let distance: (early: Double, late: Double)
    /// Loss-decay exponents on the earlier and the later half-decade.
    public let loss: (early: Double, late: Double)
    /// Samples in the earlier and the later half-decade.
    public let samples: (early: Int, late: Int)

    public static func == (x: TailRates, y: TailRates) -> Bool {
        x.gradient == y.gradient && x.distance == y.distance && x.loss == y.loss && x.samples == y.samples
    }

    /// The fewest samples per half-decade for a fit.
    public static let minimumSamples = 3

    /// Exponents given directly (tests build tails whose hypotheses hold or fail by construction).
    init(gradient: (Double, Double), distance: (Double, Double), loss: (Double, Double), samples: (Int, Int) = (8, 8)) {
        self.gradient = gradient; self.distance = distance; self.loss = loss; self.samples = samples
    }

    /// The exponents of `trajectory`'s last decade; nil when a half-decade has fewer than
    /// `minimumSamples` samples or a quantity vanishes there.
    public init?<S: Scalar>(_ trajectory: Trajectory<S>, problem: Problem<S>) {
        let end = trajectory.final
        let T = end.time.doubleValue
        guard T > 0, T.isFinite else { return nil }
        var points = trajectory.samples.filter { $0.time.doubleValue >= T / 10 && $0.time.doubleValue < T }
        if points.count < 2 * TailRates.minimumSamples {
            points = Array(trajectory.samples.filter { $0.time.doubleValue > 0 && $0.time.doubleValue < T }
                .suffix(2 * TailRates.minimumSamples + 1))
        }
        points = TailRates.thinned(points)
        points.append(end)
        var kernel = problem.makeLossKernel()
        var rows: [(logT: Double, logG: Double, logD: Double, logL: Double)] = []
        var g = kernel.makeVector(), l = S(0, precision: problem.precision)
        for sample in points {
            kernel.gradient(at: sample.state, into: &g, loss: &l)
            let norm = LimitPoint<S>.norm(g)
            let dist = LimitPoint<S>.distance(sample.state, problem: problem)
            guard let dist, !dist.isZero, !norm.isZero, !l.isZero else { return nil }
            rows.append((log10(sample.time.doubleValue), LimitPoint<S>.log10(norm), LimitPoint<S>.log10(dist), LimitPoint<S>.log10(l)))
        }
        guard let first = rows.first?.logT, let last = rows.last?.logT, last - first > 0.01 else { return nil }
        let split = max(first + (last - first) / 2, last - 0.5)
        var early = rows.filter { $0.logT < split }, late = rows.filter { $0.logT >= split }
        if early.count < TailRates.minimumSamples || late.count < TailRates.minimumSamples {
            early = Array(rows.prefix(rows.count / 2)); late = Array(rows.suffix(rows.count - rows.count / 2))
        }
        guard early.count >= TailRates.minimumSamples, late.count >= TailRates.minimumSamples else { return nil }
        gradient = (-TailRates.slope(early.map { ($0.logT, $0.logG) }), -TailRates.slope(late.map { ($0.logT, $0.logG) }))
        distance = (-TailRates.slope(early.map { ($0.logT, $0.logD) }), -TailRates.slope(late.map { ($0.logT, $0.logD) }))
        loss = (-TailRates.slope(early.map { ($0.logT, $0.logL) }), -TailRates.slope(late.map { ($0.logT, $0.logL) }))
        samples = (early.count, late.count)
    }

    /// The exponent that bounds the remaining motion: the later gradient exponent γ (nil unless
    /// γ > 1.05, i.e. ∫_T^∞ ‖∇L‖ dt is finite at the measured rate). Assumed: the gradient keeps
    /// falling at least that fast after T (proofs/recovery.md, "rates").
    public var motionExponent: Double? { gradient.late > 1.05 ? gradient.late : nil }

    /// The exponent that bounds the remaining motion through the loss: the later loss exponent α
    /// (nil unless α > 1.05 and α_late ≥ α_early / 2, i.e. the loss falls faster than 1/t and
    /// is not slowing down). Assumed: the loss keeps falling at least that fast after T; then
    /// the path from T is at most √(T·L(T)) / (1 − 2^((1−α)/2)) (proofs/recovery.md, "Not recovered (loss rate)").
    public var lossExponent: Double? { loss.late > 1.05 && loss.late >= loss.early / 2 ? loss.late : nil }

    /// Whether the distance to Q* still falls at the end and is not slowing down: β_late ≥ 0.1
    /// and β_late ≥ β_early / 2 (an approach to a point off Q* shows β → 0).
    public var distanceStillFalling: Bool { distance.late >= 0.1 && distance.late >= distance.early / 2 }

    /// The most samples of the last decade that are fitted: every k-th one when there are more
    /// (the trajectory is already thinned evenly by step count, so this keeps its spread). Each
    /// sample costs a distance to Q*, an exhaustive search over class assignments (m ≤ `FullTargetSetDistance.maximumWidth`).
    public static let maximumFitted = 64

    static func thinned<T>(_ points: [T]) -> [T] {
        guard points.count > maximumFitted else { return points }
        let stride = (points.count + maximumFitted - 1) / maximumFitted
        // Counted back from the last sample, so the one nearest T is always kept.
        return Array(Swift.stride(from: points.count - 1, through: 0, by: -stride).map { points[$0] }.reversed())
    }

    static func slope(_ xy: [(Double, Double)]) -> Double {
        let n = Double(xy.count)
        let mx = xy.map(\.0).reduce(0, +) / n, my = xy.map(\.1).reduce(0, +) / n
        let sxx = xy.map { ($0.0 - mx) * ($0.0 - mx) }.reduce(0, +)
        let sxy = xy.map { ($0.0 - mx) * ($0.1 - my) }.reduce(0, +)
        return sxx > 0 ? sxy / sxx : .nan
    }
}
