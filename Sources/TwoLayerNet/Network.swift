import MultiPrecision

/// The student network `f(x; θ) = Σ_{k=1..m} a_k σ(w_kᵀx + b_k)`, `x ∈ R^d` (proofs/THEORY.md §1),
/// described independently of any precision.
///
/// **Parameter order.** θ is a flat array of `parameterCount = m (1 + D)` scalars, neuron by
/// neuron; neuron k (0-based) occupies the block `θ[k·(1+D) ..< (k+1)·(1+D)]`:
///
///     θ = ( a_1, w_11, …, w_1d, [b_1],  a_2, w_21, …, w_2d, [b_2],  …,  a_m, w_m1, …, w_md, [b_m] )
///
/// with `D = d` without bias and `D = d + 1` with bias. Following proofs/THEORY.md §1 the bias is
/// treated as an extra input coordinate equal to 1: `w̃_k = (w_k, b_k)`, `x̃ = (x, 1)`,
/// `u_k = w̃_kᵀx̃`. Every formula of the package (gradient, Hessian, the imbalance
/// `C_k = a_k² − ‖w̃_k‖²`, `z`, `p_k`) is written in these extended coordinates.
public struct TwoLayerNetwork: Sendable, CustomStringConvertible {
    /// The width m (number of hidden neurons).
    public let width: Int
    /// The input dimension d.
    public let inputDimension: Int
    /// Whether each neuron has a bias b_k.
    public let hasBias: Bool
    /// The activation σ.
    public let activation: Activation

    public init(width: Int, inputDimension: Int, hasBias: Bool = false, activation: Activation = .tanh) {
        precondition(width >= 1 && inputDimension >= 1, "width and input dimension must be positive")
        self.width = width
        self.inputDimension = inputDimension
        self.hasBias = hasBias
        self.activation = activation
    }

    /// The largest width, input dimension, sample count, parameter count P and data size n·d
    /// a problem may have (2^31 − 1): far beyond what fits in memory at any precision, and small
    /// enough that products of two such counts cannot overflow `Int`. The memory a run needs is
    /// checked separately, against the machine (`RunMemoryEstimate`).
    public static let maximumCount = Int(Int32.max)

    /// a·b if it is at most `maximumCount` (nil when larger, never an overflow trap).
    public static func checkedProduct(_ a: Int, _ b: Int) -> Int? {
        let (p, overflow) = a.multipliedReportingOverflow(by: b)
        return overflow || p > maximumCount || p < 0 ? nil : p
    }

    /// P = m(1 + D) for these sizes if it is at most `maximumCount` (nil otherwise).
    public static func checkedParameterCount(width m: Int, inputDimension d: Int, hasBias: Bool) -> Int? {
        guard m >= 1, d >= 1, d < maximumCount - 2 else { return nil }
        return checkedProduct(m, 1 + d + (hasBias ? 1 : 0))
    }

    /// D = d (+1 with bias): the length of the extended first-layer vector w̃_k.
    @inlinable public var extendedInputDimension: Int { inputDimension + (hasBias ? 1 : 0) }
    /// 1 + D: the length of one neuron's block of θ.
    @inlinable public var neuronBlockSize: Int { 1 + extendedInputDimension }
    /// P = m(1 + D): the number of parameters.
    @inlinable public var parameterCount: Int { width * neuronBlockSize }

    /// Index of a_k in θ (k is 0-based).
    @inlinable public func outputWeightIndex(neuron k: Int) -> Int { k * neuronBlockSize }
    /// Index of w_kj in θ (k, j 0-based; j = d is the bias b_k when `hasBias`).
    @inlinable public func inputWeightIndex(neuron k: Int, coordinate j: Int) -> Int { k * neuronBlockSize + 1 + j }
    /// Index of b_k in θ (only with bias).
    public func biasIndex(neuron k: Int) -> Int {
        precondition(hasBias, "network has no bias")
        return k * neuronBlockSize + 1 + inputDimension
    }

    /// The optimistic sample size of claim 7: `d + 1` without bias, `d + 2` with bias.
    public var optimisticSampleSize: Int { inputDimension + (hasBias ? 2 : 1) }

    public var description: String {
        "two-layer network m=\(width) d=\(inputDimension)\(hasBias ? " with bias" : "") σ=\(activation)"
    }

    /// A vector of `count` new registers set to 0 at `precision` (allocates; set-up only).
    public static func registers<S: Scalar>(_ count: Int, precision: Precision, as type: S.Type = S.self) -> [S] {
        (0..<count).map { _ in S(0, precision: precision) }
    }
}

/// The single-neuron target `f*(x) = a* σ(w*ᵀx)` (proofs/THEORY.md §1; defaults a* = 1, w* = e_1),
/// at a working precision. The target has no bias.
public struct Target<S: Scalar> {
    /// a*.
    public var outputWeight: S
    /// w* ∈ R^d.
    public var inputWeights: [S]

    public init(outputWeight: S, inputWeights: [S]) {
        self.outputWeight = outputWeight
        self.inputWeights = inputWeights
    }

    /// The default target a* = 1, w* = e_1 in dimension d.
    public static func standard(inputDimension d: Int, precision: Precision) -> Target<S> {
        Target(outputWeight: S(1, precision: precision),
               inputWeights: (0..<d).map { S($0 == 0 ? 1 : 0, precision: precision) })
    }

    public var inputDimension: Int { inputWeights.count }
}
