import Foundation
import MultiPrecision
import TwoLayerNet

/// Claim 6 (C) (proofs/claim-06.md, step 4): two genuinely different initial directions with
/// equal Ĉ and a first layer of relative size τ (the tilt).
///
/// Two independent Gaussian directions are drawn (`InitializationFamily.gaussian`, layer ratio
/// 1, seeds `seeds.0` and `seeds.1`): a_k^A, v_k^A and a_k^B, v_k^B. Neuron by neuron:
///   A: â_k = a_k^A,                     ŵ_k = τ |â_k| v_k^A / ‖v_k^A‖,
///   B: â_k = λ sign(a_k^B) |a_k^A|,     ŵ_k = τ |â_k| v_k^B / ‖v_k^B‖,
/// so C_k = â_k² − ‖ŵ_k‖² = â_k²(1 − τ²) and C^B = λ² C^A: equal Ĉ, at every τ. The signs of a_k
/// and the directions of w_k come from independent draws, and B is λ times larger: as points
/// (even modulo the sign and permutation symmetries and scale) and as p̂ the two directions
/// differ, by O(τ) in |p̂| (p_k = (â_k + ẑᵀŵ_k)/2) and by O(1) in the signs and the w-directions.
/// As τ → 0 the first layer becomes negligible, ‖ŵ_k‖ = o(|â_k|): the hypothesis of (C).
///
/// `matchesImbalance = false` breaks the hypothesis on purpose: B keeps its own |a_k^B| (times λ),
/// so Ĉ differs between the two sides at every τ.
public struct EqualImbalancePair: Sendable {
    public var seeds: (UInt64, UInt64)
    /// λ, the scale of B relative to A.
    public var scaleRatio: Double
    public var matchesImbalance: Bool

    public init(seeds: (UInt64, UInt64), scaleRatio: Double = 2, matchesImbalance: Bool = true) {
        self.seeds = seeds
        self.scaleRatio = scaleRatio
        self.matchesImbalance = matchesImbalance
    }

    var description: String {
        "Gaussian seeds \(seeds.0) and \(seeds.1), B scaled by λ = \(String(format: "%.4g", scaleRatio))"
            + (matchesImbalance ? "" : ", |a_k^B| not matched (unequal Ĉ)")
    }

    /// The two directions θ̂_A, θ̂_B at tilt τ, in double.
    public func directions(tilt tau: Double, network: TwoLayerNetwork) throws -> (first: [Double], second: [Double]) {
        func draw(_ seed: UInt64) throws -> [Double] {
            try Initialization(family: .gaussian(seed: seed, layerScaleRatio: "1"), scale: "1")
                .direction(for: network, precision: .double)
        }
        let a = try draw(seeds.0), b = try draw(seeds.1)
        let q = network.neuronBlockSize
        var first = a, second = b
        for k in 0..<network.width {
            let amplitude = matchesImbalance ? Swift.abs(a[k * q]) : Swift.abs(b[k * q])
            second[k * q] = scaleRatio * (b[k * q] < 0 ? -amplitude : amplitude)
            EqualImbalancePair.tilt(&first, neuron: k, blockSize: q, tau: tau)
            EqualImbalancePair.tilt(&second, neuron: k, blockSize: q, tau: tau)
        }
        return (first, second)
    }

    /// ŵ_k ← τ |â_k| ŵ_k / ‖ŵ_k‖ (the first layer of neuron k at relative size τ).
    static func tilt(_ theta: inout [Double], neuron k: Int, blockSize q: Int, tau: Double) {
        let w = (k * q + 1)..<(k * q + q)
        let norm = theta[w].map { $0 * $0 }.reduce(0, +).squareRoot()
        let factor = norm > 0 ? tau * Swift.abs(theta[k * q]) / norm : 0
        for j in w { theta[j] *= factor }
    }

    /// The directions as an explicit family (17 significant digits: exact in double).
    static func family(_ theta: [Double]) throws -> InitializationFamily {
        .explicit(direction: try theta.map(DecimalNumber.seventeenDigits))
    }
}

extension EqualImbalancePair {
    /// How different the two directions are at tilt τ, after normalizing each to unit norm:
    /// ‖θ̂_A − θ̂_B‖₂ as points, and dist_G modulo signs and permutations (`symmetricDistance`).
    public func separation(tilt tau: Double, network: TwoLayerNetwork) throws -> (points: Double, modulo: Double) {
        let (a, b) = try directions(tilt: tau, network: network)
        let unit = { (x: [Double]) -> [Double] in
            let n = x.map { $0 * $0 }.reduce(0, +).squareRoot()
            return x.map { $0 / n }
        }
        let u = unit(a), v = unit(b)
        let points = zip(u, v).map { ($0 - $1) * ($0 - $1) }.reduce(0, +).squareRoot()
        return (points, symmetricDistance(u, v, width: network.width))
    }
}
