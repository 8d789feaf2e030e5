import Foundation

/// One quantity measured against a bound: the unit every claim's verdict is built from.
///
/// A comparison holds when the measured value lies on the claim's side of the bound by more
/// than its numerical uncertainty (the difference from a run at higher precision or tighter
/// tolerance, or a certified error estimate); it fails when it lies on the other side by more
/// than that uncertainty; otherwise it is undecided at this precision. The margin is how many
/// decimal orders separate the value (widened by its uncertainty) from the bound.
public struct Comparison: Codable, Sendable, Equatable {
    public enum Relation: String, Codable, Sendable {
        /// The claim says measured ≤ bound (an error, a drift, a distance).
        case atMost
        /// The claim says measured ≥ bound (a separation, a rank, a positive risk).
        case atLeast
    }

    /// What is compared, in the claim's vocabulary ("max relative change of C_k after escape").
    public var quantity: String
    /// The measured value (nil when not finite in double range; the text keeps it).
    public var measured: Double?
    /// The measured value in full, as a decimal string at working precision.
    public var measuredText: String
    public var relation: Relation
    public var bound: Double
    /// Why the bound is what it is ("2^(−p+20), p = 256", "O(δ²) with c = 10").
    public var boundReason: String
    /// The numerical uncertainty of `measured` (≥ 0), and how it was obtained.
    public var uncertainty: Double
    public var uncertaintySource: String
    /// The reference the measured value was compared with, when there is one (closed form,
    /// prediction), and the digits of agreement with it.
    public var reference: String?
    public var agreementDigits: Double?
    public var verdict: Verdict
    /// log10 of the distance to the bound in orders of magnitude: positive on the claim's side.
    public var marginDigits: Double?

    public init(quantity: String, measured: Double, measuredText: String? = nil,
                relation: Relation, bound: Double, boundReason: String,
                uncertainty: Double, uncertaintySource: String,
                reference: String? = nil, agreementDigits: Double? = nil) {
        self.quantity = quantity
        self.measured = measured.isFinite ? measured : nil
        self.measuredText = measuredText ?? Comparison.text(measured)
        self.relation = relation
        self.bound = bound
        self.boundReason = boundReason
        self.uncertainty = uncertainty.isFinite ? abs(uncertainty) : .infinity
        self.uncertaintySource = uncertaintySource
        self.reference = reference
        self.agreementDigits = agreementDigits.flatMap { $0.isFinite ? $0 : nil }
        (verdict, marginDigits) = Comparison.decide(measured, relation, bound, self.uncertainty)
        if !self.uncertainty.isFinite { self.uncertainty = Double.greatestFiniteMagnitude }
    }

    /// The decision rule (see the type's documentation). A non-finite measurement or
    /// uncertainty decides nothing.
    public static func decide(_ m: Double, _ relation: Relation, _ bound: Double, _ u: Double) -> (Verdict, Double?) {
        guard m.isFinite, u.isFinite, !bound.isNaN else { return (.undecided, nil) }
        let low = m - u, high = m + u
        switch relation {
        case .atMost:
            if high <= bound { return (.holds, margin(bound, high)) }
            if low > bound { return (.fails, low > 0 && bound > 0 ? -log10(low / bound) : nil) }
            return (.undecided, 0)
        case .atLeast:
            if low >= bound { return (.holds, margin(low, bound)) }
            if high < bound { return (.fails, high > 0 && bound > 0 ? -log10(bound / high) : nil) }
            return (.undecided, 0)
        }
    }

    /// Orders of magnitude between two positive values; nil when one of them is 0 (an exact
    /// zero is on the claim's side by an unbounded margin, which JSON cannot carry).
    static func margin(_ larger: Double, _ smaller: Double) -> Double? {
        guard smaller > 0, larger > 0 else { return nil }
        return log10(larger / smaller)
    }

    static func text(_ x: Double) -> String { x.isFinite ? String(format: "%.6e", x) : "\(x)" }
}

/// Decimal digits of agreement between a value and its reference: −log10 of the relative
/// error (absolute when the reference is 0), capped at `cap` (the digits the precision carries).
public func agreementDigits(relativeError r: Double, cap: Double) -> Double {
    guard r.isFinite else { return 0 }
    if r <= 0 { return cap }
    return max(0, min(cap, -log10(r)))
}

/// 2^e as a double (0 below the subnormal range): bounds like 2^(−p+12) for p up to 1074 bits.
public func pow2(_ e: Int) -> Double {
    e < -1074 ? 0 : e > 1023 ? .infinity : Double(sign: .plus, exponent: e, significand: 1)
}
