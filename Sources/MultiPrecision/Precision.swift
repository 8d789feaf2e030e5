import CMPFR

/// A binary precision: the number of significand bits of a value.
///
/// Precision is carried by each value, never by global state (proofs/DESIGN.md). A `Precision` is
/// validated once, where it enters (`init(bits:)` throws for anything outside MPFR's range), so
/// that the arithmetic downstream is total.
public struct Precision: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Significand bits, `MPFR_PREC_MIN ... MPFR_PREC_MAX`.
    public let bits: Int

    /// A precision of `bits` significand bits.
    /// - Throws: `MultiPrecisionError.illegalPrecision` outside `minimum ... maximum`.
    public init(bits: Int) throws(MultiPrecisionError) {
        guard bits >= 2, bits >= fv_mpfr_prec_min(), bits <= fv_mpfr_prec_max() else {
            throw .illegalPrecision(bits)
        }
        self.bits = bits
    }

    @usableFromInline init(unchecked bits: Int) { self.bits = bits }

    /// The decimal digits the significand carries, bits·log10(2): the cap on digits of
    /// agreement at this precision.
    public var decimalDigits: Double { Double(bits) * 0.30102999566398120 }

    /// IEEE 754 binary64: the precision of the `Double` fast path.
    public static let double = Precision(unchecked: 53)
    /// IEEE 754 binary128's significand.
    public static let quad = Precision(unchecked: 113)
    /// The smallest precision accepted, 2 bits (MPFR 4 allows 1; a 1-bit significand has no rounding to nearest-even worth the name).
    public static var minimum: Precision { Precision(unchecked: max(2, fv_mpfr_prec_min())) }
    /// MPFR's largest precision.
    public static var maximum: Precision { Precision(unchecked: fv_mpfr_prec_max()) }

    /// The number of significant decimal digits that identify every value of this precision
    /// uniquely, so that printing with them and parsing back is the identity:
    /// `1 + ⌈bits · log10 2⌉` (`mpfr_get_str_ndigits`).
    public var roundTripDigits: Int { Int(mpfr_get_str_ndigits(10, bits)) }

    /// The smallest precision whose unit roundoff `2^-bits` is below `10^-digits`.
    public static func holding(decimalDigits digits: Int) throws(MultiPrecisionError) -> Precision {
        // ⌈digits · log2 10⌉ + 1, computed with a rational upper bound of log2 10.
        try Precision(bits: (digits * 33_219_281 + 9_999_999) / 10_000_000 + 1)
    }

    /// This precision plus `extra` bits (e.g. a reference rung `p + 64`).
    public func adding(_ extra: Int) throws(MultiPrecisionError) -> Precision {
        try Precision(bits: bits + extra)
    }

    public static func < (a: Precision, b: Precision) -> Bool { a.bits < b.bits }
    public var description: String { "\(bits) bits" }
}
