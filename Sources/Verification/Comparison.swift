import Foundation
import MultiPrecision

/// One quantity measured against a bound: the unit every claim's verdict is built from.
///
/// A comparison holds when the measured value lies on the claim's side of the bound by more
/// than its numerical uncertainty (the difference from a run at another precision or tolerance,
/// or a certified error estimate); it fails when it lies on the other side by more than that
/// uncertainty; otherwise it is undecided at this precision. A reading may set a second bound,
/// `failBound`, beyond the bound on the wrong side: then the comparison fails only past it, and
/// a value between the two is undecided however small its uncertainty (claim 8: a rate that is
/// positive but below the chosen 0.5). The margin is how many decimal orders separate the value
/// (widened by its uncertainty) from the bound.
///
/// The decision is made on the values at their own precision (`decide`, MPFR with directed
/// rounding), never on doubles: at 2,048 bits a bound 2^(−p+20) lies far below double's range.
/// The texts keep every value in full; the doubles are approximations for plots and tables,
/// absent where a double would misstate the value.
public struct Comparison: Codable, Sendable, Equatable {
    public enum Relation: String, Codable, Sendable {
        /// The claim says measured ≤ bound (an error, a drift, a distance).
        case atMost
        /// The claim says measured ≥ bound (a separation, a rank, a positive risk).
        case atLeast
    }

    /// What is compared, in the claim's vocabulary ("max relative change of C_k after escape").
    public var quantity: String
    /// The measured value as a double (nil when a double would misstate it: see `approximation`).
    public var measured: Double?
    /// The measured value in full, as a decimal string at working precision.
    public var measuredText: String
    public var relation: Relation
    /// The bound as a double (nil when a double would misstate it), and in full.
    public var bound: Double?
    public var boundText: String
    /// Where the comparison starts to fail, when not at the bound (nil: at the bound), as a
    /// double and in full.
    public var failBound: Double?
    public var failBoundText: String?
    /// Why the bound is what it is ("2^(−p+20), p = 256"); a chosen constant says so and why.
    public var boundReason: String
    /// The numerical uncertainty of the measured value (≥ 0) as a double (nil when infinite or
    /// outside double's range), in full ("inf": nothing measured it), and the runs it came from.
    public var uncertainty: Double?
    public var uncertaintyText: String
    public var uncertaintySource: String
    /// The reference the measured value was compared with, when there is one (closed form,
    /// prediction), and the digits of agreement with it.
    public var reference: String?
    public var agreementDigits: Double?
    public var verdict: Verdict
    /// log10 of the distance to the bound in orders of magnitude: positive on the claim's side.
    public var marginDigits: Double?

    /// A comparison of values carried at their working precision (each `BigFloat` keeps its
    /// own); decided by `decide` at that precision.
    public init(quantity: String, measured: BigFloat, measuredText: String? = nil,
                relation: Relation, bound: BigFloat, boundReason: String,
                uncertainty: BigFloat, uncertaintySource: String,
                reference: String? = nil, agreementDigits: Double? = nil, failBound: BigFloat? = nil) {
        let u = uncertainty.isNaN ? BigFloat(Double.infinity) : BigFloat.abs(uncertainty)
        self.quantity = quantity
        self.measured = Comparison.approximation(measured)
        self.measuredText = measuredText ?? Comparison.text(measured)
        self.relation = relation
        self.bound = Comparison.approximation(bound)
        boundText = Comparison.text(bound)
        self.failBound = failBound.flatMap(Comparison.approximation)
        failBoundText = failBound.map(Comparison.text)
        self.boundReason = boundReason
        self.uncertainty = u.isFinite ? Comparison.approximation(u) : nil
        uncertaintyText = Comparison.text(u)
        self.uncertaintySource = uncertaintySource
        self.reference = reference
        self.agreementDigits = agreementDigits.flatMap { $0.isFinite ? $0 : nil }
        (verdict, marginDigits) = Comparison.decide(measured, relation, bound, u, failBound: failBound)
    }

    /// A comparison of doubles (counts, fitted slopes, values that a double carries in full).
    public init(quantity: String, measured: Double, measuredText: String? = nil,
                relation: Relation, bound: Double, boundReason: String,
                uncertainty: Double, uncertaintySource: String,
                reference: String? = nil, agreementDigits: Double? = nil, failBound: Double? = nil) {
        self.init(quantity: quantity, measured: BigFloat(measured), measuredText: measuredText ?? "\(measured)",
                  relation: relation, bound: BigFloat(bound), boundReason: boundReason,
                  uncertainty: BigFloat(uncertainty), uncertaintySource: uncertaintySource,
                  reference: reference, agreementDigits: agreementDigits, failBound: failBound.map { BigFloat($0) })
    }

