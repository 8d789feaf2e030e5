import MultiPrecision

/// The activation σ of the two-layer network `f(x; θ) = Σ_k a_k σ(w_kᵀx + b_k)`
/// (proofs/THEORY.md §1).
///
/// - `tanh`: the default; analytic, odd, σ(0) = 0, σ'(0) = 1 (claims 2–6, 8–11).
/// - `linear`: σ(u) = u; 1-homogeneous (claims 1, 12).
/// - `relu`: σ(u) = max(u, 0); 1-homogeneous (claim 1).
/// - `leakyRelu(slope:)`: σ(u) = u for u > 0, `slope · u` otherwise; 1-homogeneous (claim 1).
///   The slope is an exact rational, rounded once to the working precision.
/// - `expression(_:)`: an activation defined by an expression; the symbolic layer supplies the
///   evaluator (see `ExpressionActivation`).
///
/// **Derivative convention at the kink (relu, leaky relu).** At u = 0 the kernels use the
/// *left* derivative: relu'(0) = 0, leakyRelu'(0) = slope, and σ'' = 0 everywhere (the Dirac
/// mass of the distributional second derivative is dropped). This is PyTorch's convention for
/// relu. The identity σ(u) = u σ'(u) of claim 1 holds at every u, the kink included, whatever
/// value is chosen for σ'(0). Note that the linear-phase direction `z` uses σ'(0), so it is 0
/// for relu under this convention (relu has no linear phase around θ = 0).
public enum Activation: Sendable, CustomStringConvertible {
    case tanh
    case linear
    case relu
    case leakyRelu(slope: Rational)
    case expression(any ExpressionActivation)

    /// The name used in problem files: "tanh", "linear", "relu", "leaky_relu", or the
    /// expression's text.
    public var name: String {
        switch self {
        case .tanh: return "tanh"
        case .linear: return "linear"
        case .relu: return "relu"
        case .leakyRelu: return "leaky_relu"
        case .expression(let e): return e.name
        }
    }

    public var description: String {
        switch self {
        case .leakyRelu(let slope): return "leaky_relu(slope: \(slope))"
        default: return name
        }
    }

    /// True if σ(u) = u σ'(u) for all u (positively 1-homogeneous): then the imbalance vector
    /// C(θ) is conserved exactly by the flow (claim 1).
    public var isPositivelyHomogeneous: Bool {
        switch self {
        case .tanh: return false
        case .linear, .relu, .leakyRelu: return true
        case .expression(let e): return e.isPositivelyHomogeneous
        }
    }

    /// True if σ(−u) = −σ(u): then (a_k, w_k) → (−a_k, −w_k) is a symmetry of every neuron
    /// (claim 6) and the target set contains neurons aligned with −w* (claim 11).
    public var isOdd: Bool {
        switch self {
        case .tanh, .linear: return true
        case .relu: return false
        case .leakyRelu(let slope): return slope == Rational(1)
        case .expression(let e): return e.isOdd
        }
    }

    /// σ'(0) as an exact rational, where known (the kink convention above for relu and leaky
    /// relu); nil for expression-defined activations, whose evaluator is asked instead.
    public var slopeAtZero: Rational? {
        switch self {
        case .tanh, .linear: return Rational(1)
        case .relu: return Rational(0)
        case .leakyRelu(let slope): return slope
        case .expression: return nil
        }
    }
}

/// The hook for expression-defined activations (proofs/THEORY.md §1: "others an expression can
/// define"). The symbolic layer implements it; the numeric layer only evaluates.
public protocol ExpressionActivation: Sendable {
    /// The expression text (as written in problem files).
    var name: String { get }
    /// True if σ(u) = u σ'(u) for all u (claim 1 then predicts exact conservation of C).
    var isPositivelyHomogeneous: Bool { get }
    /// True if σ is odd.
    var isOdd: Bool { get }
    /// An evaluator at `precision`, owning whatever scratch registers it needs, created once per
    /// kernel so that evaluation allocates nothing.
    func makeEvaluator<S: Scalar>(precision: Precision) -> any ActivationEvaluator<S>
}

/// Evaluates σ, σ', σ'' in place (allocation-free), for an expression-defined activation.
public protocol ActivationEvaluator<Value> {
    associatedtype Value: Scalar
    /// Writes σ(u) into `value`, and σ'(u) into `first` if `order ≥ 1`, σ''(u) into `second` if
    /// `order ≥ 2`. The three outputs are registers owned by the caller: write into them with
    /// the in-place API, never assign a new value to them. `u` does not alias the outputs.
    mutating func evaluate(_ u: Value, order: Int, value: inout Value, first: inout Value, second: inout Value)
}
