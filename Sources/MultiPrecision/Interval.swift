import CMPFI
import CMPFR

/// A closed interval [lower, upper] with MPFR endpoints, backed by MPFI: every operation
/// returns an interval that encloses the exact image of its operands (endpoints rounded
/// outward), at the operands' common precision.
///
/// Immutable, with value semantics. Operands of different precisions are a programming error
/// (precondition), as for `BigFloat`. Division by an interval containing 0 gives the whole line
/// [−∞, +∞]; functions outside their domain (`sqrt`, `log` of negatives) give NaN endpoints,
/// which `isValid` reports.
public struct Interval: @unchecked Sendable {
    @usableFromInline final class Storage {
        let x: UnsafeMutablePointer<__mpfi_struct>
        init(precision: Precision) {
            x = .allocate(capacity: 1)
            mpfi_init2(x, precision.bits)
        }
        deinit {
            mpfi_clear(x)
            x.deallocate()
        }
    }

    @usableFromInline let storage: Storage

    private init(precision: Precision, _ fill: (UnsafeMutablePointer<__mpfi_struct>) -> Void) {
        storage = Storage(precision: precision)
        fill(storage.x)
    }

    /// The precision of both endpoints.
    public var precision: Precision { Precision(unchecked: mpfi_get_prec(storage.x)) }

    /// The smallest interval at `precision` containing `x` (the point [x, x] when x fits).
    public init(_ x: BigFloat, precision: Precision? = nil) {
        self.init(precision: precision ?? x.precision) { _ = mpfi_set_fr($0, x.mpfr) }
    }

    /// The integer `n`, enclosed at `precision`.
    public init(_ n: Int, precision: Precision) {
        self.init(precision: precision) { _ = mpfi_set_si($0, n) }
    }

    /// The smallest interval at `precision` containing the exact rational `r`.
    public init(_ r: Rational, precision: Precision) {
        self.init(precision: precision) { x in _ = r.withMPQ { mpfi_set_q(x, $0) } }
    }

    /// A correct enclosure of the decimal (or p/q) text, which is read exactly first.
    /// - Throws: the errors of `Rational(parsing:)`.
    public init(parsing text: String, precision: Precision) throws(MultiPrecisionError) {
        self.init(try Rational(parsing: text), precision: precision)
    }

    /// [lower, upper], endpoints rounded outward to `precision`; `lower ≤ upper` is required.
    public init(lower: BigFloat, upper: BigFloat, precision: Precision) {
        precondition(lower <= upper, "Interval needs lower ≤ upper")
        self.init(precision: precision) { _ = mpfi_interv_fr($0, lower.mpfr, upper.mpfr) }
    }

    // MARK: Endpoints and measures

    /// The lower endpoint.
    public var lower: BigFloat {
        let r = BigFloat(precision: precision)
        _ = mpfi_get_left(r.mpfr, storage.x)
        return r
    }

    /// The upper endpoint.
    public var upper: BigFloat {
        let r = BigFloat(precision: precision)
        _ = mpfi_get_right(r.mpfr, storage.x)
        return r
    }

    /// upper − lower, rounded up (so it bounds the true width).
    public var width: BigFloat {
        let r = BigFloat(precision: precision)
        _ = mpfi_diam_abs(r.mpfr, storage.x)
        return r
    }

    /// The midpoint, rounded to nearest (it lies inside the interval).
    public var midpoint: BigFloat {
        let r = BigFloat(precision: precision)
        _ = mpfi_mid(r.mpfr, storage.x)
        return r
    }

    /// True if `x` lies in [lower, upper].
    public func contains(_ x: BigFloat) -> Bool { mpfi_is_inside_fr(x.mpfr, storage.x) > 0 }

    /// True if the exact rational `r` lies in [lower, upper].
    public func contains(_ r: Rational) -> Bool { r.withMPQ { mpfi_is_inside_q($0, storage.x) } > 0 }

    /// True if 0 lies in the interval: a sign that is not certified.
    public var containsZero: Bool { mpfi_has_zero(storage.x) > 0 }

    /// False when an endpoint is NaN (an operation left its domain).
    public var isValid: Bool { mpfi_nan_p(storage.x) == 0 }

    /// True if both endpoints are finite.
    public var isBounded: Bool { mpfi_bounded_p(storage.x) > 0 }

    /// The certified sign: +1 or −1 when the whole interval is on that side of 0, else nil.
    public var certifiedSign: Int? {
        if !isValid || containsZero { return nil }
        return fv_mpfr_sgn(fv_mpfi_left(storage.x)) > 0 ? 1 : -1
    }

    // MARK: Arithmetic (enclosures)

    @inline(__always)
    private static func unary(_ a: Interval, _ f: (mpfi_ptr?, mpfi_srcptr?) -> Int32) -> Interval {
        Interval(precision: a.precision) { _ = f($0, a.storage.x) }
    }

    @inline(__always)
    private static func binary(_ a: Interval, _ b: Interval,
                               _ f: (mpfi_ptr?, mpfi_srcptr?, mpfi_srcptr?) -> Int32) -> Interval {
        precondition(a.precision == b.precision,
                     "Interval precisions differ (\(a.precision) vs \(b.precision)); convert one explicitly")
        return Interval(precision: a.precision) { _ = f($0, a.storage.x, b.storage.x) }
    }

    public static func + (a: Interval, b: Interval) -> Interval { binary(a, b, mpfi_add) }
    public static func - (a: Interval, b: Interval) -> Interval { binary(a, b, mpfi_sub) }
    public static func * (a: Interval, b: Interval) -> Interval { binary(a, b, mpfi_mul) }
    public static func / (a: Interval, b: Interval) -> Interval { binary(a, b, mpfi_div) }
    public static prefix func - (a: Interval) -> Interval { unary(a, mpfi_neg) }
    public static func abs(_ a: Interval) -> Interval { unary(a, mpfi_abs) }
    public static func sqr(_ a: Interval) -> Interval { unary(a, mpfi_sqr) }
    public static func sqrt(_ a: Interval) -> Interval { unary(a, mpfi_sqrt) }
    public static func exp(_ a: Interval) -> Interval { unary(a, mpfi_exp) }
    public static func expm1(_ a: Interval) -> Interval { unary(a, mpfi_expm1) }
    public static func log(_ a: Interval) -> Interval { unary(a, mpfi_log) }
    public static func log1p(_ a: Interval) -> Interval { unary(a, mpfi_log1p) }
    public static func tanh(_ a: Interval) -> Interval { unary(a, mpfi_tanh) }
    public static func sinh(_ a: Interval) -> Interval { unary(a, mpfi_sinh) }
    public static func cosh(_ a: Interval) -> Interval { unary(a, mpfi_cosh) }
    public static func atanh(_ a: Interval) -> Interval { unary(a, mpfi_atanh) }

    /// a^n for an integer n ≥ 0, by repeated squaring of enclosures (sqr for even powers keeps
    /// the enclosure of x^2 nonnegative).
    public static func pow(_ a: Interval, _ n: Int) -> Interval {
        precondition(n >= 0, "Interval.pow takes n ≥ 0")
        var result = Interval(1, precision: a.precision), base = a, k = n
        while k > 0 {
            if k & 1 == 1 { result = result * base }
            k >>= 1
            if k > 0 { base = sqr(base) }
        }
        return result
    }
}

extension Interval: CustomStringConvertible {
    /// "[lower, upper]" with each endpoint in round-trip form.
    public var description: String { "[\(lower), \(upper)]" }
}
