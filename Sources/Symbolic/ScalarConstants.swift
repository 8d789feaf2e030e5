import MultiPrecision

/// The constants π and e at any `Scalar`, correctly rounded for `BigFloat` and `Double`; for
/// another conforming type π is computed by the Gauss–Legendre (AGM) iteration in that type's
/// own arithmetic and e as exp(1).
public enum ScalarConstants {
    /// π at `precision`.
    public static func pi<S: Scalar>(_: S.Type = S.self, precision: Precision) -> S {
        if S.self == BigFloat.self { return BigFloat.pi(precision: precision) as! S }
        if S.self == Double.self { return Double.pi as! S }
        // Gauss–Legendre: a₀ = 1, b₀ = 1/√2, t₀ = 1/4, p₀ = 1; quadratic convergence.
        let one = S(1, precision: precision), two = S(2, precision: precision)
        var a = one, b = one / S.sqrt(two), t = one / S(4, precision: precision), p = one
        let steps = (Int.bitWidth - precision.bits.leadingZeroBitCount) + 2
        for _ in 0..<steps {
            let an = (a + b) / two
            b = S.sqrt(a * b)
            t = t - p * (a - an) * (a - an)
            p = p * two
            a = an
        }
        return (a + b) * (a + b) / (S(4, precision: precision) * t)
    }

    /// e = exp(1) at `precision`.
    public static func e<S: Scalar>(_: S.Type = S.self, precision: Precision) -> S {
        if S.self == BigFloat.self { return BigFloat.e(precision: precision) as! S }
        return S.exp(S(1, precision: precision))
    }

    /// An enclosure of π at `precision`.
    public static func piEnclosure(precision: Precision) -> Interval {
        Interval(lower: BigFloat.pi(precision: precision, rounding: .down),
                 upper: BigFloat.pi(precision: precision, rounding: .up), precision: precision)
    }

    /// An enclosure of e at `precision`.
    public static func eEnclosure(precision: Precision) -> Interval {
        Interval(lower: BigFloat.e(precision: precision, rounding: .down),
                 upper: BigFloat.e(precision: precision, rounding: .up), precision: precision)
    }
}
