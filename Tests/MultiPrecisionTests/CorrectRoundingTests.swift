import CMPFR
import MultiPrecision
import Testing

/// Correct rounding checked the way MPFR tests itself: the result at precision p must equal the
/// result at p + 64 rounded to p, whenever that rounding is decidable (`mpfr_can_round`: the
/// p+64 result is within half an ulp of the exact value), or when the p+64 result is exact.
@Suite("Correct rounding")
struct CorrectRoundingTests {
    enum Operation: String, CaseIterable, CustomTestStringConvertible {
        case add, sub, mul, div, sqrt, exp, log, tanh
        var testDescription: String { rawValue }
        var arity: Int { [.add, .sub, .mul, .div].contains(self) ? 2 : 1 }

        /// Applies the operation through the Swift in-place API.
        func apply(_ r: inout BigFloat, _ a: BigFloat, _ b: BigFloat) -> Inexactness {
            switch self {
            case .add: return r.add(a, b, rounding: .toNearest)
            case .sub: return r.sub(a, b, rounding: .toNearest)
            case .mul: return r.mul(a, b, rounding: .toNearest)
            case .div: return r.div(a, b, rounding: .toNearest)
            case .sqrt: return r.sqrt(a, rounding: .toNearest)
            case .exp: return r.exp(a, rounding: .toNearest)
            case .log: return r.log(a, rounding: .toNearest)
            case .tanh: return r.tanh(a, rounding: .toNearest)
            }
        }

        /// Operand exponents: sqrt and log need positive operands; exp must not overflow.
        var positive: Bool { self == .sqrt || self == .log }
        var exponents: ClosedRange<Int> { self == .exp || self == .tanh ? -40...9 : -200...200 }
    }

    @Test("p-bit result equals the (p+64)-bit result rounded to p, 10,000 cases",
          arguments: Operation.allCases)
    func correctRounding(_ op: Operation) throws {
        var rng = SeededGenerator(seed: 0xC0FFEE + UInt64(Operation.allCases.firstIndex(of: op)!))
        var decided = 0, mismatches: [String] = []
        for _ in 0..<10_000 {
            let p = randomPrecision(&rng)
            let wide = try p.adding(64)
            let a = randomBigFloat(p, &rng, exponents: op.exponents, positive: op.positive)
            let b = randomBigFloat(p, &rng, exponents: op.exponents)
            var r = BigFloat(precision: p), rWide = BigFloat(precision: wide)
            _ = op.apply(&r, a, b)
            let wideInexactness = op.apply(&rWide, a, b)
            // |rWide − exact| ≤ half an ulp at p + 64 bits ≤ 2^(EXP(rWide) − (p + 64)): err = p + 64.
            let decidable = wideInexactness == .exact || !rWide.isFinite || rWide.isZero
                || mpfr_can_round(rWide.mpfr, p.bits + 64, MPFR_RNDN, MPFR_RNDN, p.bits) != 0
            guard decidable else { continue }
            decided += 1
            let rounded = BigFloat(rWide, precision: p)
            if !rounded.isIdentical(to: r) {
                mismatches.append("\(op)(\(a), \(b)) at \(p.bits) bits: \(r) vs \(rounded)")
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(3))")
        #expect(decided >= 9_900, "only \(decided) of 10,000 cases were decidable")
    }

    @Test("directed rounding brackets the exact result")
    func directedRounding() throws {
        var rng = SeededGenerator(seed: 7)
        for _ in 0..<1_000 {
            let p = randomPrecision(&rng, 2...512)
            let a = randomBigFloat(p, &rng, positive: true)
            var down = BigFloat(precision: p), up = BigFloat(precision: p)
            let dn = down.sqrt(a, rounding: .down), un = up.sqrt(a, rounding: .up)
            #expect(down <= up)
            if dn == .exact { #expect(un == .exact && down == up) } else {
                #expect(dn == .below && un == .above)
                let next = BigFloat(down, precision: p)
                mpfr_nextabove(next.mpfr)
                #expect(next == up, "RNDD and RNDU results are adjacent")
            }
        }
    }
}
