import CMPFR

extension BigFloat {
    // Round-to-nearest forms (the `Scalar` requirements); the forms below take any rounding.
    public init(_ value: Int, precision: Precision) { self.init(value, precision: precision, rounding: .toNearest) }
    public init(_ value: Double, precision: Precision = .double) { self.init(value, precision: precision, rounding: .toNearest) }
    public init(_ value: Rational, precision: Precision) { self.init(value, precision: precision, rounding: .toNearest) }
    public init(_ value: BigFloat, precision: Precision) { self.init(value, precision: precision, rounding: .toNearest) }
    public init(parsing text: String, precision: Precision) throws(MultiPrecisionError) {
        try self.init(parsing: text, precision: precision, rounding: .toNearest)
    }

    /// `value` rounded to `precision` (exact when it fits, e.g. |value| < 2^precision).
    public init(_ value: Int, precision: Precision, rounding: RoundingMode) {
        self.init(precision: precision)
        mpfr_set_si(mpfr, value, rounding.mpfr)
    }

    /// `value` rounded to `precision`; exact for every finite Double when `precision ≥ 53`.
    public init(_ value: Double, precision: Precision, rounding: RoundingMode) {
        self.init(precision: precision)
        mpfr_set_d(mpfr, value, rounding.mpfr)
    }

    /// The exact rational `value` correctly rounded to `precision`.
    public init(_ value: Rational, precision: Precision, rounding: RoundingMode) {
        self.init(precision: precision)
        _ = value.withMPQ { mpfr_set_q(mpfr, $0, rounding.mpfr) }
    }

    /// `value` correctly rounded to `precision` (a new value; `value` is untouched).
    public init(_ value: BigFloat, precision: Precision, rounding: RoundingMode) {
        self.init(precision: precision)
        mpfr_set(mpfr, value.mpfr, rounding.mpfr)
    }

    /// The decimal number `text` correctly rounded to `precision`.
    ///
    /// Accepts the grammar of `DecimalSyntax` plus "inf", "-inf" and "nan".
    /// - Throws: `.malformedNumber` for text outside the grammar, `.outOfRange` for a nonzero
    ///   number that overflows or underflows MPFR's exponent range (about 2^±2^30).
    public init(parsing text: String, precision: Precision, rounding: RoundingMode) throws(MultiPrecisionError) {
        let syntax = try DecimalSyntax(text, allowSpecial: true)
        self.init(precision: precision)
        switch syntax.special {
        case .nan: mpfr_set_nan(mpfr)
        case .infinity: mpfr_set_inf(mpfr, syntax.isNegative ? -1 : 1)
        case nil:
            _ = text.withCString { mpfr_strtofr(mpfr, $0, nil, 10, rounding.mpfr) }
            let nonzeroDigits = syntax.digits.contains { $0 != "0" }
            if isInfinite || (isZero && nonzeroDigits) { throw .outOfRange(text: text) }
        }
    }

    /// This value correctly rounded to a Double (overflow gives ±∞, as IEEE 754 rounding does).
    public func doubleValue(rounding: RoundingMode) -> Double {
        mpfr_get_d(mpfr, rounding.mpfr)
    }

    /// This value as a `Double`, rounded to nearest.
    public var doubleValue: Double { mpfr_get_d(mpfr, MPFR_RNDN) }

    /// The exact value as a rational (finite values only; nil for ±∞ and NaN).
    public var exactRational: Rational? {
        guard isFinite else { return nil }
        return Rational(exactly: self)
    }
}

extension BigFloat: CustomStringConvertible, LosslessStringConvertible {
    /// `significantDigits` decimal digits, correctly rounded, in scientific notation
    /// `"-d.ddde±X"`; "0" / "-0", "inf" / "-inf" and "nan" for the special values.
    public func decimal(significantDigits: Int) -> String {
        decimal(significantDigits: significantDigits, rounding: .toNearest)
    }

    /// `significantDigits` decimal digits rounded in the direction `rounding`.
    public func decimal(significantDigits: Int, rounding: RoundingMode) -> String {
        precondition(significantDigits >= 1, "at least one significant digit")
        if isNaN { return "nan" }
        if isInfinite { return signBit ? "-inf" : "inf" }
        if isZero { return signBit ? "-0" : "0" }
        var exp10: mpfr_exp_t = 0
        guard let cs = mpfr_get_str(nil, &exp10, 10, significantDigits, mpfr, rounding.mpfr) else {
            fatalError("mpfr_get_str failed to allocate")
        }
        defer { mpfr_free_str(cs) }
        var digits = String(cString: cs)
        let negative = digits.hasPrefix("-")
        if negative { digits.removeFirst() }
        var out = negative ? "-" : ""
        out.append(digits.first!)
        if digits.count > 1 { out += "." + digits.dropFirst() }
        let e = Int(exp10) - 1
        if e != 0 { out += "e" + String(e) }
        return out
    }

    /// The round-trip form: enough digits (`precision.roundTripDigits`) that parsing it back at
    /// the same precision gives this value exactly.
    public var description: String { decimal(significantDigits: precision.roundTripDigits) }

    /// Parses the round-trip form at 53 bits; use `init(parsing:precision:)` to choose.
    public init?(_ description: String) {
        guard let v = try? BigFloat(parsing: description, precision: .double) else { return nil }
        self.init(v, precision: .double)
    }
}

extension BigFloat {
    /// π correctly rounded to `precision` (`mpfr_const_pi`).
    public static func pi(precision: Precision, rounding: RoundingMode = .toNearest) -> BigFloat {
        let r = BigFloat(precision: precision)
        mpfr_const_pi(r.mpfr, rounding.mpfr)
        return r
    }

    /// ln 2 correctly rounded to `precision` (`mpfr_const_log2`).
    public static func ln2(precision: Precision, rounding: RoundingMode = .toNearest) -> BigFloat {
        let r = BigFloat(precision: precision)
        mpfr_const_log2(r.mpfr, rounding.mpfr)
        return r
    }

    /// e = exp(1) correctly rounded to `precision`.
    public static func e(precision: Precision, rounding: RoundingMode = .toNearest) -> BigFloat {
        let r = BigFloat(precision: precision)
        mpfr_set_ui(r.mpfr, 1, MPFR_RNDN)
        mpfr_exp(r.mpfr, r.mpfr, rounding.mpfr)
        return r
    }
}