    /// The decision rule (see the type's documentation), on the values at their own precision:
    /// m + u is rounded up and m − u down, so a verdict never rests on a rounding. A NaN or
    /// infinite measurement, a NaN bound or an infinite uncertainty decides nothing. `failBound`
    /// is where failing starts (nil, or one on the claim's side of `bound`: at `bound`).
    public static func decide(_ m: BigFloat, _ relation: Relation, _ bound: BigFloat, _ u: BigFloat,
                              failBound: BigFloat? = nil) -> (Verdict, Double?) {
        guard m.isFinite, u.isFinite, !bound.isNaN, !(failBound?.isNaN ?? false) else { return (.undecided, nil) }
        let fail = failBound.map { relation == .atLeast ? ($0 < bound ? $0 : bound) : ($0 > bound ? $0 : bound) } ?? bound
        let p = try! Precision(bits: max(m.precision.bits, u.precision.bits, bound.precision.bits))
        var low = BigFloat(precision: p), high = BigFloat(precision: p), spread = BigFloat.abs(u)
        low.sub(m, spread, rounding: .down)
        high.add(m, spread, rounding: .up)
        switch relation {
        case .atMost:
            if high <= bound { return (.holds, orders(bound, above: high)) }
            if low > fail { return (.fails, orders(low, above: fail).map { -$0 }) }
        case .atLeast:
            if low >= bound { return (.holds, orders(low, above: bound)) }
            if high < fail { return (.fails, orders(fail, above: high).map { -$0 }) }
        }
        return (.undecided, 0)
    }

    /// The same rule for doubles (each converted exactly).
    public static func decide(_ m: Double, _ relation: Relation, _ bound: Double, _ u: Double,
                              failBound: Double? = nil) -> (Verdict, Double?) {
        decide(BigFloat(m), relation, BigFloat(bound), BigFloat(u.isNaN ? .infinity : u), failBound: failBound.map { BigFloat($0) })
    }

    /// log10(larger/smaller) for two positive values, from their logarithms (any exponent MPFR
    /// carries); nil when one of them is 0 or infinite (an exact zero is on the claim's side by
    /// an unbounded margin, which JSON cannot carry).
    static func orders(_ larger: BigFloat, above smaller: BigFloat) -> Double? {
        guard smaller.signum > 0, larger.signum > 0, smaller.isFinite, larger.isFinite else { return nil }
        let p = try! Precision(bits: 64)
        let ratio = BigFloat.log(BigFloat(larger, precision: p)) - BigFloat.log(BigFloat(smaller, precision: p))
        return ratio.doubleValue / M_LN10
    }

    /// `x` as a double when a double carries it: finite, and not a nonzero value that underflows
    /// to 0 or below double's normal range (where it keeps too few bits to be read as the value).
    static func approximation(_ x: BigFloat) -> Double? {
        guard x.isFinite else { return nil }
        let d = x.doubleValue
        if x.isZero { return 0 }
        return d.isFinite && Swift.abs(d) >= Double.leastNormalMagnitude ? d : nil
    }

    static func text(_ x: Double) -> String { x.isFinite ? String(format: "%.6e", x) : "\(x)" }

    /// `x` in full: every digit its precision carries (`BigFloat.description`), or for a value
    /// a double holds exactly the shortest text that reads back as it ("0.05", "1e-08", "inf").
    static func text(_ x: BigFloat) -> String {
        if x.isNaN { return "nan" }
        if x.precision.bits <= 53, !x.isFinite || approximation(x) != nil { return "\(x.doubleValue)" }
        return x.description
    }
}

/// Decimal digits of agreement between a value and its reference: −log10 of the relative
/// error (absolute when the reference is 0), capped at `cap` (the digits the precision carries).
public func agreementDigits(relativeError r: Double, cap: Double) -> Double {
    guard r.isFinite else { return 0 }
    if r <= 0 { return cap }
    return max(0, min(cap, -log10(r)))
}

/// 2^e as a double (0 below the subnormal range): bounds like 2^(−p+12) for p up to 1074 bits.
/// Bounds that must hold at any precision use `BigFloat.power2(_:precision:)`.
public func pow2(_ e: Int) -> Double {
    e < -1074 ? 0 : e > 1023 ? .infinity : Double(sign: .plus, exponent: e, significand: 1)
}

extension BigFloat {
    /// 2^e exactly, at `precision` (MPFR's exponent range, about 2^±2^30).
    public static func power2(_ e: Int, precision: Precision = .double) -> BigFloat {
        var x = BigFloat(1, precision: precision)
        x.scale(x, byPowerOfTwo: e)
        return x
    }
}
