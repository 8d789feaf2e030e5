import Foundation
import MultiPrecision

extension DecimalNumber {
    /// `x` written with 17 significant digits ("%.17g", which reads back as `x` in double): how
    /// the claims write the directions they build into explicit initializations.
    /// - Throws: `MultiPrecisionError` for NaN and infinities.
    static func seventeenDigits(_ x: Double) throws -> DecimalNumber { try DecimalNumber(String(format: "%.17g", x)) }

    /// log₁₀|x| rounded to double, from the exact value (any exponent: "1e-400" gives −400,
    /// where its double value would be 0): formed at 113 bits, so an exact power of ten gives
    /// an exact integer. −∞ for 0.
    var log10Magnitude: Double {
        let x: BigFloat = value(at: .quad)
        guard !x.isZero else { return -.infinity }
        return (BigFloat.log(BigFloat.abs(x)) / BigFloat.log(BigFloat(10, precision: .quad))).doubleValue
    }
}
