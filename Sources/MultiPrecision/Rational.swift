import CGMP
import CMPFR
#if canImport(Glibc)
import Glibc
#endif

/// An exact rational number p/q, backed by GMP's `mpq_t`, always in canonical form
/// (q > 0, gcd(p, q) = 1). Immutable, with value semantics: every operation returns a new value.
///
/// Used where the theory's constants must be exact (series coefficients, Bernoulli numbers,
/// data embedded at every precision) and to enclose decimal text exactly (`Interval`).
public struct Rational: @unchecked Sendable {
    @usableFromInline final class Storage {
        let q: UnsafeMutablePointer<__mpq_struct>
        init() {
            q = .allocate(capacity: 1)
            __gmpq_init(q)
        }
        deinit {
            __gmpq_clear(q)
            q.deallocate()
        }
    }

    @usableFromInline let storage: Storage

    private init(storage: Storage) { self.storage = storage }

    /// Calls `body` with the underlying `mpq_t`, for GMP/MPFR/MPFI calls that read it.
    public func withMPQ<R>(_ body: (UnsafePointer<__mpq_struct>) throws -> R) rethrows -> R {
        try body(storage.q)
    }

    private static func make(_ fill: (UnsafeMutablePointer<__mpq_struct>) -> Void) -> Rational {
        let s = Storage()
        fill(s.q)
        return Rational(storage: s)
    }

    /// The integer `n`.
    public init(_ n: Int) {
        self = Rational.make { __gmpq_set_si($0, n, 1) }
    }

    /// numerator / denominator, reduced. `denominator` must not be 0.
    public init(numerator: Int, denominator: Int) {
        precondition(denominator != 0, "Rational with zero denominator")
        self = Rational(numerator) / Rational(denominator)
    }

    /// The exact value of a finite Double (every Double is a dyadic rational); nil for ±∞, NaN.
    public init?(exactly d: Double) {
        guard d.isFinite else { return nil }
        self = Rational.make { __gmpq_set_d($0, d) }
    }

    /// The exact value of a finite BigFloat; nil for ±∞, NaN.
    public init?(exactly x: BigFloat) {
        guard x.isFinite else { return nil }
        self = Rational.make { mpfr_get_q($0, x.mpfr) }
    }

    /// Parses "p/q" (whole numbers, optional sign) or a decimal ("-1.25e-3") exactly.
    /// - Throws: `.malformedNumber` (with the position), `.zeroDenominator`, or `.outOfRange` for a
    ///   decimal exponent beyond `DecimalSyntax.maximumRationalExponent`.
    public init(parsing text: String) throws(MultiPrecisionError) {
        let syntax = try DecimalSyntax(text, allowRational: true)
        if let den = syntax.denominator {
            guard den.contains(where: { $0 != "0" }) else { throw .zeroDenominator(text: text) }
        }
        let scale = syntax.exponent - syntax.fractionDigits
        guard Swift.abs(scale) <= DecimalSyntax.maximumRationalExponent else { throw .outOfRange(text: text) }
        self = Rational.make { q in
            let num = fv_mpq_numref(q)!, den = fv_mpq_denref(q)!
            _ = String(syntax.digits).withCString { __gmpz_set_str(num, $0, 10) }
            if let d = syntax.denominator {
                _ = String(d).withCString { __gmpz_set_str(den, $0, 10) }
            } else if scale >= 0 {
                var p = __mpz_struct()
                __gmpz_init(&p)
                __gmpz_ui_pow_ui(&p, 10, UInt(scale))
                __gmpz_mul(num, num, &p)
                __gmpz_clear(&p)
            } else {
                __gmpz_ui_pow_ui(den, 10, UInt(-scale))
            }
            if syntax.isNegative { __gmpz_neg(num, num) }
            __gmpq_canonicalize(q)
        }
    }

    // MARK: Properties

    /// −1, 0 or +1.
    public var signum: Int { Int(fv_mpq_sgn(storage.q)) }
    public var isZero: Bool { signum == 0 }
    /// True if the denominator is 1.
    public var isInteger: Bool { __gmpz_cmp_ui(fv_mpq_denref_const(storage.q), 1) == 0 }

