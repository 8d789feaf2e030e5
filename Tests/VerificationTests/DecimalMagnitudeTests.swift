import Foundation
import MultiPrecision
import Testing
@testable import Verification

/// `DecimalNumber.log10Magnitude`, which claim 1 uses for ln(1/ε) scalings and its precision
/// study: exact for powers of ten at any exponent (no text splitting, no double underflow).
@Suite("Decimal magnitudes")
struct DecimalMagnitudeTests {
    @Test("powers of ten give exact integers, beyond double's range too", arguments: [
        ("1e-30", -30.0), ("1e-60", -60.0), ("1e-400", -400.0), ("0.001", -3.0), ("1e400", 400.0), ("-1e-10", -10.0),
    ])
    func powersOfTen(_ text: String, _ expected: Double) throws {
        #expect(try DecimalNumber(text).log10Magnitude == expected)
    }

    @Test("other values agree with Foundation's log10 to double rounding")
    func otherValues() throws {
        for (text, x) in [("2.5e-7", 2.5e-7), ("3/7", 3.0 / 7.0), ("123.456", 123.456)] {
            let got = try DecimalNumber(text).log10Magnitude
            #expect(abs(got - log10(x)) <= 4 * Double.ulpOfOne * abs(log10(x)), "\(text): \(got) vs \(log10(x))")
        }
        #expect(DecimalNumber(0).log10Magnitude == -.infinity)
    }
}
