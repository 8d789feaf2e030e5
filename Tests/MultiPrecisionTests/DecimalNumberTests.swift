import Foundation
import MultiPrecision
import Testing

@Suite("DecimalNumber: parsed once, exact, printed as written")
struct DecimalNumberTests {
    @Test("the exact value and the text as written; equality by value")
    func exactAndText() throws {
        let a = try DecimalNumber("1e-6"), b = try DecimalNumber("0.000001")
        #expect(a.text == "1e-6" && b.text == "0.000001")
        #expect(a == b && a.hashValue == b.hashValue)
        #expect(a.exact == Rational(numerator: 1, denominator: 1_000_000))
        #expect(try DecimalNumber("-3/4").exact == Rational(numerator: -3, denominator: 4))
        #expect(try DecimalNumber("0").isZero && !(try DecimalNumber("0").isPositive))
        #expect(try DecimalNumber("2.5e3").isPositive)
    }

    @Test("value(at:) is the correctly rounded value, as MPFR parses the decimal text", arguments: ["1e-6", "0.1", "1e300", "-7.25e-40"])
    func rounding(_ text: String) throws {
        for bits in [53, 113, 256, 2048] {
            let p = try Precision(bits: bits)
            let x: BigFloat = try DecimalNumber(text).value(at: p)
            #expect(x == (try BigFloat(parsing: text, precision: p)), "\(text) at \(bits) bits")
        }
        #expect(try DecimalNumber(text).doubleValue == (try BigFloat(parsing: text, precision: .double)).doubleValue)
    }

    @Test("a rational's value is the correctly rounded quotient")
    func rationalRounding() throws {
        for bits in [53, 256, 2048] {
            let p = try Precision(bits: bits)
            let x: BigFloat = try DecimalNumber("-1/3").value(at: p)
            #expect(x == BigFloat(-1, precision: p) / BigFloat(3, precision: p))
        }
    }

    @Test("malformed text is refused", arguments: ["", "1e", "abc", "1/0", "0x10", "1 ", "inf", "nan", "1e9999999"])
    func malformed(_ text: String) {
        #expect(throws: MultiPrecisionError.self) { try DecimalNumber(text) }
    }

    @Test("from Double and Int; NaN and infinities give nil")
    func fromNumbers() {
        #expect(DecimalNumber(0.1)?.text == "0.1" && DecimalNumber(0.1)?.doubleValue == 0.1)
        #expect(DecimalNumber(Double.nan) == nil && DecimalNumber(-Double.infinity) == nil)
        #expect(DecimalNumber(400).text == "400" && DecimalNumber(400).exact == Rational(400))
    }

    @Test("printed as its text; inside another value, as the string literal it was written as")
    func printing() throws {
        let x = try DecimalNumber("1e-6")
        #expect("\(x)" == "1e-6")
        #expect(String(reflecting: x) == #""1e-6""#)
        #expect("\([x, "0.5"] as [DecimalNumber])" == #"["1e-6", "0.5"]"#)
        #expect("\((scale: x, n: 2))" == #"(scale: "1e-6", n: 2)"#)
    }

    @Test("Codable as its text; a malformed string fails to decode")
    func codable() throws {
        struct Box: Codable { var t: DecimalNumber }
        let data = try JSONEncoder().encode(Box(t: "1e12"))
        #expect(String(decoding: data, as: UTF8.self) == #"{"t":"1e12"}"#)
        #expect(try JSONDecoder().decode(Box.self, from: data).t.text == "1e12")
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Box.self, from: Data(#"{"t":"1e"}"#.utf8)) }
    }
}
