import MultiPrecision

/// The linear-phase direction of proofs/THEORY.md §2 (claims 3–5):
/// `z = (σ'(0)/n) Σ_i y_i x̃_i ∈ R^D`, rate `s = ‖z‖₂`, unit `ẑ = z/s`.
/// Near θ = 0 (σ(0) = 0) the flow is `a_k' = zᵀw̃_k`, `w̃_k' = a_k z`.
/// With bias, x̃_i = (x_i, 1), so z's last entry is (σ'(0)/n) Σ_i y_i.
public struct LinearPhaseDirection<S: Scalar> {
    /// z.
    public let z: [S]
    /// s = ‖z‖₂.
    public let rate: S
    /// ẑ = z/s (nil when s = 0, e.g. relu under the kink convention σ'(0) = 0).
    public let unitDirection: [S]?

    /// z, s, ẑ for `network` and `data` at `precision`.
    public init(network: TwoLayerNetwork, data: Dataset<S>, precision p: Precision) {
        var kernel = ActivationKernel<S>(network.activation, precision: p)
        let slope = kernel.slopeAtZero()
        let n = data.sampleCount, d = data.inputDimension, D = network.extendedInputDimension
        var z: [S] = TwoLayerNetwork.registers(D, precision: p)
        for j in 0..<D {
            for i in 0..<n {
                if j < d { z[j].fma(data.labels[i], data.inputs[i * d + j], z[j]) } else { z[j].add(z[j], data.labels[i]) }
            }
            z[j].mul(z[j], slope)
            z[j].div(z[j], n)
        }
        self.z = z
        rate = euclideanNorm(z, precision: p)
        unitDirection = normalized(z)
    }
}
