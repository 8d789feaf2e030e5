import CMPFR
import MultiPrecision

/// A random finite BigFloat with all `p` significand bits random, a random sign, and a binary
/// exponent in `exponents`, built exactly from 64-bit chunks of the seeded generator.
func randomBigFloat(_ p: Precision, _ rng: inout SeededGenerator,
                    exponents: ClosedRange<Int> = -20...20, positive: Bool = false) -> BigFloat {
    var x = BigFloat(0, precision: p)
    let chunk = BigFloat(precision: p)
    var filled = 0
    while filled < p.bits {
        let bits = min(64, p.bits - filled)
        let v = rng.next() >> UInt64(64 - bits)
        mpfr_set_ui_2exp(chunk.mpfr, UInt(v), -(filled + bits), MPFR_RNDN)   // exact
        x.add(x, chunk)                                                       // exact: disjoint bits
        filled += bits
    }
    if x.isZero { x.set(1) }
    x.scale(x, byPowerOfTwo: Int.random(in: exponents, using: &rng))
    if !positive, rng.next() & 1 == 1 { x.neg(x) }
    return x
}

func randomPrecision(_ rng: inout SeededGenerator, _ range: ClosedRange<Int> = 2...4096) -> Precision {
    try! Precision(bits: Int.random(in: range, using: &rng))
}
