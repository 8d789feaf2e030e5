import MultiPrecision

/// The initialization θ(0) = ε θ̂₀ (proofs/THEORY.md §1, "small initialization"): a family giving the
/// unscaled direction θ̂₀ and the scale ε, an exact decimal applied at the working precision
/// (ε = 1e-3000 is legal at any MPFR precision; in `Double` it is reported as underflow).
///
/// Random draws use `PortableGaussian(seed:)` (standard normal deviates in double, identical on
/// every platform), consumed in θ order (`TwoLayerNetwork`: neuron by neuron, a_k first, then
/// w̃_k), and are embedded exactly at the working precision. Decimal parameters (κ, δ, Ĉ, τ) are
/// `DecimalNumber`s, parsed once where they are read and rounded to the working precision
/// (`ProblemError.instantiate`); any further arithmetic (products, square roots) is done at that precision.
public enum InitializationFamily: Sendable {
    /// a_k = κ g, w̃_kj = g (independent standard normals g): the layer-scale ratio
    /// κ = std(a)/std(w_kj) (decimal, "1" for the plain Gaussian initialization).
    case gaussian(seed: UInt64, layerScaleRatio: DecimalNumber)
    /// First layer zero (claim 6's conditional statement): a_k = g, w̃_k = 0. Draws one normal
    /// per neuron.
    case firstLayerZero(seed: UInt64)
    /// A prescribed normalized imbalance Ĉ ∈ R^m (decimals, normalized here to unit
    /// 2-norm), with tilt τ ≥ 0 (decimal): neuron k gets a_k = ±α_k, w̃_k = r_k v_k with v_k a
    /// unit Gaussian direction and
    ///   Ĉ_k ≥ 0: α_k² = Ĉ_k (1 + τ), r_k² = Ĉ_k τ;   Ĉ_k < 0: α_k² = |Ĉ_k| τ, r_k² = |Ĉ_k| (1 + τ),
    /// so that C(θ̂₀) = Ĉ (up to rounding) and |ρ_k| = 1/(1 + 2τ). τ = 0 and Ĉ ≥ 0 give the
    /// first-layer-zero case; changing the seed or τ changes p̂ at equal Ĉ (claim 6's
    /// counterexample pairs). Draws per neuron: one normal for the sign of a_k, then D for v_k.
    case prescribedImbalance(normalizedImbalance: [DecimalNumber], seed: UInt64, tilt: DecimalNumber)
    /// Identical neurons plus a perturbation (claim 8): one base neuron (a, w̃) drawn Gaussian,
    /// then θ̂_k = (a, w̃) + δ g_k with g_k ∈ R^{1+D} standard normal (drawn after the base).
    /// δ = "0" gives exactly identical neurons (the invariant manifold reducing to m = 1).
    case identicalNeurons(seed: UInt64, perturbation: DecimalNumber)
    /// θ̂₀ given in full (P decimals in θ order).
    case explicit(direction: [DecimalNumber])

    /// The problem-file name of the family.
    public var name: String {
        switch self {
        case .gaussian: return "gaussian"
        case .firstLayerZero: return "first_layer_zero"
        case .prescribedImbalance: return "prescribed_imbalance"
        case .identicalNeurons: return "identical_neurons"
        case .explicit: return "explicit"
        }
    }
}

/// A named initialization family and the scale ε.
public struct Initialization: Sendable {
    public var family: InitializationFamily
    /// ε, a positive decimal (`text` as written).
    public var scale: DecimalNumber

    public init(family: InitializationFamily, scale: DecimalNumber) {
        self.family = family
        self.scale = scale
    }

    /// The unscaled direction θ̂₀ at `precision`.
    /// - Throws: `ProblemError` naming the field under `fieldPath` (underflow or overflow at
    ///   this precision, wrong length, a bad Ĉ or τ).
    public func direction<S: Scalar>(for network: TwoLayerNetwork, precision p: Precision,
                                     as: S.Type = S.self,
                                     fieldPath: String = "initialization") throws(ProblemError) -> [S] {
        let m = network.width, D = network.extendedInputDimension, P = network.parameterCount
        var theta: [S] = TwoLayerNetwork.registers(P, precision: p)
        switch family {
        case .gaussian(let seed, let ratio):
            let kappa: S = try ProblemError.instantiate(ratio, precision: p, field: "\(fieldPath).gaussian.layerScaleRatio")
            var g = PortableGaussian(seed: seed)
            for k in 0..<m {
                theta[k * (1 + D)].mul(S(g.next(), precision: p), kappa)
                for j in 0..<D { theta[k * (1 + D) + 1 + j].set(S(g.next(), precision: p)) }
            }
        case .firstLayerZero(let seed):
            var g = PortableGaussian(seed: seed)
            for k in 0..<m { theta[k * (1 + D)].set(S(g.next(), precision: p)) }
        case .prescribedImbalance(let c, let seed, let tilt):
            try Self.prescribedImbalance(c, seed: seed, tilt: tilt, network: network, precision: p, into: &theta,
                                         field: "\(fieldPath).prescribed_imbalance")
        case .identicalNeurons(let seed, let perturbation):
            let delta: S = try ProblemError.instantiate(perturbation, precision: p,
                                                        field: "\(fieldPath).identical_neurons.perturbation")
            var g = PortableGaussian(seed: seed)
            let base: [S] = (0...D).map { _ in S(g.next(), precision: p) }
            for k in 0..<m {
                for j in 0...D {
                    theta[k * (1 + D) + j].fma(S(g.next(), precision: p), delta, base[j])
                }
            }
        case .explicit(let direction):
            guard direction.count == P else {
                throw .dimensionMismatch(field: "\(fieldPath).explicit.direction", expected: P, found: direction.count)
            }
            for (j, x) in direction.enumerated() {
                theta[j].set(try ProblemError.instantiate(x, precision: p, field: "\(fieldPath).explicit.direction[\(j)]") as S)
            }
        }
        return theta
    }

