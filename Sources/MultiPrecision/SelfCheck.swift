/// Precision self-checks of the multiprecision core: MPFR's constants and functions against
/// independent series evaluated with this module's own arithmetic at 32 guard bits, and the
/// decimal round trip, at each requested precision. `flowverify selfcheck` prints them.
public enum SelfCheck {
    public struct Row: Sendable {
        /// What is compared.
        public var check: String
        public var precision: Precision
        /// Correct decimal digits of the checked value, measured against the reference
        /// (capped at the precision's decimal digits).
        public var digits: Double
        /// Digits the check needs to pass: `bits · log10 2 − 1`.
        public var required: Double
        public var passed: Bool { digits >= required }
    }

    /// Runs every check at every precision.
    public static func run(precisions: [Precision]) -> [Row] {
        precisions.flatMap { p in
            let guarded = Precision(unchecked: p.bits + 32)
            return [
                row("pi (MPFR) vs Machin series", p, BigFloat.pi(precision: p), machinPi(guarded)),
                row("e (MPFR exp 1) vs sum 1/k!", p, BigFloat.e(precision: p), eSeries(guarded)),
                row("ln 2 (MPFR) vs sum 1/(k 2^k)", p, BigFloat.ln2(precision: p), ln2Series(guarded)),
                row("tanh(1/3) vs (e^(2/3)-1)/(e^(2/3)+1)", p, tanhThird(p), tanhThirdByExp(guarded)),
                roundTrip(p),
            ]
        }
    }

    private static func required(_ p: Precision) -> Double { p.decimalDigits - 1 }

    /// Digits of agreement between `value` and a more precise `reference`.
    static func agreeingDigits(_ value: BigFloat, _ reference: BigFloat) -> Double {
        let cap = value.precision.decimalDigits
        let wide = reference.precision
        var err = BigFloat(precision: wide)
        err.sub(BigFloat(value, precision: wide), reference)
        if err.isZero { return cap }
        err.div(err, reference)
        err.abs(err)
        err.log(err)
        let digits = -err.doubleValue / 2.302585092994045684
        return min(cap, digits)
    }

    private static func row(_ name: String, _ p: Precision, _ value: BigFloat, _ reference: BigFloat) -> Row {
        Row(check: name, precision: p, digits: agreeingDigits(value, reference), required: required(p))
    }

    /// Σ_{k≥0} (−1)^k / ((2k+1) x^(2k+1)) = atan(1/x), summed until terms fall below 2^-(p+8).
    static func arctanOfReciprocal(_ x: Int, _ p: Precision) -> BigFloat {
        var sum = BigFloat(0, precision: p), power = BigFloat(1, precision: p), term = BigFloat(precision: p)
        power.div(power, x)          // x^-(2k+1)
        let x2 = x * x
        var k = 0
        while true {
            term.div(power, 2 * k + 1)
            if term.isZero || term.exponent < -(p.bits + 8) { break }
            if k % 2 == 0 { sum.add(sum, term) } else { sum.sub(sum, term) }
            power.div(power, x2)
            k += 1
        }
        return sum
    }

    /// π = 16 atan(1/5) − 4 atan(1/239) (Machin, 1706).
    static func machinPi(_ p: Precision) -> BigFloat {
        var a = arctanOfReciprocal(5, p), b = arctanOfReciprocal(239, p)
        a.mul(a, 16)
        b.mul(b, 4)
        a.sub(a, b)
        return a
    }

    /// e = Σ_{k≥0} 1/k!.
    static func eSeries(_ p: Precision) -> BigFloat {
        var sum = BigFloat(1, precision: p), term = BigFloat(1, precision: p)
        var k = 1
        while term.exponent >= -(p.bits + 8) {
            term.div(term, k)
            sum.add(sum, term)
            k += 1
        }
        return sum
    }

    /// ln 2 = Σ_{k≥1} 1/(k 2^k).
    static func ln2Series(_ p: Precision) -> BigFloat {
        var sum = BigFloat(0, precision: p), power = BigFloat(1, precision: p), term = BigFloat(precision: p)
        var k = 1
        while true {
            power.scale(power, byPowerOfTwo: -1)
            term.div(power, k)
            if term.exponent < -(p.bits + 8) { break }
            sum.add(sum, term)
            k += 1
        }
        return sum
    }

    static func tanhThird(_ p: Precision) -> BigFloat {
        var x = BigFloat(Rational(numerator: 1, denominator: 3), precision: p)
        x.tanh(x)
        return x
    }

    /// tanh x = (e^{2x} − 1)/(e^{2x} + 1) = expm1(2x)/(expm1(2x) + 2), at x = 1/3.
    static func tanhThirdByExp(_ p: Precision) -> BigFloat {
        var m = BigFloat(Rational(numerator: 2, denominator: 3), precision: p)
        m.expm1(m)
        var d = BigFloat(2, precision: p)
        d.add(d, m)
        m.div(m, d)
        return m
    }

    /// parse(print(x)) == x for x = π · 10^-300 (a value with all bits set at random).
    static func roundTrip(_ p: Precision) -> Row {
        var x = BigFloat.pi(precision: p)
        x.div(x, BigFloat.pow(BigFloat(10, precision: p), 300))
        let back = (try? BigFloat(parsing: x.description, precision: p)) ?? BigFloat(precision: p)
        let exact = back.isIdentical(to: x)
        let cap = p.decimalDigits
        return Row(check: "decimal round trip of pi*1e-300", precision: p,
                   digits: exact ? cap : agreeingDigits(back, x), required: exact ? 0 : cap + 1)
    }
}
