import MultiPrecision
import Testing

/// A dot-product-plus-tanh kernel written once over `Scalar`: r = tanh(Σ_i w_i x_i + b), with
/// the accumulation fused (fma). The same kernel instantiated with Double must give the bits
/// of the hand-written Double code; with BigFloat it must be correctly rounded step by step.
@inlinable
func dotTanh<S: Scalar>(_ w: [S], _ x: [S], bias: S, into r: inout S) {
    r.set(bias)
    for i in w.indices { r.fma(w[i], x[i], r) }
    r.tanh(r)
}

func dotTanhByHand(_ w: [Double], _ x: [Double], bias: Double) -> Double {
    var acc = bias
    for i in w.indices { acc = acc.addingProduct(w[i], x[i]) }
    return Foundation.tanh(acc)
}

import Foundation

@Suite("Generic Scalar code")
struct GenericKernelTests {
    @Test("generic kernel with Double is bit-identical to hand-written Double code")
    func bitIdentical() {
        var rng = SeededGenerator(seed: 42)
        for n in [1, 2, 5, 17, 100, 1000] {
            for _ in 0..<200 {
                let w = (0..<n).map { _ in rng.nextUnitDouble() * 2 - 1 }
                let x = (0..<n).map { _ in (rng.nextUnitDouble() * 2 - 1) * 3 }
                let b = rng.nextUnitDouble() - 0.5
                var r = 0.0
                dotTanh(w, x, bias: b, into: &r)
                #expect(r.bitPattern == dotTanhByHand(w, x, bias: b).bitPattern)
            }
        }
    }

    @Test("generic kernel with BigFloat agrees with the exact rational dot product")
    func bigFloatKernel() throws {
        let p = try Precision(bits: 256)
        var rng = SeededGenerator(seed: 43)
        for _ in 0..<100 {
            let wd = (0..<8).map { _ in rng.nextUnitDouble() - 0.5 }
            let xd = (0..<8).map { _ in rng.nextUnitDouble() - 0.5 }
            let w = wd.map { BigFloat($0, precision: p) }, x = xd.map { BigFloat($0, precision: p) }
            var r = BigFloat(0, precision: p)
            dotTanh(w, x, bias: BigFloat(0, precision: p), into: &r)
            // Independent: the dot product of doubles is exact in Rational (and exact at 256 bits:
            // 8 products of 53-bit numbers need at most ~110 + 3 bits), then one tanh.
            var dot = Rational(0)
            for i in 0..<8 { dot += Rational(exactly: wd[i])! * Rational(exactly: xd[i])! }
            #expect(r == BigFloat.tanh(BigFloat(dot, precision: p)))
        }
    }
}
