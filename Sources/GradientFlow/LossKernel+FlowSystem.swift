import MultiPrecision
import TwoLayerNet

/// The two-layer network's training loss as a gradient flow: F = −∇L (`LossKernel.flowField`)
/// and ∂F/∂θ = −∇²L (`LossKernel.hessian`), proofs/THEORY.md §1.
extension LossKernel: FlowSystem {
    public typealias Value = S

    public var dimension: Int { network.parameterCount }

    /// The forward pass u = w̃ᵀx̃ and the backward sums Σ_i r_ik x̃_i: about 4·n·P multiply-adds.
    public var fieldOperations: Int { 4 * sampleCount * network.parameterCount }

    @inlinable
    public mutating func field(at theta: [S], into v: inout [S]) { flowField(at: theta, into: &v) }

    @inlinable
    public mutating func fieldJacobian(at theta: [S], into jacobian: inout [S]) {
        hessian(at: theta, into: &jacobian)
        for i in jacobian.indices { jacobian[i].neg(jacobian[i]) }
    }
}
