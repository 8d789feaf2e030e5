import MultiPrecision
import TwoLayerNet

/// The linear phase of claims 3–5 for one problem, at the problem's precision: the rate
/// s = ‖z‖, the direction ẑ, the growth amplitudes p_k of θ(0), and the closed-form solution
/// (claim 3) with the escape time it predicts (claim 4).
struct LinearPhasePrediction<S: Scalar> {
    let network: TwoLayerNetwork
    let precision: Precision
    /// s = ‖z‖, z = (σ'(0)/n) Σ y_i x_i (proofs/THEORY.md §2).
    let rate: S
    let direction: [S]
    /// p_k = (a_k(0) + ẑᵀw_k(0))/2 of the scaled start θ(0) = εθ̂₀.
    let amplitudes: [S]

    init(network: TwoLayerNetwork, data: Dataset<S>, start: [S]) throws {
        let p = start[0].precision
        let phase = LinearPhaseDirection(network: network, data: data, precision: p)
        guard let zHat = phase.unitDirection else {
            throw VerificationError.runIncomplete("no linear phase: z = 0 (σ'(0) = 0 or Σ y_i x_i = 0)")
        }
        self.network = network
        precision = p
        rate = phase.rate
        direction = zHat
        amplitudes = network.growthAmplitudes(of: start, direction: zHat)
    }

    /// θ_lin(t) (claim 3): a_k = A cosh st + B sinh st, ẑᵀw_k = A sinh st + B cosh st, the
    /// part of w_k orthogonal to ẑ constant; A = a_k(0), B = ẑᵀw_k(0).
    func state(at t: S, from start: [S]) -> [S] {
        let q = network.neuronBlockSize, D = network.extendedInputDimension
        let st = rate * t
        let c = S.cosh(st), sh = S.sinh(st)
        var theta = start.map { S($0, precision: precision) }
        for k in 0..<network.width {
            let a = start[k * q]
            var b = S(0, precision: precision)
            for j in 0..<D { b = b + direction[j] * start[k * q + 1 + j] }
            let aT = a * c + b * sh, bT = a * sh + b * c
            theta[k * q] = aT
            for j in 0..<D { theta[k * q + 1 + j] = start[k * q + 1 + j] + (bT - b) * direction[j] }
        }
        return theta
    }

    /// The escape time of claim 4 without its remainders: (1/s)[ln(1/ε) + ln(δ/(√2‖p(θ̂₀)‖))]
    /// = (1/s) ln(δ/(√2‖p(θ(0))‖)), since p is linear in θ(0) = εθ̂₀.
    func escapeTime(radius delta: S) -> S {
        let two = S(2, precision: precision)
        return S.log(delta / (S.sqrt(two) * euclideanNorm(amplitudes, precision: precision))) / rate
    }
}
