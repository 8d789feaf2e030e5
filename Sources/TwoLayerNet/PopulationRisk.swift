import MultiPrecision

/// The population risk (generalization error) `R(θ) = E_x (f(x; θ) − f*(x))²` for
/// `x ~ N(0, I_d)` (proofs/THEORY.md §1), with an error estimate.
public struct PopulationRisk<S: Scalar> {
    public enum Method: String, Sendable {
        /// Exact formula (linear σ): `‖Σ_k a_k w_k − a* w*‖² + (Σ_k a_k b_k)²`.
        case closedForm = "closed form"
        /// Two-dimensional Gauss–Hermite quadrature (`PopulationRiskEvaluator`).
        case gaussHermite = "Gauss–Hermite"
        /// Mean squared error on a held-out sample (the fallback).
        case heldOutSample = "held-out sample"
    }
    /// R(θ) (for quadrature: the value at the higher order).
    public let value: S
    /// |R_high − R_low| for quadrature, 0 for the closed form, the standard error of the mean
    /// for a held-out sample.
    public let errorEstimate: S
    public let method: Method
    /// The two quadrature orders (nil unless Gauss–Hermite).
    public let orders: (low: Int, high: Int)?
}

/// Computes the population risk at a working precision.
///
/// **Reduction.** Write the target as an extra unit: units j = 0…m with coefficients
/// `c_0 = −a*`, `c_k = a_k`, pre-activations `U_j = v_jᵀx + μ_j` (`v_0 = w*`, `μ_0 = 0`,
/// `v_k = w_k`, `μ_k = b_k` or 0). Then `R = Σ_j c_j² E[σ(U_j)²] + 2 Σ_{j<l} c_j c_l E[σ(U_j)σ(U_l)]`,
/// and (U_j, U_l) is bivariate normal with means (μ_j, μ_l) and covariance the Gram matrix of
/// (v_j, v_l). With the Cholesky factor `U_j = μ_j + L11 t₁`, `U_l = μ_l + L21 t₁ + L22 t₂`
/// (t ~ N(0, I₂); `L11 = ‖v_j‖`, `L21 = v_j·v_l / L11`, and `L22² = Σ_{a<b}(v_ja v_lb − v_jb v_la)² / L11²`
/// by Lagrange's identity, free of cancellation for nearly parallel neurons), each expectation is
/// a tensor Gauss–Hermite sum `Σ_{i,i'} ω_i ω_i' σ(U_j(t_i)) σ(U_l(t_i, t_i'))`, computed at the
/// working precision (1-D when L22 = 0 or j = l).
///
/// **Error estimate.** The risk at two orders (default 64 and 96); the estimate is their
/// difference, which bounds the error of the higher order in the measured cases. Tensor
/// Gauss–Hermite is exact for polynomial σ of degree ≤ order − 1 (linear σ: exact up to
/// rounding), but for tanh (poles at ±iπ/2) it converges only geometrically: measured for d = 3,
/// m = 2, ‖w_k‖ ≈ 1 (R ≈ 0.37): error ≈ 3e-9 at order 64, 1e-11 at 96, 1e-13 at 128, 1e-15 at 160
/// (about a factor 100 per 32 extra nodes; slower for larger weights). So the quadrature does
/// **not** reach 256-bit accuracy in affordable time; the error estimate says how many digits
/// are right. Relu's kink makes it converge only algebraically. On Q*_al the pairwise terms
/// cancel exactly (aligned units share their 1-D rule), so R = 0 there to working precision.
public struct PopulationRiskEvaluator<S: Scalar> {
    public let network: TwoLayerNetwork
    public let precision: Precision
    public let lowRule: GaussHermiteRule<S>
    public let highRule: GaussHermiteRule<S>
    @usableFromInline var kernel: ActivationKernel<S>
    var v1: S, v2: S, d1: S, d2: S, arg: S, inner: S, outer: S, term: S

    public init(network: TwoLayerNetwork, precision p: Precision, orders: (low: Int, high: Int) = (64, 96)) {
        precondition(orders.low < orders.high, "need two distinct orders, low < high")
        self.network = network
        precision = p
        lowRule = GaussHermiteRule(order: orders.low, precision: p)
        highRule = GaussHermiteRule(order: orders.high, precision: p)
        kernel = ActivationKernel(network.activation, precision: p)
        v1 = S(0, precision: p); v2 = S(0, precision: p); d1 = S(0, precision: p); d2 = S(0, precision: p)
        arg = S(0, precision: p); inner = S(0, precision: p); outer = S(0, precision: p); term = S(0, precision: p)
    }

    /// R(θ): the closed form for linear σ unless `forceQuadrature`, else Gauss–Hermite at both
    /// orders.
    public mutating func risk(of theta: [S], target: Target<S>, forceQuadrature: Bool = false) -> PopulationRisk<S> {
        let p = precision
        if case .linear = network.activation, !forceQuadrature {
            return PopulationRisk(value: linearClosedForm(theta, target: target),
                                  errorEstimate: S(0, precision: p), method: .closedForm, orders: nil)
        }
        let low = quadrature(theta, target: target, rule: lowRule)
        let high = quadrature(theta, target: target, rule: highRule)
        var err = S(0, precision: p)
        err.sub(high, low)
        err.abs(err)
        return PopulationRisk(value: high, errorEstimate: err, method: .gaussHermite,
                              orders: (lowRule.order, highRule.order))
    }

