import MultiPrecision

/// Standard normal deviates in `Double`, identical on every platform: the Marsaglia polar
/// method driven by `SeededGenerator`, with its arithmetic done in MPFR (correctly rounded) at
/// 128 bits and the result rounded once to `Double`. Platform libm functions (whose last bits
/// differ between systems) are never used, so a seed names one data set everywhere (proofs/DESIGN.md:
/// data and directions are drawn in double and embedded exactly at every precision).
///
/// Algorithm, per pair of deviates: draw `v₁ = 2U₁ − 1`, `v₂ = 2U₂ − 1` from two
/// `nextUnitDouble()` values (both exact in double), `s = v₁² + v₂²` (exact at 128 bits);
/// reject unless `0 < s < 1`; then `g₁ = v₁ √(−2 ln s / s)`, `g₂ = v₂ √(−2 ln s / s)`, rounded
/// to nearest double. Deviates are returned in the order g₁, g₂, g₁, g₂, …
public struct PortableGaussian: Sendable {
    private var generator: SeededGenerator
    private var pending: Double?

    public init(seed: UInt64) {
        generator = SeededGenerator(seed: seed)
        pending = nil
    }

    /// The next standard normal deviate.
    public mutating func next() -> Double {
        if let g = pending {
            pending = nil
            return g
        }
        let p = PortableGaussian.workPrecision
        while true {
            let v1 = 2 * generator.nextUnitDouble() - 1
            let v2 = 2 * generator.nextUnitDouble() - 1
            var b1 = BigFloat(v1, precision: p), b2 = BigFloat(v2, precision: p)
            var s = BigFloat(0, precision: p)
            s.sqr(b1)
            s.fma(b2, b2, s)
            if s.isZero || s >= BigFloat(1, precision: p) { continue }
            var f = BigFloat(0, precision: p)
            f.log(s)
            f.mul(f, -2)
            f.div(f, s)
            f.sqrt(f)
            b1.mul(b1, f)
            b2.mul(b2, f)
            pending = b2.doubleValue
            return b1.doubleValue
        }
    }

    /// The next uniform deviate on [−1, 1) (exact in double: `2U − 1`).
    public mutating func nextSymmetricUniform() -> Double {
        2 * generator.nextUnitDouble() - 1
    }

    static let workPrecision = try! Precision(bits: 128)
}
