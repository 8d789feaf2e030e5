import Foundation
import MultiPrecision
import TwoLayerNet

/// Claim 6 (L) (proofs/claim-06.md, step 1): two different initial directions with the same p̂
/// and different Ĉ. Step 1 says the ε → 0 limit depends on θ̂₀ only through π = p(θ̂₀): the
/// component w_k^⊥ of the first layer orthogonal to ẑ stays ε-small and disappears in the limit.
///
/// A Gaussian direction θ̂_A (seed `seeds.0`, layer ratio 1) and θ̂_B with the same a_k and
/// ẑᵀw_k but w_k^⊥ replaced by the ⊥-part of an independent Gaussian draw (seed `seeds.1`):
/// p_k = (a_k + ẑᵀw_k)/2 is unchanged, C_k = a_k² − ‖w_k‖² is not.
///
/// `matchesGrowth = false` breaks the hypothesis on purpose: B's whole w_k is the independent
/// draw, so p̂ differs as well.
public struct EqualGrowthPair: Sendable {
    public var seeds: (UInt64, UInt64)
    public var matchesGrowth: Bool

    public init(seeds: (UInt64, UInt64), matchesGrowth: Bool = true) {
        self.seeds = seeds
        self.matchesGrowth = matchesGrowth
    }

    var description: String {
        "Gaussian seed \(seeds.0), w_k^⊥ from seed \(seeds.1)" + (matchesGrowth ? "" : " (whole w_k replaced: p̂ differs)")
    }

    /// The two directions, for the linear-phase direction ẑ of the problem's data.
    public func directions(zHat: [Double], network: TwoLayerNetwork) throws -> (first: [Double], second: [Double]) {
        func draw(_ seed: UInt64) throws -> [Double] {
            try Initialization(family: .gaussian(seed: seed, layerScaleRatio: "1"), scale: "1")
                .direction(for: network, precision: .double)
        }
        let a = try draw(seeds.0), other = try draw(seeds.1)
        let q = network.neuronBlockSize
        var second = a
        for k in 0..<network.width {
            let w = Array(a[(k * q + 1)..<(k * q + q)]), v = Array(other[(k * q + 1)..<(k * q + q)])
            let along = zip(zHat, w).map(*).reduce(0, +), vAlong = zip(zHat, v).map(*).reduce(0, +)
            for j in 0..<(q - 1) {
                second[k * q + 1 + j] = matchesGrowth ? along * zHat[j] + (v[j] - vAlong * zHat[j]) : v[j]
            }
        }
        return (a, second)
    }
}

extension SmallInitializationLimit {
    /// ẑ of the problem's data (the linear-phase direction, in double).
    func linearDirection() throws -> [Double] {
        let problem: Problem<Double> = try spec([Double](repeating: 1, count: network.parameterCount), scale: "1").instantiate(precision: .double)
        guard let zHat = LinearPhaseDirection(network: problem.network, data: problem.data, precision: .double).unitDirection else {
            throw VerificationError.runIncomplete("claim 6: s = 0")
        }
        return zHat
    }
}
