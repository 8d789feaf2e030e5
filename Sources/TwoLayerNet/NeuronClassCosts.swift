import MultiPrecision

/// The squared distance of each neuron to each class of the target set's pieces
/// (proofs/recovery.md; the classes of `TargetSetDistance` and `FullTargetSetDistance`):
/// aligned with s·w̃* (‖w̃_k − s w̃*‖², one entry per sign s of `signs`), silent (a_k²) and
/// dead (‖w̃_k‖²), at θ's working precision (one rounding per fused multiply-add).
struct NeuronClassCosts<S: Scalar> {
    /// [k][i]: ‖w̃_k − signs[i]·w̃*‖².
    let aligned: [[S]]
    /// [k]: a_k².
    let silent: [S]
    /// [k]: ‖w̃_k‖².
    let dead: [S]

    init(_ theta: [S], network: TwoLayerNetwork, target: Target<S>, signs: [Int]) {
        let m = network.width, q = network.neuronBlockSize, D = network.extendedInputDimension
        let p = theta[0].precision
        var wStar: [S] = TwoLayerNetwork.registers(D, precision: p)
        for j in 0..<target.inputDimension { wStar[j].set(target.inputWeights[j]) }
        var t = S(0, precision: p)
        aligned = (0..<m).map { k in
            signs.map { s in
                var c = S(0, precision: p)
                for j in 0..<D {
                    t.mul(wStar[j], s)
                    t.sub(theta[k * q + 1 + j], t)
                    c.fma(t, t, c)
                }
                return c
            }
        }
        silent = (0..<m).map { k in var a2 = S(0, precision: p); a2.sqr(theta[k * q]); return a2 }
        dead = (0..<m).map { k in
            var w2 = S(0, precision: p)
            for j in 0..<D { w2.fma(theta[k * q + 1 + j], theta[k * q + 1 + j], w2) }
            return w2
        }
    }
}
