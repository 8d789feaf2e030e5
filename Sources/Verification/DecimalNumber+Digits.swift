import Foundation
import MultiPrecision

extension DecimalNumber {
    /// `x` written with 17 significant digits ("%.17g", which reads back as `x` in double): how
    /// the claims write the directions they build into explicit initializations.
    /// - Throws: `MultiPrecisionError` for NaN and infinities.
    static func seventeenDigits(_ x: Double) throws -> DecimalNumber { try DecimalNumber(String(format: "%.17g", x)) }
}