    /// `‖Σ_k a_k w_k − a* w*‖² + (Σ_k a_k b_k)²` (linear σ, exact formula).
    public func linearClosedForm(_ theta: [S], target: Target<S>) -> S {
        let p = precision, q = network.neuronBlockSize, d = network.inputDimension, m = network.width
        var total = S(0, precision: p), comp = S(0, precision: p)
        for j in 0..<d {
            comp.mul(target.outputWeight, target.inputWeights[j])
            comp.neg(comp)
            for k in 0..<m { comp.fma(theta[k * q], theta[k * q + 1 + j], comp) }
            total.fma(comp, comp, total)
        }
        if network.hasBias {
            comp.set(0)
            for k in 0..<m { comp.fma(theta[k * q], theta[k * q + 1 + d], comp) }
            total.fma(comp, comp, total)
        }
        return total
    }

    /// R(θ) by tensor Gauss–Hermite with `rule`.
    public mutating func quadrature(_ theta: [S], target: Target<S>, rule: GaussHermiteRule<S>) -> S {
        let p = precision, q = network.neuronBlockSize, d = network.inputDimension, m = network.width
        // Units: 0 = target, 1…m = neurons.
        var coef: [S] = [], mean: [S] = [], dir: [[S]] = []
        var c0 = S(0, precision: p); c0.neg(target.outputWeight)
        coef.append(c0); mean.append(S(0, precision: p)); dir.append(target.inputWeights)
        for k in 0..<m {
            coef.append(S(theta[k * q], precision: p))
            mean.append(network.hasBias ? S(theta[k * q + 1 + d], precision: p) : S(0, precision: p))
            dir.append((0..<d).map { S(theta[k * q + 1 + $0], precision: p) })
        }
        var total = S(0, precision: p)
        var l11 = S(0, precision: p), l21 = S(0, precision: p), l22 = S(0, precision: p)
        var cc = S(0, precision: p), minor = S(0, precision: p), t = S(0, precision: p)
        for j in 0...m {
            for l in j...m {
                cc.mul(coef[j], coef[l])
                if cc.isZero { continue }
                l11.set(0)
                for a in 0..<d { l11.fma(dir[j][a], dir[j][a], l11) }
                let e: S
                if j == l {
                    l11.sqrt(l11)
                    e = expectation(rule, mean[j], l11, mean[l], l11, S(0, precision: p))
                } else {
                    if l11.isZero {
                        l21.set(0)
                        l22.set(0)
                        for a in 0..<d { l22.fma(dir[l][a], dir[l][a], l22) }
                        l22.sqrt(l22)
                    } else {
                        l21.set(0)
                        for a in 0..<d { l21.fma(dir[j][a], dir[l][a], l21) }
                        l22.set(0)
                        for a in 0..<d {
                            for b in (a + 1)..<d {
                                minor.mul(dir[j][a], dir[l][b])
                                t.mul(dir[j][b], dir[l][a])
                                minor.sub(minor, t)
                                l22.fma(minor, minor, l22)
                            }
                        }
                        l22.div(l22, l11)
                        l11.sqrt(l11)
                        l21.div(l21, l11)
                        l22.sqrt(l22)
                    }
                    e = expectation(rule, mean[j], l11, mean[l], l21, l22)
                    cc.mul(cc, 2)
                }
                total.fma(cc, e, total)
            }
        }
        return total
    }

    /// E[σ(μ1 + l11 t₁) σ(μ2 + l21 t₁ + l22 t₂)], t ~ N(0, I₂), by the tensor rule.
    mutating func expectation(_ rule: GaussHermiteRule<S>, _ mu1: S, _ l11: S, _ mu2: S, _ l21: S, _ l22: S) -> S {
        let n = rule.order
        outer.set(0)
        for i in 0..<n {
            arg.fma(l11, rule.nodes[i], mu1)
            kernel.evaluate(arg, order: 0, value: &v1, first: &d1, second: &d2)
            if v1.isZero { continue }
            if l22.isZero {
                arg.fma(l21, rule.nodes[i], mu2)
                kernel.evaluate(arg, order: 0, value: &inner, first: &d1, second: &d2)
            } else {
                inner.set(0)
                term.fma(l21, rule.nodes[i], mu2)
                for i2 in 0..<n {
                    arg.fma(l22, rule.nodes[i2], term)
                    kernel.evaluate(arg, order: 0, value: &v2, first: &d1, second: &d2)
                    inner.fma(rule.weights[i2], v2, inner)
                }
            }
            v1.mul(v1, inner)
            outer.fma(rule.weights[i], v1, outer)
        }
        return S(outer, precision: precision)
    }

    /// The fallback: mean squared error `(1/N) Σ (f(x_i; θ) − y_i)²` on a held-out sample, with
    /// the standard error of that mean as the estimate.
    public static func heldOutRisk(of theta: [S], network: TwoLayerNetwork, sample: Dataset<S>,
                                   precision p: Precision) -> PopulationRisk<S> {
        var kernel = LossKernel(network: network, data: sample, precision: p)
        var e: [S] = TwoLayerNetwork.registers(sample.sampleCount, precision: p)
        kernel.residuals(at: theta, into: &e)
        let n = sample.sampleCount
        var mean = S(0, precision: p), sq = S(0, precision: p), t = S(0, precision: p)
        for i in 0..<n { t.sqr(e[i]); mean.add(mean, t); sq.fma(t, t, sq) }
        mean.div(mean, n)
        // standard error = sqrt((E[t²] − mean²)/(n − 1))/… computed as sqrt(var/n)
        sq.div(sq, n)
        t.sqr(mean)
        sq.sub(sq, t)
        if n > 1 { sq.div(sq, n - 1) }
        if sq < S(0, precision: p) { sq.set(0) }
        sq.sqrt(sq)
        return PopulationRisk(value: mean, errorEstimate: sq, method: .heldOutSample, orders: nil)
    }
}
