import Foundation
import MultiPrecision
import TwoLayerNet

/// Claim 7 (ii)'s span argument measured on a run: w̃_k(t) − w̃_k(0) ∈ S = span{x̃_i} (x̃_i = (x_i, 1)
/// with bias), and the bound dist(θ∞, Q*_al) ≥ dist(w̃*, S) − ε max_k‖ŵ_k‖ (proofs/claim-07.md,
/// steps 6–7).
struct SpanInvariant: Sendable {
    /// max_k ‖(I − Π_S)(w̃_k(∞) − w̃_k(0))‖ / max(1, ‖w̃_k(∞)‖).
    let relativeResidual: Double
    /// dist(w̃*, S) − max_k ‖w̃_k(0)‖ (w̃_k(0) = ε ŵ_k; w̃* = (w*, 0) with bias).
    let distanceLowerBound: Double

    /// 2^(−53+20): the double run's rounding, accumulated over its steps.
    static let bound = 0x1p-33

    init(_ flow: Flow<Double>) {
        let net = flow.network, d = net.inputDimension, D = net.extendedInputDimension, n = flow.problem.data.sampleCount
        // Orthonormal basis of S by modified Gram–Schmidt (twice, for orthogonality in double).
        var basis: [[Double]] = []
        func residual(_ v: [Double]) -> [Double] {
            var r = v
            for _ in 0..<2 { for b in basis { let c = zip(r, b).reduce(0) { $0 + $1.0 * $1.1 }; for j in 0..<D { r[j] -= c * b[j] } } }
            return r
        }
        func norm(_ v: [Double]) -> Double { v.reduce(0) { $0 + $1 * $1 }.squareRoot() }
        for i in 0..<n {
            let v = residual((0..<D).map { $0 < d ? flow.problem.data.input(i, $0) : 1 })
            if norm(v) > 1e-12 { basis.append(v.map { $0 / norm(v) }) }
        }
        var worst = 0.0, largestStart = 0.0
        let th0 = flow.problem.initialParameters, th = flow.final
        for k in 0..<net.width {
            let w = (0..<D).map { th[net.inputWeightIndex(neuron: k, coordinate: $0)] }
            let w0 = (0..<D).map { th0[net.inputWeightIndex(neuron: k, coordinate: $0)] }
            worst = max(worst, norm(residual(zip(w, w0).map { $0 - $1 })) / max(1, norm(w)))
            largestStart = max(largestStart, norm(w0))
        }
        relativeResidual = worst
        let wStar = flow.problem.target.inputWeights + [Double](repeating: 0, count: D - d)
        distanceLowerBound = norm(residual(wStar)) - largestStart
    }
}

/// The certifying n_opt-minor of J at the one-neuron point (m = 1), enclosed at each rung
/// (MPFI at the rung's precision; 53 bits for double): its midpoint is the ladder's value.
struct CertifiedMinor: LadderQuantity {
    let check: OptimisticSampleSize
    let d: Int
    let bias: Bool
    let inputs: [[Double]]
    var name: String { "the certifying (d + \(bias ? 2 : 1))-minor of J at the one-neuron point\(bias ? " with bias" : ""), d = \(d), m = 1, n = \(inputs.count)" }

    func measure<S: Scalar>(_ type: S.Type, _ p: Precision, toleranceBits: Int?) throws -> LadderMeasurement {
        let theta = OptimisticSampleSize.targetSetPoints(d: d, m: 1, bias: bias)[0].theta
        let rank = try check.certifiedRank(d: d, m: 1, bias: bias, theta: theta, inputs: inputs, precision: p)
        guard let minor = rank.minor else { throw VerificationError.runIncomplete("claim 7: no certifying minor at \(p.bits) bits") }
        return LadderMeasurement(minor.midpoint, toleranceBits: nil)
    }
}
