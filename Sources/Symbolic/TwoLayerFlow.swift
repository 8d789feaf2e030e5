import MultiPrecision

/// The two-layer model of proofs/THEORY.md §1 as exact expressions, derived rather than typed:
///
/// - network `f(x_i; θ) = Σ_{k=1..m} a_k σ(u_ik)`, preactivation `u_ik = w_kᵀx_i`;
/// - residual `e_i = f(x_i; θ) − y_i`, loss `L = (1/2n) Σ_i e_i²`;
/// - gradient-flow field `θ' = −∇L(θ)` (by symbolic differentiation; it reproduces
///   `a_k' = −(1/n) Σ_i e_i σ(u_ik)`, `w_k' = −(a_k/n) Σ_i e_i σ'(u_ik) x_i`);
/// - its Jacobian `∂θ'/∂θ = −∇²L` (minus the loss Hessian).
///
/// Parameters are the variables `a_k` and `w_k_j` (k = 1…m, j = 1…d), ordered neuron by
/// neuron: θ = (a_1, w_1_1, …, w_1_d, a_2, w_2_1, …), P = m(d+1). Data are symbolic
/// (variables `x_i_j`, `y_i`) or given as exact expressions (rationals, or a teacher
/// `y_i = a* σ(w*ᵀx_i)`).
public struct TwoLayerFlow: Sendable {
    /// How the data enter the expressions.
    public enum Data: Sendable {
        /// Variables `x_i_j` and `y_i`.
        case symbolic
        /// Exact inputs (n rows of d entries) and targets (n entries).
        case given(inputs: [[Expr]], targets: [Expr])
        /// Exact inputs, targets from the single-neuron teacher `y_i = a* σ(w*ᵀx_i)`.
        case teacher(inputs: [[Expr]], outputWeight: Expr, inputWeights: [Expr])
    }

    public let activation: SymbolicActivation
    /// m, d, n.
    public let width: Int, inputDimension: Int, sampleCount: Int
    /// θ's variable names, neuron by neuron (see the type's documentation).
    public let parameters: [String]
    /// x_i (n × d) and y_i.
    public let inputs: [[Expr]], targets: [Expr]
    /// u_ik = w_kᵀx_i (n × m).
    public let preactivations: [[Expr]]
    /// e_i = Σ_k a_k σ(u_ik) − y_i.
    public let residuals: [Expr]
    /// L = (1/2n) Σ_i e_i².
    public let loss: Expr

    /// The name of a_k.
    public static func outputWeightName(_ k: Int) -> String { "a_\(k)" }
    /// The name of w_kj.
    public static func inputWeightName(_ k: Int, _ j: Int) -> String { "w_\(k)_\(j)" }

    /// The model for `activation` with m = `width`, d = `inputDimension`, n = `sampleCount`.
    /// - Throws: `SymbolicError.invalidArgument` for non-positive sizes or data of the wrong shape.
    ///
    /// With `bias`, each neuron gets a bias as proofs/THEORY.md §1 suggests, `σ(w_kᵀx + b_k)`, treated
    /// as an extra input coordinate equal to 1: the model then has dimension d + 1, and the
    /// bias of neuron k is the parameter `w_k_{d+1}` (`inputDimension` reports d + 1).
    public init(activation: SymbolicActivation, width m: Int, inputDimension d: Int, sampleCount n: Int,
                data: Data = .symbolic, bias: Bool = false) throws(SymbolicError) {
        if bias {
            let withOne: ([[Expr]]) -> [[Expr]] = { rows in rows.map { $0 + [Expr.one] } }
            let extended: Data
            switch data {
            case .symbolic:
                extended = .given(inputs: (1...max(n, 1)).map { i in (1...max(d, 1)).map { j in .variable("x_\(i)_\(j)") } + [.one] },
                                  targets: (1...max(n, 1)).map { .variable("y_\($0)") })
            case .given(let xs, let ys): extended = .given(inputs: withOne(xs), targets: ys)
            case .teacher(let xs, let a, let w): extended = .teacher(inputs: withOne(xs), outputWeight: a, inputWeights: w + [.zero])
            }
            guard m >= 1, d >= 1, n >= 1 else {
                throw .invalidArgument("m, d, n must be at least 1 (got m = \(m), d = \(d), n = \(n))")
            }
            try self.init(core: activation, m, d + 1, n, extended)
        } else {
            try self.init(core: activation, m, d, n, data)
        }
    }

