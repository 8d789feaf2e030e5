/// The typed errors of the multiprecision core. Every one quotes the offending input, so a
/// message can name the bad field without further context.
public enum MultiPrecisionError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A precision outside MPFR's range `MPFR_PREC_MIN ... MPFR_PREC_MAX` (2 ... about 2^63 bits).
    case illegalPrecision(Int)
    /// Text that is not a number of the accepted grammar (see `DecimalSyntax`).
    case malformedNumber(text: String, reason: String)
    /// A well-formed number whose magnitude lies outside MPFR's exponent range (or, for exact
    /// rationals, outside `DecimalSyntax.maximumRationalExponent`).
    case outOfRange(text: String)
    /// A rational with zero denominator.
    case zeroDenominator(text: String)

    public var description: String {
        switch self {
        case .illegalPrecision(let bits):
            return "illegal precision \(bits) bits (must be \(Precision.minimum.bits)...\(Precision.maximum.bits))"
        case .malformedNumber(let text, let reason):
            return "malformed number \"\(text)\": \(reason)"
        case .outOfRange(let text):
            return "number \"\(text)\" is outside the representable exponent range"
        case .zeroDenominator(let text):
            return "rational \"\(text)\" has a zero denominator"
        }
    }
}
