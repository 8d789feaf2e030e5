import MultiPrecision
import Testing

@Suite("Rational")
struct RationalTests {
    @Test("exact arithmetic and canonical form")
    func arithmetic() throws {
        let a = try Rational(parsing: "6/4"), b = try Rational(parsing: "-1/3")
        #expect(a.description == "3/2")
        #expect((a + b).description == "7/6")
        #expect((a - b).description == "11/6")
        #expect((a * b).description == "-1/2")
        #expect((a / b).description == "-9/2")
        #expect(-b == Rational(numerator: 1, denominator: 3))
        #expect(b < a && Rational.abs(b) < a)
        #expect(Rational.pow(a, 3) == Rational(numerator: 27, denominator: 8))
        #expect(Rational.pow(a, -2) == Rational(numerator: 4, denominator: 9))
        // (1/2 + 1/3 + … + 1/20) has the known numerator/denominator of H_20 − 1.
        var h = Rational(0)
        for k in 1...20 { h += Rational(numerator: 1, denominator: k) }
        #expect(h.description == "55835135/15519504")
    }

    @Test("decimal text is read exactly")
    func decimals() throws {
        #expect(try Rational(parsing: "1.25e-3").description == "1/800")
        #expect(try Rational(parsing: "-0.000") == Rational(0))
        #expect(try Rational(parsing: "12e2") == Rational(1200))
        #expect(try Rational(parsing: "+.5") == Rational(numerator: 1, denominator: 2))
        #expect(Rational(exactly: 0.1)!.description == "3602879701896397/36028797018963968")
        #expect(Rational(exactly: Double.nan) == nil)
    }

    @Test("conversion to BigFloat is correctly rounded")
    func toBigFloat() throws {
        let p = try Precision(bits: 10)
        // 1/3 = 0.0101010101|0101…₂: truncated to 10 bits, 341/1024; the rest (2^-10/3) exceeds
        // half an ulp (2^-12), so to nearest it is 683/2048.
        #expect(BigFloat(Rational(numerator: 1, denominator: 3), precision: p).exactRational == Rational(numerator: 683, denominator: 2048))
        #expect(BigFloat(Rational(numerator: 1, denominator: 3), precision: p, rounding: .down).exactRational == Rational(numerator: 341, denominator: 1024))
    }

    @Test("bad rational text", arguments: ["1/0", "0/000", "1/", "/3", "1.5/2", "1/2/3", "1e99999999"])
    func bad(_ text: String) {
        #expect(throws: MultiPrecisionError.self) { _ = try Rational(parsing: text) }
    }
}