    /// The numerator in decimal.
    public var numeratorDescription: String { Rational.decimal(fv_mpq_numref_const(storage.q)) }
    /// The (positive) denominator in decimal.
    public var denominatorDescription: String { Rational.decimal(fv_mpq_denref_const(storage.q)) }

    private static func decimal(_ z: UnsafePointer<__mpz_struct>) -> String {
        // mpz_sizeinbase may exceed the digit count by one; +2 for the sign and the NUL.
        let capacity = __gmpz_sizeinbase(z, 10) + 2
        return String(unsafeUninitializedCapacity: capacity) { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                _ = __gmpz_get_str(chars.baseAddress, 10, z)
                return strlen(chars.baseAddress!)
            }
        }
    }

    /// The nearest Double (ties to even, via MPFR).
    public var doubleValue: Double { BigFloat(self, precision: .double).doubleValue }

    // MARK: Arithmetic (exact)

    public static func + (a: Rational, b: Rational) -> Rational { make { __gmpq_add($0, a.storage.q, b.storage.q) } }
    public static func - (a: Rational, b: Rational) -> Rational { make { __gmpq_sub($0, a.storage.q, b.storage.q) } }
    public static func * (a: Rational, b: Rational) -> Rational { make { __gmpq_mul($0, a.storage.q, b.storage.q) } }
    /// Exact quotient; `b` must not be 0 (precondition, as for integer division).
    public static func / (a: Rational, b: Rational) -> Rational {
        precondition(!b.isZero, "Rational division by zero")
        return make { __gmpq_div($0, a.storage.q, b.storage.q) }
    }
    public static prefix func - (a: Rational) -> Rational { make { __gmpq_neg($0, a.storage.q) } }
    public static func += (a: inout Rational, b: Rational) { a = a + b }
    public static func -= (a: inout Rational, b: Rational) { a = a - b }
    public static func *= (a: inout Rational, b: Rational) { a = a * b }
    public static func /= (a: inout Rational, b: Rational) { a = a / b }

    /// |a|
    public static func abs(_ a: Rational) -> Rational { make { __gmpq_abs($0, a.storage.q) } }

    /// a^n for any integer n (a ≠ 0 when n < 0).
    public static func pow(_ a: Rational, _ n: Int) -> Rational {
        if n < 0 { return Rational(1) / pow(a, -n) }
        return make { q in
            __gmpz_pow_ui(fv_mpq_numref(q), fv_mpq_numref_const(a.storage.q), UInt(n))
            __gmpz_pow_ui(fv_mpq_denref(q), fv_mpq_denref_const(a.storage.q), UInt(n))
        }
    }
}

extension Rational: Comparable, Hashable, CustomStringConvertible {
    public static func == (a: Rational, b: Rational) -> Bool { __gmpq_equal(a.storage.q, b.storage.q) != 0 }
    public static func < (a: Rational, b: Rational) -> Bool { __gmpq_cmp(a.storage.q, b.storage.q) < 0 }
    /// Hashes the canonical form's limbs (sizes and signs, and at most 4 limbs at each end of
    /// numerator and denominator): equal rationals have equal limbs, and the cost stays O(1)
    /// where the decimal text of a million-bit rational took seconds to make.
    public func hash(into h: inout Hasher) {
        func combine(_ z: UnsafePointer<__mpz_struct>) {
            let size = Int(z.pointee._mp_size), count = Swift.abs(size)
            h.combine(size)
            guard let limbs = z.pointee._mp_d else { return }
            for i in Array(0..<min(4, count)) + Array(max(min(4, count), count - 4)..<count) { h.combine(limbs[i]) }
        }
        combine(fv_mpq_numref_const(storage.q))
        combine(fv_mpq_denref_const(storage.q))
    }

    /// "p/q", or "p" for integers.
    public var description: String {
        isInteger ? numeratorDescription : numeratorDescription + "/" + denominatorDescription
    }
}

extension Rational: ExpressibleByIntegerLiteral {
    public init(integerLiteral n: Int) { self.init(n) }
}
