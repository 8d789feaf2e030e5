import MultiPrecision

/// The imbalance quantities of proofs/THEORY.md §2, in the extended coordinates of `TwoLayerNetwork`
/// (with bias, ‖w̃_k‖² = ‖w_k‖² + b_k²: the bias is a first-layer weight on the input 1, and
/// the conservation law of claim 1 holds for this C).
extension TwoLayerNetwork {
    /// C(θ) = (a_k² − ‖w̃_k‖²)_k into `c` (m registers), allocation-free (claim 1: conserved
    /// exactly for 1-homogeneous σ; claim 2: drifts for tanh).
    @inlinable
    public func imbalance<S: Scalar>(of theta: [S], into c: inout [S]) {
        let q = neuronBlockSize
        for k in 0..<width {
            c[k].sqr(theta[k * q])
            for j in 1..<q { c[k].fms(theta[k * q + j], theta[k * q + j], c[k]); c[k].neg(c[k]) }
        }
    }

    /// C(θ) as new registers.
    public func imbalance<S: Scalar>(of theta: [S]) -> [S] {
        var c: [S] = TwoLayerNetwork.registers(width, precision: theta[0].precision)
        imbalance(of: theta, into: &c)
        return c
    }

    /// Ĉ = C(θ)/‖C(θ)‖₂ (paper: the small-initialization limit is determined by C(θ₀)/‖C(θ₀)‖₂;
    /// claim 6). nil when C(θ) = 0.
    public func normalizedImbalance<S: Scalar>(of theta: [S]) -> [S]? {
        normalized(imbalance(of: theta))
    }

    /// ρ_k = (a_k² − ‖w̃_k‖²)/(a_k² + ‖w̃_k‖²) ∈ [−1, 1] (proofs/THEORY.md §2, our definition of the
    /// per-neuron imbalance ratio); 0 for a neuron that is exactly zero.
    public func imbalanceRatios<S: Scalar>(of theta: [S]) -> [S] {
        let q = neuronBlockSize, p = theta[0].precision
        return (0..<width).map { k in
            var a2 = S(0, precision: p), w2 = S(0, precision: p)
            a2.sqr(theta[k * q])
            for j in 1..<q { w2.fma(theta[k * q + j], theta[k * q + j], w2) }
            var num = S(0, precision: p), den = S(0, precision: p)
            num.sub(a2, w2); den.add(a2, w2)
            if den.isZero { return S(0, precision: p) }
            num.div(num, den)
            return num
        }
    }

    /// Growth amplitudes p_k = (a_k(0) + ẑᵀw̃_k(0))/2 (proofs/THEORY.md §2; claims 3–6), for the
    /// linear-phase unit direction ẑ (length D).
    public func growthAmplitudes<S: Scalar>(of theta: [S], direction zHat: [S]) -> [S] {
        precondition(zHat.count == extendedInputDimension, "ẑ has \(zHat.count) entries, expected \(extendedInputDimension)")
        let q = neuronBlockSize, p = theta[0].precision
        return (0..<width).map { k in
            var s = S(theta[k * q], precision: p)
            for j in 0..<(q - 1) { s.fma(zHat[j], theta[k * q + 1 + j], s) }
            s.div(s, 2)
            return s
        }
    }

    /// p̂ = p/‖p‖₂; nil when p = 0.
    public func normalizedGrowthAmplitudes<S: Scalar>(of theta: [S], direction zHat: [S]) -> [S]? {
        normalized(growthAmplitudes(of: theta, direction: zHat))
    }

    /// Parameters of neuron k as (a_k, w̃_k) (new registers).
    public func neuron<S: Scalar>(_ k: Int, of theta: [S]) -> (outputWeight: S, inputWeights: [S]) {
        let q = neuronBlockSize, p = theta[0].precision
        return (S(theta[k * q], precision: p), (1..<q).map { S(theta[k * q + $0], precision: p) })
    }
}

/// v/‖v‖₂ (new registers); nil when v = 0.
public func normalized<S: Scalar>(_ v: [S]) -> [S]? {
    guard let p = v.first?.precision else { return nil }
    var norm = S(0, precision: p)
    for x in v { norm.fma(x, x, norm) }
    norm.sqrt(norm)
    if norm.isZero { return nil }
    return v.map { var y = S(0, precision: p); y.div($0, norm); return y }
}

/// ‖v‖₂ (a new value).
public func euclideanNorm<S: Scalar>(_ v: [S], precision p: Precision) -> S {
    var norm = S(0, precision: p)
    for x in v { norm.fma(x, x, norm) }
    norm.sqrt(norm)
    return norm
}
