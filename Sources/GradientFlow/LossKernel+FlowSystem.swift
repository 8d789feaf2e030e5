import MultiPrecision
import TwoLayerNet

/// The two-layer network's training loss as a gradient flow: F = −∇L (`LossKernel.flowField`)
/// and ∂F/∂θ = −∇²L (`LossKernel.hessian`), proofs/THEORY.md §1.
extension LossKernel: FlowSystem {
    public typealias Value = S

    public var dimension: Int { network.parameterCount }

    /// The forward pass u = w̃ᵀx̃ and the backward sums Σ_i r_ik x̃_i: about 4·n·P multiply-adds.
    public var fieldOperations: Int { 4 * sampleCount * network.parameterCount }

    public func replica() -> LossKernel { LossKernel(replicating: self) }

    public func roundedToDouble() -> (any FlowSystem<Double>)? { roundedKernel() }

    @inlinable
    public mutating func field(at theta: [S], into v: inout [S]) { flowField(at: theta, into: &v) }

    @inlinable
    public mutating func fieldJacobian(at theta: [S], into jacobian: inout [S]) {
        hessian(at: theta, into: &jacobian)
        for i in jacobian.indices { jacobian[i].neg(jacobian[i]) }
    }

    /// Neurons with equal blocks (a_k, w̃_k) at `current` stay equal: F is equivariant under
    /// permuting neurons, so the exact flow keeps them equal for all time (claims 7 and 8 start
    /// from such neurons); each later neuron of a group takes the first's block of `next`.
    /// Candidates are the runs of equal a_k after sorting, so a generic θ costs m log m
    /// comparisons.
    public func keepSymmetries(of current: [S], in next: inout [S]) {
        let block = network.neuronBlockSize, m = network.width
        guard m > 1 else { return }
        func equal(_ k: Int, _ l: Int) -> Bool { (0..<block).allSatisfy { current[k * block + $0] == current[l * block + $0] } }
        let order = (0..<m).sorted { current[$0 * block] < current[$1 * block] }
        var start = 0
        while start < m {
            var end = start + 1
            while end < m, current[order[end] * block] == current[order[start] * block] { end += 1 }
            let run = order[start..<end].sorted()
            for (i, k) in run.enumerated() {
                guard let first = run[..<i].first(where: { equal($0, k) }) else { continue }
                for j in 0..<block { next[k * block + j].set(next[first * block + j]) }
            }
            start = end
        }
    }
}
