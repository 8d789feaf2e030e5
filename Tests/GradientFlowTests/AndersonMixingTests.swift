@testable import GradientFlow
import MultiPrecision
import Testing

@Suite("Anderson mixing of a fixed-point iteration")
struct AndersonMixingTests {
    static let p = try! Precision(bits: 128)
    static let n = 12
    /// G(x) = a ∘ x + c with contraction factors a_i from 0.1 to 0.95 (the slowest modes
    /// dominate the plain iteration) and fixed point x*_i = c_i/(1 − a_i).
    static let a = (0..<n).map { BigFloat(Rational(numerator: 95 - 7 * $0, denominator: 100), precision: p) }
    static let c = (0..<n).map { BigFloat(Rational(numerator: $0 % 2 == 0 ? 1 : -1, denominator: $0 + 1), precision: p) }

    /// Iterates from 0 until |G(x) − x|∞ ≤ 2^−100; returns the iterations and the final G(x).
    static func solve(depth: Int) -> (iterations: Int, image: [BigFloat]) {
        var mixing = AndersonMixing<BigFloat>(count: n, depth: depth, precision: p)
        let x = UnsafeMutablePointer<BigFloat>.allocate(capacity: n), g = UnsafeMutablePointer<BigFloat>.allocate(capacity: n)
        defer { x.deinitialize(count: n); x.deallocate(); g.deinitialize(count: n); g.deallocate() }
        x.initialize(repeating: BigFloat(0, precision: p), count: n)
        g.initialize(repeating: BigFloat(0, precision: p), count: n)
        let bound = BigFloat(Rational.pow(Rational(2), -100), precision: p)
        for iteration in 1...5000 {
            var change = BigFloat(0, precision: p)
            for i in 0..<n {
                g[i] = a[i] * x[i] + c[i]
                change = max(change, BigFloat.abs(g[i] - x[i]))
            }
            if change <= bound { return (iteration, (0..<n).map { g[$0] }) }
            mixing.mix(iterate: x, image: g)
            for i in 0..<n { x[i] = g[i] }
        }
        return (5000, (0..<n).map { g[$0] })
    }

    /// Both reach the fixed point to within the bound's order; mixing four past iterates takes
    /// a fraction of the plain iteration's steps (which contract by 0.95 per step).
    @Test("mixing reaches the same fixed point in far fewer iterations") func linearMap() {
        let plain = Self.solve(depth: 0), mixed = Self.solve(depth: 4)
        let tolerance = BigFloat(Rational.pow(Rational(2), -90), precision: Self.p)
        for (i, (u, v)) in zip(plain.image, mixed.image).enumerated() {
            let exact = Self.c[i] / (BigFloat(1, precision: Self.p) - Self.a[i])
            #expect(BigFloat.abs(u - exact) <= tolerance && BigFloat.abs(v - exact) <= tolerance, "component \(i)")
        }
        #expect(plain.iterations > 1000 && plain.iterations < 5000, "plain: \(plain.iterations)")
        #expect(mixed.iterations * 4 < plain.iterations, "mixed \(mixed.iterations) vs plain \(plain.iterations)")
    }

    /// Depth 0 leaves the image as the next iterate: the plain iteration.
    @Test("depth 0 is the plain iteration") func plain() {
        var mixing = AndersonMixing<BigFloat>(count: 2, depth: 0, precision: Self.p)
        var x = [BigFloat(1, precision: Self.p), BigFloat(2, precision: Self.p)]
        var g = [BigFloat(3, precision: Self.p), BigFloat(5, precision: Self.p)]
        for _ in 0..<3 { mixing.mix(iterate: &x, image: &g) }
        #expect(g[0] == BigFloat(3, precision: Self.p) && g[1] == BigFloat(5, precision: Self.p))
    }
}
