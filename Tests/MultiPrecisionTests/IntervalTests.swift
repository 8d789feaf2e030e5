import MultiPrecision
import Testing

@Suite("Interval enclosures")
struct IntervalTests {
    enum Operation: String, CaseIterable { case add, sub, mul, div, sqrt, exp, log, tanh }

    @Test("the 4p-bit point result lies inside the p-bit interval, 10,000 cases")
    func enclosure() throws {
        var rng = SeededGenerator(seed: 99)
        var failures: [String] = []
        for i in 0..<10_000 {
            let op = Operation.allCases[i % Operation.allCases.count]
            let p = randomPrecision(&rng, 2...1024)
            let wide = try Precision(bits: 4 * p.bits)
            let positive = op == .sqrt || op == .log
            let exps: ClosedRange<Int> = op == .exp ? -30...8 : -100...100
            let a = randomBigFloat(p, &rng, exponents: exps, positive: positive)
            let b = randomBigFloat(p, &rng, exponents: exps)
            let ia = Interval(a), ib = Interval(b)
            let aw = BigFloat(a, precision: wide), bw = BigFloat(b, precision: wide)
            let (enclosure, point): (Interval, BigFloat)
            switch op {
            case .add: (enclosure, point) = (ia + ib, aw + bw)
            case .sub: (enclosure, point) = (ia - ib, aw - bw)
            case .mul: (enclosure, point) = (ia * ib, aw * bw)
            case .div: (enclosure, point) = (ia / ib, aw / bw)
            case .sqrt: (enclosure, point) = (Interval.sqrt(ia), BigFloat.sqrt(aw))
            case .exp: (enclosure, point) = (Interval.exp(ia), BigFloat.exp(aw))
            case .log: (enclosure, point) = (Interval.log(ia), BigFloat.log(aw))
            case .tanh: (enclosure, point) = (Interval.tanh(ia), BigFloat.tanh(aw))
            }
            if !enclosure.contains(point) { failures.append("\(op) \(a) \(b) at \(p.bits): \(enclosure) ∌ \(point)") }
            // Tight: the enclosure of a point operation is at most two ulps wide.
            var ulps = BigFloat(enclosure.width, precision: wide)
            ulps.scale(ulps, byPowerOfTwo: p.bits - point.exponent)
            if point.isFinite, !point.isZero, ulps > BigFloat(4, precision: wide) {
                failures.append("\(op) at \(p.bits): width \(ulps) ulps")
            }
        }
        #expect(failures.isEmpty, "\(failures.prefix(3))")
    }

    @Test("enclosures from decimal text and rationals contain the exact value")
    func exactSources() throws {
        let p = try Precision(bits: 64)
        let third = try Interval(parsing: "1/3", precision: p)
        #expect(third.contains(Rational(numerator: 1, denominator: 3)))
        #expect(third.lower < third.upper)
        let tenth = try Interval(parsing: "0.1", precision: p)
        #expect(tenth.contains(Rational(numerator: 1, denominator: 10)))
        #expect(!tenth.contains(BigFloat(0.1, precision: p)) || BigFloat(0.1, precision: p).exactRational == Rational(numerator: 1, denominator: 10))
        let tiny = try Interval(parsing: "1e-3000", precision: p)
        #expect(tiny.certifiedSign == 1)
        // An exactly representable value gives a point interval.
        let half = try Interval(parsing: "0.5", precision: p)
        #expect(half.width.isZero && half.midpoint == BigFloat(0.5, precision: p))
    }

    @Test("certified sign, division through zero, domain errors")
    func signsAndDomains() throws {
        let p = try Precision(bits: 100)
        let straddle = Interval(lower: BigFloat(-1, precision: p), upper: BigFloat(2, precision: p), precision: p)
        #expect(straddle.certifiedSign == nil && straddle.containsZero)
        #expect(!(Interval(1, precision: p) / straddle).isBounded)
        #expect(Interval.pow(straddle, 2).lower.isZero)   // x² on [−1, 2] is [0, 4]
        #expect(Interval.pow(straddle, 2).upper == BigFloat(4, precision: p))
        #expect(!Interval.log(Interval(-1, precision: p)).isValid)
        #expect(Interval(-3, precision: p).certifiedSign == -1)
    }
}