    private init(core activation: SymbolicActivation, _ m: Int, _ d: Int, _ n: Int, _ data: Data) throws(SymbolicError) {
        guard m >= 1, d >= 1, n >= 1 else {
            throw .invalidArgument("m, d, n must be at least 1 (got m = \(m), d = \(d), n = \(n))")
        }
        guard m * (d + 1) <= 10_000, n * d <= 100_000 else { throw .invalidArgument("model too large for symbolic derivation") }
        self.activation = activation
        width = m; inputDimension = d; sampleCount = n
        var params: [String] = []
        for k in 1...m {
            params.append(Self.outputWeightName(k))
            for j in 1...d { params.append(Self.inputWeightName(k, j)) }
        }
        parameters = params

        let xs: [[Expr]], ys: [Expr]
        switch data {
        case .symbolic:
            xs = (1...n).map { i in (1...d).map { j in .variable("x_\(i)_\(j)") } }
            ys = (1...n).map { .variable("y_\($0)") }
        case .given(let inputs, let targets):
            guard inputs.count == n, inputs.allSatisfy({ $0.count == d }), targets.count == n else {
                throw .invalidArgument("data must be \(n) inputs of dimension \(d) and \(n) targets")
            }
            xs = inputs; ys = targets
        case .teacher(let inputs, let aStar, let wStar):
            guard inputs.count == n, inputs.allSatisfy({ $0.count == d }), wStar.count == d else {
                throw .invalidArgument("data must be \(n) inputs of dimension \(d) and a teacher w* of dimension \(d)")
            }
            xs = inputs
            ys = inputs.map { x in aStar * activation(.sum(zip(wStar, x).map { $0 * $1 })) }
        }
        inputs = xs; targets = ys

        let a = (1...m).map { Expr.variable(Self.outputWeightName($0)) }
        let w = (1...m).map { k in (1...d).map { j in Expr.variable(Self.inputWeightName(k, j)) } }
        let u = xs.map { x in (0..<m).map { k in Expr.sum((0..<d).map { j in w[k][j] * x[j] }) } }
        preactivations = u
        let e = (0..<n).map { i in Expr.sum((0..<m).map { k in a[k] * activation(u[i][k]) }) - ys[i] }
        residuals = e
        loss = .constant(Rational(numerator: 1, denominator: 2 * n)) * .sum(e.map { .pow($0, 2) })
    }

    /// The gradient-flow field θ' = −∇L(θ), in the order of `parameters`.
    public func field() -> [Expr] { loss.gradient(parameters).map { -$0 } }

    /// The imbalance C_k = a_k² − ‖w_k‖² of neuron k (1-based), proofs/THEORY.md §2.
    public func imbalance(_ k: Int) -> Expr {
        var c = Expr.pow(.variable(Self.outputWeightName(k)), 2)
        for j in 1...inputDimension { c -= .pow(.variable(Self.inputWeightName(k, j)), 2) }
        return c
    }

    /// dC_k/dt along the flow, derived as ∇C_k · θ' (claim 1 states it equals
    /// −(2a_k/n) Σ_i e_i [σ(u_ik) − u_ik σ'(u_ik)], identically 0 for 1-homogeneous σ).
    public func imbalanceRate(_ k: Int, field: [Expr]? = nil) -> Expr {
        let f = field ?? self.field()
        let c = imbalance(k)
        return .sum(parameters.indices.map { c.derivative(parameters[$0]) * f[$0] })
    }

    /// The Jacobian of the field, J_pq = ∂θ'_p/∂θ_q = −∂²L/∂θ_p∂θ_q (symmetric).
    public func jacobian() -> [[Expr]] { jacobian(of: field()) }

    /// The Jacobian of an already derived `field`.
    public func jacobian(of field: [Expr]) -> [[Expr]] {
        let P = parameters.count
        var J = Array(repeating: Array(repeating: Expr.zero, count: P), count: P)
        for p in 0..<P {
            for q in p..<P {
                J[p][q] = field[p].derivative(parameters[q])
                J[q][p] = J[p][q]
            }
        }
        return J
    }

    /// Every variable other than the parameters (the data variables of `.symbolic`, sorted).
    public var dataVariables: [String] {
        var names = Set<String>()
        for x in inputs { for v in x { names.formUnion(v.freeVariables) } }
        for y in targets { names.formUnion(y.freeVariables) }
        return names.sorted { Expr.naturalCompare($0, $1) < 0 }
    }

    /// `expression` with each residual replaced by the variable `e_i` and each preactivation
    /// by `u_i_k`: the flow written in the notation of proofs/THEORY.md §1. With `residuals: false`
    /// only the preactivations are abbreviated (to print the definition of e_i).
    public func abbreviated(_ expression: Expr, residuals abbreviateResiduals: Bool = true) -> Expr {
        var map: [Expr: Expr] = [:]
        for i in 0..<sampleCount {
            if abbreviateResiduals, residuals[i].freeVariables.count > 1 || residuals[i].size > 1 {
                map[residuals[i]] = .variable("e_\(i + 1)")
            }
            for k in 0..<width {
                let u = preactivations[i][k]
                switch u.kind {
                case .variable, .constant: continue
                default: map[u] = .variable("u_\(i + 1)_\(k + 1)")
                }
            }
        }
        return expression.replacing(map)
    }
}
