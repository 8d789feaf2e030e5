import CMPFR

/// The value API: each operator or function returns a new `BigFloat` at its operands'
/// common precision, correctly rounded to nearest, and leaves the operands untouched.
/// Operands of different precisions are a programming error (precondition): convert one of
/// them explicitly first. Compound assignments (`x += y`) assign a new value to `x`.
extension BigFloat {
    @inlinable static func fresh(_ a: BigFloat) -> BigFloat { BigFloat(precision: a.precision) }

    @inlinable static func fresh(_ a: BigFloat, _ b: BigFloat) -> BigFloat {
        precondition(a.precision == b.precision,
                     "BigFloat precisions differ (\(a.precision) vs \(b.precision)); convert one explicitly")
        return BigFloat(precision: a.precision)
    }

    @inlinable public static func + (a: BigFloat, b: BigFloat) -> BigFloat { var r = fresh(a, b); r.add(a, b); return r }
    @inlinable public static func - (a: BigFloat, b: BigFloat) -> BigFloat { var r = fresh(a, b); r.sub(a, b); return r }
    @inlinable public static func * (a: BigFloat, b: BigFloat) -> BigFloat { var r = fresh(a, b); r.mul(a, b); return r }
    @inlinable public static func / (a: BigFloat, b: BigFloat) -> BigFloat { var r = fresh(a, b); r.div(a, b); return r }
    @inlinable public static prefix func - (a: BigFloat) -> BigFloat { var r = fresh(a); r.neg(a); return r }
    @inlinable public static func += (a: inout BigFloat, b: BigFloat) { a = a + b }
    @inlinable public static func -= (a: inout BigFloat, b: BigFloat) { a = a - b }
    @inlinable public static func *= (a: inout BigFloat, b: BigFloat) { a = a * b }
    @inlinable public static func /= (a: inout BigFloat, b: BigFloat) { a = a / b }

    /// a · b + c with a single rounding.
    @inlinable public static func fma(_ a: BigFloat, _ b: BigFloat, _ c: BigFloat) -> BigFloat {
        var r = fresh(a, b); _ = fresh(a, c); r.fma(a, b, c); return r
    }
    @inlinable public static func abs(_ a: BigFloat) -> BigFloat { var r = fresh(a); r.abs(a); return r }
    @inlinable public static func sqrt(_ a: BigFloat) -> BigFloat { var r = fresh(a); r.sqrt(a); return r }
    @inlinable public static func exp(_ a: BigFloat) -> BigFloat { var r = fresh(a); r.exp(a); return r }
    @inlinable public static func expm1(_ a: BigFloat) -> BigFloat { var r = fresh(a); r.expm1(a); return r }
    @inlinable public static func log(_ a: BigFloat) -> BigFloat { var r = fresh(a); r.log(a); return r }
    @inlinable public static func log1p(_ a: BigFloat) -> BigFloat { var r = fresh(a); r.log1p(a); return r }
    @inlinable public static func tanh(_ a: BigFloat) -> BigFloat { var r = fresh(a); r.tanh(a); return r }
    @inlinable public static func sinh(_ a: BigFloat) -> BigFloat { var r = fresh(a); r.sinh(a); return r }
    @inlinable public static func cosh(_ a: BigFloat) -> BigFloat { var r = fresh(a); r.cosh(a); return r }
    @inlinable public static func atanh(_ a: BigFloat) -> BigFloat { var r = fresh(a); r.atanh(a); return r }
    @inlinable public static func pow(_ a: BigFloat, _ b: BigFloat) -> BigFloat { var r = fresh(a, b); r.pow(a, b); return r }
    @inlinable public static func pow(_ a: BigFloat, _ n: Int) -> BigFloat { var r = fresh(a); r.pow(a, n); return r }
}
