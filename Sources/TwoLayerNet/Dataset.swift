import MultiPrecision

/// The training data `(x_i, y_i)`, i = 1..n, at a working precision (proofs/THEORY.md §1).
/// `inputs` is row-major n × d (`inputs[i·d + j] = x_ij`), `labels[i] = y_i`.
public struct Dataset<S: Scalar> {
    public let sampleCount: Int
    public let inputDimension: Int
    public var inputs: [S]
    public var labels: [S]

    public init(sampleCount n: Int, inputDimension d: Int, inputs: [S], labels: [S]) {
        precondition(inputs.count == n * d && labels.count == n, "dataset shape mismatch")
        sampleCount = n
        inputDimension = d
        self.inputs = inputs
        self.labels = labels
    }

    /// x_ij (0-based).
    public func input(_ i: Int, _ j: Int) -> S { inputs[i * inputDimension + j] }

    /// Labels of the single-neuron target, `y_i = a* σ(w*ᵀx_i)`, computed at `x`'s precision.
    public static func labels(inputs: [S], sampleCount n: Int, target: Target<S>, activation: Activation,
                              precision: Precision) -> [S] {
        let d = target.inputDimension
        var kernel = ActivationKernel<S>(activation, precision: precision)
        var u = S(0, precision: precision), v = S(0, precision: precision)
        var d1 = S(0, precision: precision), d2 = S(0, precision: precision)
        var y: [S] = []
        for i in 0..<n {
            u.set(0)
            for j in 0..<d { u.fma(target.inputWeights[j], inputs[i * d + j], u) }
            kernel.evaluate(u, order: 0, value: &v, first: &d1, second: &d2)
            var yi = S(0, precision: precision)
            yi.mul(target.outputWeight, v)
            y.append(yi)
        }
        return y
    }
}

/// How the inputs x_i are chosen (proofs/THEORY.md §1: Gaussian, uniform, or explicit).
public enum DataSource: Sendable {
    /// `x_i ~ N(0, I_d)` i.i.d., drawn by `PortableGaussian(seed:)` in the order
    /// x_11, x_12, …, x_1d, x_21, …, x_nd, and embedded exactly at the working precision.
    case gaussian(sampleCount: Int, seed: UInt64)
    /// `x_ij` uniform on [−1, 1), drawn as `2U − 1` from `SeededGenerator(seed:)` (one
    /// `nextUnitDouble()` per coordinate, same order as above), embedded exactly.
    case uniform(sampleCount: Int, seed: UInt64)
    /// Inputs given as decimals (n rows of d), rounded to the working precision; labels
    /// optionally given too (otherwise computed from the target).
    case explicit(inputs: [[DecimalNumber]], labels: [DecimalNumber]?)

    public var sampleCount: Int {
        switch self {
        case .gaussian(let n, _), .uniform(let n, _): return n
        case .explicit(let x, _): return x.count
        }
    }

    /// The inputs as doubles, for the seeded families (the exact values every precision embeds);
    /// nil for explicit data.
    public func doubleInputs(inputDimension d: Int) -> [Double]? {
        switch self {
        case .gaussian(let n, let seed):
            var g = PortableGaussian(seed: seed)
            return (0..<(n * d)).map { _ in g.next() }
        case .uniform(let n, let seed):
            var g = PortableGaussian(seed: seed)
            return (0..<(n * d)).map { _ in g.nextSymmetricUniform() }
        case .explicit:
            return nil
        }
    }

    /// The data set at `precision`: inputs from this source, labels from `target` (or explicit).
    /// - Throws: `ProblemError` for an explicit entry that is mis-shaped or under- or overflows
    ///   at this precision (field path under `fieldPath`).
    public func dataset<S: Scalar>(target: Target<S>, activation: Activation, precision: Precision,
                                   fieldPath: String = "data") throws(ProblemError) -> Dataset<S> {
        let d = target.inputDimension
        let n = sampleCount
        guard n > 0 else { throw .notPositive(field: "\(fieldPath).n", text: String(n)) }
        var x: [S] = []
        x.reserveCapacity(n * d)
        var labels: [S]? = nil
        if let doubles = doubleInputs(inputDimension: d) {
            x = doubles.map { S($0, precision: precision) }
        } else if case .explicit(let rows, let ys) = self {
            for (i, row) in rows.enumerated() {
                guard row.count == d else {
                    throw .dimensionMismatch(field: "\(fieldPath).explicit.x[\(i)]", expected: d, found: row.count)
                }
                for (j, xij) in row.enumerated() {
                    x.append(try ProblemError.instantiate(xij, precision: precision, field: "\(fieldPath).explicit.x[\(i)][\(j)]"))
                }
            }
            if let ys {
                guard ys.count == n else {
                    throw .dimensionMismatch(field: "\(fieldPath).explicit.y", expected: n, found: ys.count)
                }
                var given: [S] = []
                for (i, yi) in ys.enumerated() {
                    given.append(try ProblemError.instantiate(yi, precision: precision, field: "\(fieldPath).explicit.y[\(i)]"))
                }
                labels = given
            }
        }
        let y = labels ?? Dataset<S>.labels(inputs: x, sampleCount: n, target: target,
                                             activation: activation, precision: precision)
        return Dataset(sampleCount: n, inputDimension: d, inputs: x, labels: y)
    }
}
