import CMPFR
import CTanh
import MultiPrecision
import Testing

/// `BigFloat.tanh` in place takes `fv_tanh_rndn` (Sources/CTanh) at ≤ 192 bits: it must return
/// `mpfr_tanh`'s correctly rounded value bit for bit, and serve most arguments itself (else the
/// comparison would test `mpfr_tanh` against itself).
@Suite("tanh at ≤ 192 bits without MPFR's exponential")
struct FastTanhTests {
    /// y.tanh(x) against mpfr_tanh for `count` random x at result precision `p` and argument
    /// precision `argument`, exponents `exponents`; returns the mismatches and the share of the
    /// calls the fast path answered.
    func compare(_ p: Precision, argument: Precision, exponents: ClosedRange<Int>, count: Int,
                 seed: UInt64) -> (mismatches: [String], fastShare: Double) {
        var rng = SeededGenerator(seed: seed)
        var mismatches: [String] = []
        let before = fv_tanh_counters()
        for _ in 0..<count {
            let x = randomBigFloat(argument, &rng, exponents: exponents)
            var y = BigFloat(precision: p)
            y.tanh(x)
            let reference = BigFloat(precision: p)
            mpfr_tanh(reference.mpfr, x.mpfr, MPFR_RNDN)
            if !y.isIdentical(to: reference) {
                mismatches.append("tanh(\(x)) at \(p.bits) bits: \(y) vs mpfr_tanh \(reference)")
            }
        }
        let after = fv_tanh_counters()
        return (mismatches, Double(after.fast - before.fast) / Double(count))
    }

    @Test("equals mpfr_tanh bit for bit, 4,000 arguments per precision, |x| from 2^-100 to 32",
          arguments: [2, 24, 53, 64, 65, 113, 128, 129, 160, 191, 192])
    func equalsMPFR(_ bits: Int) throws {
        let p = try Precision(bits: bits)
        for argument in [p, try Precision(bits: 192)] {
            // Exponents −99 … 5 are the fast path's domain: the series (below 2^-16) and the
            // exponential (from 2^-16) and the seam between them. (A random significand may
            // start with zeros, so a few arguments fall below 2^-100 and go to mpfr_tanh.)
            let (mismatches, fast) = compare(p, argument: argument, exponents: -98...5, count: 4_000,
                                             seed: 0x7A4E + UInt64(bits) * 131 + UInt64(argument.bits))
            #expect(mismatches.count == 0, "\(mismatches.count) mismatches: \(mismatches.prefix(3))")
            #expect(fast > 0.98, "the fast path answered only \(fast) of the calls")
        }
    }

    /// mpfr_tanh(x) at `p` equals y.tanh(x), which the fast path did not answer.
    func expectMPFR(_ x: BigFloat, _ p: Precision) {
        let before = fv_tanh_counters()
        var y = BigFloat(precision: p)
        y.tanh(x)
        let after = fv_tanh_counters()
        let reference = BigFloat(precision: p)
        mpfr_tanh(reference.mpfr, x.mpfr, MPFR_RNDN)
        #expect(y.isIdentical(to: reference) || (y.isNaN && reference.isNaN), "tanh(\(x)) = \(y), mpfr_tanh \(reference)")
        #expect(mpfr_signbit(y.mpfr) == mpfr_signbit(reference.mpfr), "tanh(\(x)) has the wrong sign")
        #expect(after.fast == before.fast && after.undecided == before.undecided, "the fast path answered tanh(\(x)) at \(p.bits) bits")
    }

    @Test("outside its domain it is mpfr_tanh: above 192 bits, |x| ≥ 32 or < 2^-100, 0, ±∞, NaN")
    func outsideTheDomain() throws {
        let p128 = try Precision(bits: 128), p193 = try Precision(bits: 193)
        var rng = SeededGenerator(seed: 1)
        for _ in 0..<200 {
            let x193 = randomBigFloat(p193, &rng, exponents: -20...5)
            expectMPFR(x193, p193)                     // result above 192 bits
            expectMPFR(x193, p128)                     // argument above 192 bits
            let sign: Double = rng.next() & 1 == 0 ? 1 : -1
            expectMPFR(BigFloat(sign * Double.random(in: 32..<1e6, using: &rng), precision: p128), p128)
            expectMPFR(BigFloat(sign * Double.random(in: 0x1p-1000..<0x1p-101, using: &rng), precision: p128), p128)
        }
        for special in ["0", "-0", "@inf@", "-@inf@", "@nan@"] {
            let x = BigFloat(precision: p128)
            #expect(mpfr_set_str(x.mpfr, special, 10, MPFR_RNDN) == 0, "\(special) did not parse")
            expectMPFR(x, p128)
        }
    }

    @Test("its approximation before the rounding test lies within the proved 2^-232 of tanh|x|, 8,000 arguments")
    func errorBound() throws {
        var rng = SeededGenerator(seed: 6)
        let p256 = try Precision(bits: 256), p450 = try Precision(bits: 450)
        var worst = -Double.infinity, approximated = 0, count = 0
        for bits in [64, 128, 160, 192] {
            for _ in 0..<2_000 {
                let x = randomBigFloat(try Precision(bits: bits), &rng, exponents: -98...5)
                count += 1
                let t = BigFloat(precision: p256)
                guard fv_tanh_approximation(t.mpfr, x.mpfr) == 1 else { continue }
                approximated += 1
                let reference = BigFloat(precision: p450), error = BigFloat(precision: p450)
                mpfr_abs(reference.mpfr, x.mpfr, MPFR_RNDN)
                mpfr_tanh(reference.mpfr, reference.mpfr, MPFR_RNDN)
                mpfr_sub(error.mpfr, t.mpfr, reference.mpfr, MPFR_RNDN)
                mpfr_div(error.mpfr, error.mpfr, reference.mpfr, MPFR_RNDN)
                guard !error.isZero else { continue }
                mpfr_abs(error.mpfr, error.mpfr, MPFR_RNDN)
                mpfr_log2(error.mpfr, error.mpfr, MPFR_RNDN)
                worst = max(worst, mpfr_get_d(error.mpfr, MPFR_RNDN))
            }
        }
        #expect(Double(approximated) > 0.98 * Double(count), "only \(approximated) of \(count) arguments in the domain")
        #expect(worst < -232, "relative error up to 2^\(worst)")
    }

    @Test("in place on its own argument (x.tanh(x)) it reads x before writing it")
    func aliasing() throws {
        let p = try Precision(bits: 160)
        var rng = SeededGenerator(seed: 5)
        for _ in 0..<200 {
            var x = randomBigFloat(p, &rng, exponents: -30...5)
            let reference = BigFloat(precision: p)
            mpfr_tanh(reference.mpfr, x.mpfr, MPFR_RNDN)
            x.tanh(x)
            #expect(x.isIdentical(to: reference))
        }
    }
}
