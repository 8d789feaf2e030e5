import MultiPrecision
import Testing

@Suite("Decimal conversion and bad input")
struct DecimalTests {
    @Test("parse(print(x)) == x", arguments: [53, 113, 256, 1000])
    func roundTrip(bits: Int) throws {
        let p = try Precision(bits: bits)
        var rng = SeededGenerator(seed: UInt64(bits))
        for _ in 0..<2_000 {
            let x = randomBigFloat(p, &rng, exponents: -4000...4000)
            let back = try BigFloat(parsing: x.description, precision: p)
            #expect(back.isIdentical(to: x), "\(x.description)")
        }
        // Fewer digits than the round-trip count cannot always identify a value: the digit
        // count is the smallest that works (checked on one value where it matters).
        #expect(p.roundTripDigits == 1 + Int((Double(bits) * 0.30102999566398120).rounded(.up)))
    }

    @Test("decimal text is correctly rounded at the target precision")
    func correctlyRoundedParsing() throws {
        // 0.1 at 53 bits is the Double nearest 0.1.
        #expect(try BigFloat(parsing: "0.1", precision: .double).doubleValue == 0.1)
        // 1/3 written with 60 digits, rounded at 100 bits, equals the rational 1/3 rounded there
        // (the 60-digit text is within 1e-60 of 1/3, far inside half an ulp at 100 bits unless
        // at a tie, which 1/3 is not).
        let p = try Precision(bits: 100)
        let text = "0." + String(repeating: "3", count: 60)
        #expect(try BigFloat(parsing: text, precision: p) == BigFloat(Rational(numerator: 1, denominator: 3), precision: p))
        // Exact decimal ties round to even: 2^53 + 1 at 53 bits → 2^53.
        #expect(try BigFloat(parsing: "9007199254740993", precision: .double).doubleValue == 9007199254740992)
        // Tiny and huge scales are held, not flushed (MPFR's exponent range, about ±1e323228496).
        let tiny = try BigFloat(parsing: "1e-3000", precision: p)
        #expect(!tiny.isZero && tiny.exponent == -9965)   // 2^-9966 ≤ 1e-3000 < 2^-9965
    }

    @Test("BigFloat to Double is correctly rounded, including subnormals")
    func toDouble() throws {
        let p = try Precision(bits: 200)
        #expect(BigFloat(Rational(numerator: 1, denominator: 3), precision: p).doubleValue == 1.0 / 3.0)
        #expect(try BigFloat(parsing: "4.9406564584124654e-324", precision: p).doubleValue == Double.leastNonzeroMagnitude)
        #expect(try BigFloat(parsing: "1e400", precision: p).doubleValue == .infinity)
        #expect(try BigFloat(parsing: "2.2250738585072011e-308", precision: p).doubleValue == 2.2250738585072011e-308)
    }

    @Test("malformed decimal text throws a typed error quoting the text",
          arguments: ["1e+", "--1", "", "0x1p", "nan?", "1.2.3", " 1", "1 ", "e5", ".", "+", "1e", "1/2", "in", "١٢"])
    func malformed(_ text: String) {
        #expect {
            _ = try BigFloat(parsing: text, precision: .double)
        } throws: { error in
            guard case MultiPrecisionError.malformedNumber(let quoted, let reason) = error else { return false }
            return quoted == text && !reason.isEmpty && "\(error)".contains("\"\(text)\"")
        }
    }

    @Test("out-of-range magnitudes throw instead of becoming inf or 0")
    func outOfRange() {
        for text in ["1e999999999999", "-1e99999999999", "1e-999999999999"] {
            #expect(throws: MultiPrecisionError.outOfRange(text: text)) {
                _ = try BigFloat(parsing: text, precision: .double)
            }
        }
        #expect(throws: Never.self) { _ = try BigFloat(parsing: "0e-999999999999", precision: .double) }
    }

    @Test("special values parse and print", arguments: ["inf", "-inf", "nan"])
    func specials(_ text: String) throws {
        let x = try BigFloat(parsing: text, precision: .double)
        #expect(x.description == text)
    }

    @Test("illegal precision is a typed error, not a crash", arguments: [-5, 0, 1, Int.max])
    func illegalPrecision(_ bits: Int) {
        #expect(throws: MultiPrecisionError.illegalPrecision(bits)) { _ = try Precision(bits: bits) }
    }

    @Test("legal precision extremes")
    func legalPrecisions() throws {
        #expect(try Precision(bits: 2).bits == 2)
        let x = BigFloat(Rational(numerator: 2, denominator: 3), precision: try Precision(bits: 2))
        #expect(x.doubleValue == 0.75)   // 2/3 at 2 bits: candidates 0.5, 0.75 → 0.75
    }
}
