@testable import GradientFlow
import MultiPrecision
import Testing

/// `ExactDot` (the BigFloat fast path of the Taylor recurrences' Cauchy products and of the
/// collocation stepper's matrix products)
/// against the exact rational sum: equal to it correctly rounded when there is no massive
/// cancellation; otherwise within one ulp plus the fixed-point truncation, at most
/// 4·(terms)·2^(−64(N+1)+2) of the largest term for N-limb operands (a chain of fma's errs by up
/// to (terms)·2^(−p) of the running sums, about 2^64 times more).
@Suite("Exact dot products")
struct ExactDotTests {
    /// A deterministic pseudo-random generator (LCG), so that failures reproduce.
    struct LCG {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return state >> 11
        }
        mutating func unit() -> Double { Double(next()) / Double(1 << 53) }
    }

    /// A BigFloat with `bits` random significand bits (exact rational known), sign random,
    /// exponent in ±spread.
    static func random(_ g: inout LCG, _ p: Precision, spread: Int) -> (BigFloat, Rational) {
        var r = Rational(0)
        for _ in 0..<((p.bits + 51) / 52) {
            r = r * Rational.pow(Rational(2), 52) + Rational(Int(g.next() >> 12))
        }
        r = r / Rational.pow(Rational(2), 52 * ((p.bits + 51) / 52))
        let e = Int(g.next() % UInt64(2 * spread + 1)) - spread
        r = r * Rational.pow(Rational(2), e)
        if g.next() & 1 == 1 { r = -r }
        let x = BigFloat(r, precision: p)
        return (x, Rational(exactly: x)!)
    }

    func check(bits: Int, count: Int, spread: Int, trials: Int, seed: UInt64) throws {
        let p = try Precision(bits: bits)
        var g = LCG(state: seed)
        let dot = ExactDot(precision: p)
        for trial in 0..<trials {
            var a: [BigFloat] = [], b: [BigFloat] = [], c: [BigFloat] = []
            var exact = Rational(0)
            var largest = Rational(0)
            func abs(_ r: Rational) -> Rational { r.signum < 0 ? -r : r }
            for _ in 0..<count {
                let (x, rx) = Self.random(&g, p, spread: spread), (y, ry) = Self.random(&g, p, spread: spread)
                a.append(x); b.append(y); exact = exact + rx * ry
                if abs(rx * ry) > largest { largest = abs(rx * ry) }
            }
            if trial % 3 == 0 {
                let (z, rz) = Self.random(&g, p, spread: spread)
                c.append(z); exact = exact + rz
                if abs(rz) > largest { largest = abs(rz) }
            }
            let cancelling = trial % 5 == 1 && count >= 2
            if cancelling {
                // Massive cancellation: make the last product cancel most of the others.
                let partial = exact - Rational(exactly: a[count - 1])! * Rational(exactly: b[count - 1])!
                b[count - 1] = BigFloat(-partial / Rational(exactly: a[count - 1])!, precision: p)
                exact = partial + Rational(exactly: a[count - 1])! * Rational(exactly: b[count - 1])!
            }
            let out = BigFloat(0, precision: p)
            dot.dot(a, b, plus: c, into: out)
            let rounded = BigFloat(exact, precision: p)
            if cancelling {
                let limbs = (bits + 63) / 64
                let bound = abs(exact) * Rational.pow(Rational(2), -(bits - 1))
                    + largest * Rational(4 * (count + 1)) * Rational.pow(Rational(2), -(64 * (limbs + 1) - 2))
                #expect(abs(Rational(exactly: out)! - exact) <= bound, "trial \(trial): \(out) vs \(rounded)")
            } else {
                #expect(out == rounded, "trial \(trial): \(out) vs \(rounded)")
            }
        }
    }

    @Test("matches the exact sum (256 bits)") func bits256() throws {
        try check(bits: 256, count: 45, spread: 40, trials: 200, seed: 1)
    }
    @Test("matches the exact sum (320 and 1024 bits, wide exponents)") func wide() throws {
        try check(bits: 320, count: 30, spread: 300, trials: 100, seed: 2)
        try check(bits: 1024, count: 20, spread: 2000, trials: 50, seed: 3)
    }

    /// Shortened products (`productBits`): each term errs by less than 2^(3 − 64A) of its size
    /// for A-limb operands (the bits the shift drops below a shortened product are far smaller),
    /// so the sum errs by at most Σ|terms|·2^(4 − 64A) plus the final rounding; and the
    /// shortening is real: the result differs from the exact sum beyond full precision.
    @Test("shortened products: within their bound, and really shortened (1,024 bits, 2 limbs)")
    func shortened() throws {
        let bits = 1024, A = 2
        let p = try Precision(bits: bits)
        var g = LCG(state: 4)
        let dot = ExactDot(precision: p)
        func abs(_ r: Rational) -> Rational { r.signum < 0 ? -r : r }
        var beyondFull = 0
        for trial in 0..<40 {
            var a: [BigFloat] = [], b: [BigFloat] = []
            var exact = Rational(0), magnitude = Rational(0)
            for _ in 0..<12 {
                let (x, rx) = Self.random(&g, p, spread: 30), (y, ry) = Self.random(&g, p, spread: 30)
                a.append(x); b.append(y); exact = exact + rx * ry; magnitude = magnitude + abs(rx * ry)
            }
            let out = BigFloat(0, precision: p)
            dot.dot(a, b, into: out, productBits: 64 * A)
            let error = abs(Rational(exactly: out)! - exact)
            let bound = magnitude * Rational.pow(Rational(2), 4 - 64 * A) + abs(exact) * Rational.pow(Rational(2), -(bits - 1))
            #expect(error <= bound, "trial \(trial)")
            if error > magnitude * Rational.pow(Rational(2), -(bits - 64)) { beyondFull += 1 }
        }
        #expect(beyondFull > 30, "only \(beyondFull) of 40 sums differ beyond full precision: products not shortened")
        // The same accumulator without `productBits` is exact again: the correctly rounded sum.
        let (x, rx) = Self.random(&g, p, spread: 30), (y, ry) = Self.random(&g, p, spread: 30)
        let (z, rz) = Self.random(&g, p, spread: 30), (w, rw) = Self.random(&g, p, spread: 30)
        let out = BigFloat(0, precision: p)
        dot.dot([x, z], [y, w], into: out)
        #expect(out == BigFloat(rx * ry + rz * rw, precision: p))
    }

    /// The collocation stepper's sums: operands of the accumulator's precision times operands
    /// of a working precision with fewer limbs (and terms of that working precision alone,
    /// signs flipped by `negated`), rounded into a working-precision register: the correctly
    /// rounded sum. Values whose low limbs carry bits exercise the limb placement and the
    /// shift of products and single terms (a lost bit shows as a wrong last digit).
    @Test("mixed precisions and negated terms: the correctly rounded sum (448/288, 320/128, 256/64 bits)",
          arguments: [(448, 288, UInt64(5)), (320, 128, 6), (256, 64, 7)])
    func mixed(extendedBits: Int, workingBits: Int, seed: UInt64) throws {
        let e = try Precision(bits: extendedBits), p = try Precision(bits: workingBits)
        var g = LCG(state: seed)
        let dot = ExactDot(precision: e)
        for trial in 0..<150 {
            var exact = Rational(0)
            var operands: [(BigFloat, BigFloat, Bool)] = [], values: [(BigFloat, Bool)] = []
            for j in 0..<(1 + trial % 13) {
                let (x, rx) = Self.random(&g, j % 3 == 2 ? p : e, spread: 20), (y, ry) = Self.random(&g, p, spread: 20)
                let negated = g.next() & 1 == 1
                operands.append((x, y, negated)); exact = exact + (negated ? -(rx * ry) : rx * ry)
            }
            for _ in 0..<(trial % 3) {
                let (z, rz) = Self.random(&g, p, spread: 20)
                let negated = g.next() & 1 == 1
                values.append((z, negated)); exact = exact + (negated ? -rz : rz)
            }
            let out = BigFloat(0, precision: p)
            dot.begin()
            for (x, y, negated) in operands { dot.addProduct(x.mpfr, y.mpfr, negated: negated) }
            for (z, negated) in values { dot.addValue(z.mpfr, negated: negated) }
            dot.finish(into: out.mpfr)
            #expect(out == BigFloat(exact, precision: p), "trial \(trial)")
        }
    }

    @Test("zeros, empty sums, NaN") func specials() throws {
        let p = try Precision(bits: 128)
        let dot = ExactDot(precision: p)
        let out = BigFloat(5, precision: p)
        dot.dot([], [], into: out)
        #expect(out.isZero)
        let one = BigFloat(1, precision: p), zero = BigFloat(0, precision: p), three = BigFloat(3, precision: p)
        dot.dot([zero, three], [one, three], into: out)
        #expect(out == BigFloat(9, precision: p))
        dot.dot([three, three], [three, -three], into: out)
        #expect(out.isZero)
        let nan = BigFloat(Double.nan, precision: p)
        dot.dot([nan], [one], into: out)
        #expect(out.isNaN)
    }
}