    /// θ̂₀ of the prescribed-imbalance family (see `InitializationFamily.prescribedImbalance`),
    /// written into `theta`; `field` is the family's path.
    static func prescribedImbalance<S: Scalar>(_ cHat: [DecimalNumber], seed: UInt64, tilt: DecimalNumber,
                                               network: TwoLayerNetwork, precision p: Precision, into theta: inout [S],
                                               field: String) throws(ProblemError) {
        let m = network.width, D = network.extendedInputDimension
        guard cHat.count == m else {
            throw .dimensionMismatch(field: "\(field).normalizedImbalance", expected: m, found: cHat.count)
        }
        var c: [S] = []
        for (k, x) in cHat.enumerated() {
            c.append(try ProblemError.instantiate(x, precision: p, field: "\(field).normalizedImbalance[\(k)]"))
        }
        let tau: S = try ProblemError.instantiate(tilt, precision: p, field: "\(field).tilt")
        let zero = S(0, precision: p)
        if tau < zero { throw .invalidValue(field: "\(field).tilt", text: tilt.text, reason: "must be ≥ 0") }
        var norm = S(0, precision: p)
        for ck in c { norm.fma(ck, ck, norm) }
        norm.sqrt(norm)
        if norm.isZero {
            throw .invalidValue(field: "\(field).normalizedImbalance", text: cHat.map(\.text).joined(separator: ","),
                                reason: "must not be the zero vector")
        }
        var onePlusTau = S(1, precision: p)
        onePlusTau.add(onePlusTau, tau)
        var g = PortableGaussian(seed: seed)
        var alpha = S(0, precision: p), r = S(0, precision: p), vnorm = S(0, precision: p)
        var v: [S] = TwoLayerNetwork.registers(D, precision: p)
        for k in 0..<m {
            var ck = S(0, precision: p)
            ck.div(c[k], norm)
            let sign = g.next() < 0 ? -1 : 1
            vnorm.set(0)
            for j in 0..<D {
                v[j].set(S(g.next(), precision: p))
                vnorm.fma(v[j], v[j], vnorm)
            }
            vnorm.sqrt(vnorm)
            if ck >= zero {
                alpha.mul(ck, onePlusTau); r.mul(ck, tau)
            } else {
                ck.neg(ck)
                alpha.mul(ck, tau); r.mul(ck, onePlusTau)
            }
            alpha.sqrt(alpha); r.sqrt(r)
            theta[k * (1 + D)].mul(alpha, sign)
            if !vnorm.isZero {
                r.div(r, vnorm)
                for j in 0..<D { theta[k * (1 + D) + 1 + j].mul(v[j], r) }
            }
        }
    }

    /// θ(0) = ε θ̂₀ at `precision`.
    /// - Throws: `.notPositive` for ε ≤ 0; `.underflow` if ε, or ε·θ̂₀_j for a nonzero θ̂₀_j,
    ///   underflows at this precision (e.g. ε = 1e-3000 in `Double`): never a silent zero;
    ///   `.invalidValue` if ε·θ̂₀_j overflows (ε = 1e308 in `Double`). Either names the field
    ///   that made θ̂₀_j small or large (`accountableField`).
    public func initialParameters<S: Scalar>(for network: TwoLayerNetwork, precision p: Precision,
                                             as: S.Type = S.self,
                                             fieldPath: String = "initialization") throws(ProblemError) -> [S] {
        guard scale.isPositive else { throw .notPositive(field: "\(fieldPath).scale", text: scale.text) }
        let eps: S = try ProblemError.instantiate(scale, precision: p, field: "\(fieldPath).scale")
        var theta: [S] = try direction(for: network, precision: p, fieldPath: fieldPath)
        for j in theta.indices {
            let wasZero = theta[j].isZero
            theta[j].mul(theta[j], eps)
            if !theta[j].isFinite {
                let (field, text) = accountableField(for: j, network: network, fieldPath: fieldPath)
                throw .invalidValue(field: field, text: text, reason: "makes θ(0) = ε·θ̂₀ overflow at \(p.bits) bits")
            }
            if !wasZero && ProblemError.underflowed(theta[j]) {
                let (field, text) = accountableField(for: j, network: network, fieldPath: fieldPath)
                throw .underflow(field: field, text: text, precision: p.bits)
            }
        }
        return theta
    }

    /// The field of the problem file that sets the magnitude of θ(0)_j beyond ε: the layer-scale
    /// ratio κ for an a_k of the Gaussian family when κ is not 1, an explicit direction's entry
    /// when it is not ±1, otherwise the scale ε itself.
    func accountableField(for j: Int, network: TwoLayerNetwork, fieldPath: String) -> (field: String, text: String) {
        switch family {
        case .gaussian(_, let ratio) where j % network.neuronBlockSize == 0 && ratio != "1":
            return ("\(fieldPath).gaussian.layerScaleRatio", ratio.text)
        case .explicit(let direction) where j < direction.count && direction[j] != "1" && direction[j] != "-1":
            return ("\(fieldPath).explicit.direction[\(j)]", direction[j].text)
        default:
            return ("\(fieldPath).scale", scale.text)
        }
    }
}
