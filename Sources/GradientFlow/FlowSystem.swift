import MultiPrecision

/// An autonomous gradient flow θ' = F(θ) = −∇L(θ) at one working precision: what the
/// integrators need from a model (proofs/THEORY.md §1: `a_k' = −(1/n) Σ_i e_i σ(u_ik)`,
/// `w_k' = −(a_k/n) Σ_i e_i σ'(u_ik) x_i`).
///
/// Implementations write into caller-owned registers (created with `init(_:precision:)`) with
/// the in-place API and allocate nothing per call.
public protocol FlowSystem<Value> {
    associatedtype Value: Scalar
    /// The number of parameters P.
    var dimension: Int { get }
    /// The working precision of every register the system reads and writes.
    var precision: Precision { get }
    /// v ← F(θ) = −∇L(θ).
    mutating func field(at theta: [Value], into v: inout [Value])
    /// J ← ∂F/∂θ = −∇²L(θ), row-major P × P (the stiff integrator's Newton matrix).
    mutating func fieldJacobian(at theta: [Value], into jacobian: inout [Value])
    /// l ← L(θ).
    mutating func loss(at theta: [Value], into l: inout Value)
    /// A system with the same field and a workspace of its own, for another thread: its
    /// evaluations give the same bits as this one's (`FlowOptions.workers`).
    func replica() -> Self
    /// About how many multiply-adds a field evaluation costs (the stiffness policy's cost
    /// model; default P).
    var fieldOperations: Int { get }
    /// Restores in `next` the exact symmetries of the flow that `current` has: the exact flow
    /// keeps every symmetry of θ (uniqueness of solutions), but a step's rounding need not (a
    /// linear solve with pivoting is not permutation-equivariant). Default: nothing.
    func keepSymmetries(of current: [Value], in next: inout [Value])
    /// The same flow in Double (its data rounded to Double), for what only needs the field's
    /// derivatives roughly: the Jacobians of the collocation's Newton correction
    /// (`ExponentialCollocationStepper.formNewton`). Default: nil (they are then formed at the
    /// working precision and rounded).
    func roundedToDouble() -> (any FlowSystem<Double>)?
}

extension FlowSystem {
    public var fieldOperations: Int { dimension }
    public func keepSymmetries(of current: [Value], in next: inout [Value]) {}
    public func roundedToDouble() -> (any FlowSystem<Double>)? { nil }

    /// P new zero registers at the system's precision.
    public func makeVector() -> [Value] { (0..<dimension).map { _ in Value(0, precision: precision) } }
}
