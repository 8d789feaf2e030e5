import CMPFR
import MultiPrecision
import Testing

/// `BigFloat` has value semantics: a copy is written in place through every in-place entry
/// point and the original keeps its value (with the former class, every copy shared one MPFR
/// value and all of these failed).
@Suite("BigFloat value semantics")
struct ValueSemanticsTests {
    typealias Write = @Sendable (inout BigFloat, BigFloat, BigFloat, BigFloat) -> Void

    /// Every in-place entry point, round to nearest and with explicit rounding.
    static let entryPoints: [(String, Write)] = [
        ("set", { x, a, _, _ in x.set(a) }), ("set(n)", { x, _, _, _ in x.set(5) }),
        ("add", { x, a, b, _ in x.add(a, b) }), ("sub", { x, a, b, _ in x.sub(a, b) }),
        ("mul", { x, a, b, _ in x.mul(a, b) }), ("div", { x, a, b, _ in x.div(a, b) }),
        ("fma", { x, a, b, c in x.fma(a, b, c) }), ("fms", { x, a, b, c in x.fms(a, b, c) }),
        ("mul(n)", { x, a, _, _ in x.mul(a, 3) }), ("div(n)", { x, a, _, _ in x.div(a, 3) }),
        ("scale", { x, a, _, _ in x.scale(a, byPowerOfTwo: 3) }), ("neg", { x, a, _, _ in x.neg(a) }),
        ("abs", { x, _, _, c in x.abs(c) }), ("sqr", { x, a, _, _ in x.sqr(a) }),
        ("sqrt", { x, a, _, _ in x.sqrt(a) }), ("exp", { x, a, _, _ in x.exp(a) }),
        ("expm1", { x, a, _, _ in x.expm1(a) }), ("log", { x, a, _, _ in x.log(a) }),
        ("log1p", { x, a, _, _ in x.log1p(a) }), ("tanh", { x, a, _, _ in x.tanh(a) }),
        ("sinh", { x, a, _, _ in x.sinh(a) }), ("cosh", { x, a, _, _ in x.cosh(a) }),
        ("atanh", { x, a, _, _ in x.atanh(a) }), ("pow", { x, a, b, _ in x.pow(a, b) }),
        ("pow(n)", { x, a, _, _ in x.pow(a, 3) }),
        ("set rounding", { x, a, _, _ in x.set(a, rounding: .up) }), ("set(n) rounding", { x, _, _, _ in x.set(5, rounding: .up) }),
        ("add rounding", { x, a, b, _ in x.add(a, b, rounding: .up) }), ("sub rounding", { x, a, b, _ in x.sub(a, b, rounding: .up) }),
        ("mul rounding", { x, a, b, _ in x.mul(a, b, rounding: .up) }), ("div rounding", { x, a, b, _ in x.div(a, b, rounding: .up) }),
        ("fma rounding", { x, a, b, c in x.fma(a, b, c, rounding: .up) }), ("fms rounding", { x, a, b, c in x.fms(a, b, c, rounding: .up) }),
        ("mul(n) rounding", { x, a, _, _ in x.mul(a, 3, rounding: .up) }),
        ("div(n) rounding", { x, a, _, _ in x.div(a, 3, rounding: .up) }),
        ("scale rounding", { x, a, _, _ in x.scale(a, byPowerOfTwo: 3, rounding: .up) }),
        ("neg rounding", { x, a, _, _ in x.neg(a, rounding: .up) }), ("abs rounding", { x, _, _, c in x.abs(c, rounding: .up) }),
        ("sqr rounding", { x, a, _, _ in x.sqr(a, rounding: .up) }), ("sqrt rounding", { x, a, _, _ in x.sqrt(a, rounding: .up) }),
        ("exp rounding", { x, a, _, _ in x.exp(a, rounding: .up) }), ("expm1 rounding", { x, a, _, _ in x.expm1(a, rounding: .up) }),
        ("log rounding", { x, a, _, _ in x.log(a, rounding: .up) }), ("log1p rounding", { x, a, _, _ in x.log1p(a, rounding: .up) }),
        ("tanh rounding", { x, a, _, _ in x.tanh(a, rounding: .up) }), ("sinh rounding", { x, a, _, _ in x.sinh(a, rounding: .up) }),
        ("cosh rounding", { x, a, _, _ in x.cosh(a, rounding: .up) }), ("atanh rounding", { x, a, _, _ in x.atanh(a, rounding: .up) }),
        ("pow rounding", { x, a, b, _ in x.pow(a, b, rounding: .up) }), ("pow(n) rounding", { x, a, _, _ in x.pow(a, 3, rounding: .up) }),
        ("withUnsafeMutableMPFR", { x, _, _, _ in x.withUnsafeMutableMPFR { _ = mpfr_set_si($0, 7, MPFR_RNDN) } }),
    ]

    static let p = try! Precision(bits: 256)
    static func value(_ s: String) -> BigFloat { try! BigFloat(parsing: s, precision: p) }

    @Test("var y = x; y.op(a, b, c) leaves x unchanged and changes y", arguments: 0..<entryPoints.count)
    func copyThenWrite(_ index: Int) {
        let (name, write) = Self.entryPoints[index]
        let x = Self.value("0.3"), a = Self.value("0.7"), b = Self.value("1.9"), c = Self.value("-0.4")
        var y = x
        write(&y, a, b, c)
        #expect(x.isIdentical(to: Self.value("0.3")), "\(name) changed the original: \(x)")
        #expect(!y.isIdentical(to: x), "\(name) did not write into the copy")
    }

    @Test("the copy as an operand of its own write: var y = x; y.op(y, y, y) leaves x unchanged",
          arguments: 0..<entryPoints.count)
    func copyThenAliasedWrite(_ index: Int) {
        let (name, write) = Self.entryPoints[index]
        let x = Self.value("0.3")
        var y = x, expected = Self.value("0.3")
        write(&y, y, y, y)
        write(&expected, Self.value("0.3"), Self.value("0.3"), Self.value("0.3"))
        #expect(x.isIdentical(to: Self.value("0.3")), "\(name) changed the original: \(x)")
        #expect(y.isIdentical(to: expected), "\(name) aliased: \(y), expected \(expected)")
    }

    @Test("an operand that shares the receiver's storage keeps its value: let y = x; x.add(y, y)")
    func sharedOperand() {
        var x = Self.value("0.3")
        let y = x
        x.add(y, y)     // 2y, exact
        x.fma(y, x, y)  // y·2y + y, one rounding
        let r = y.exactRational!
        #expect(y.isIdentical(to: Self.value("0.3")))
        #expect(x.isIdentical(to: BigFloat(r * (r + r) + r, precision: Self.p)))
    }

    @Test("arrays and generic code copy too: writing into a copied array or a generic copy")
    func arraysAndGenerics() {
        let original = [Self.value("0.3"), Self.value("0.7")]
        var copy = original
        copy[0].add(copy[0], copy[1])
        #expect(original[0].isIdentical(to: Self.value("0.3")))
        let sum = original[0].exactRational! + original[1].exactRational!
        #expect(copy[0].isIdentical(to: BigFloat(sum, precision: Self.p)))
        func doubled<S: Scalar>(_ v: S) -> S { var w = v; w.add(w, w); return w }
        let x = Self.value("0.3")
        #expect(doubled(x).isIdentical(to: Self.value("0.6")))   // 2·RN(0.3) = RN(0.6)
        #expect(x.isIdentical(to: Self.value("0.3")))
    }
}
