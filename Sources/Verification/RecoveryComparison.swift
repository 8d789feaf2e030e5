import Foundation

/// Counts of recovery outcomes over a set of runs (a sweep point of claims 7–9).
public struct RecoveryTally: Sendable, Equatable {
    public var recovered = 0
    public var notRecovered = 0
    public var undecided = 0
    public init() {}
    public init(_ outcomes: [Recovery.Outcome]) {
        for o in outcomes { add(o) }
    }
    public mutating func add(_ o: Recovery.Outcome) {
        switch o {
        case .recovered: recovered += 1
        case .notRecovered: notRecovered += 1
        case .undecided: undecided += 1
        }
    }
    public var total: Int { recovered + notRecovered + undecided }
    /// Recovered / decided runs (nil when none was decided).
    public var fraction: Double? {
        let decided = recovered + notRecovered
        return decided > 0 ? Double(recovered) / Double(decided) : nil
    }
    public var text: String { "\(recovered) recovered, \(notRecovered) not, \(undecided) undecided of \(total)" }

    /// The level under which a recovery probability counts as "unattainable" in
    /// `noneRecovered`: a count can bound a probability, never show it is 0, so the claim is read
    /// as "the probability is below this level with 95 % confidence". A chosen constant,
    /// reported in every comparison that uses it; 0 recoveries in N runs reach it from N = 36 (proofs/counts.md).
    public static let unattainableLevel = 0.1

    /// The 95 % Clopper–Pearson interval of the recovery probability, with the undecided runs
    /// counted as not recovered (`lower`) and as recovered (`upper`): the interval every reading
    /// of this tally rests on (proofs/counts.md).
    public var interval: (lower: Double, upper: Double)? {
        CountReading.interval(occurred: recovered, open: undecided, trials: total)
    }

    var intervalText: String {
        guard let (lower, upper) = interval else { return text }
        return text + String(format: "; recovery probability in [%.3g, %.3g] (95 %% Clopper–Pearson, undecided runs counted both ways)", lower, upper)
    }

    /// "Recovery is attainable" (p > 0): one certified recovery shows it. With none, no count
    /// can refute it (a probability below the interval's upper end is still positive): undecided,
    /// with the interval as the evidence.
    public func someRecovered(_ quantity: String) -> Comparison {
        let upper = interval?.upper ?? 1
        return Comparison(quantity: quantity, measured: Double(recovered), measuredText: intervalText,
                          relation: .atLeast, bound: 1, boundReason: "an existence claim needs one certified recovery",
                          uncertainty: recovered >= 1 ? 0 : .infinity,
                          uncertaintySource: recovered >= 1
                              ? "none: a certified recovery is an example, whatever the other runs are"
                              : String(format: "no certified recovery: a count cannot show p = 0, only p ≤ %.3g (95 %% Clopper–Pearson)", upper))
    }

    /// "Recovery is unattainable": one certified recovery refutes it. With none, it holds when the
    /// upper end of the 95 % Clopper–Pearson interval (undecided runs counted as recovered) is at
    /// most `level`, and is undecided otherwise: 0 recoveries in a few runs prove little.
    public func noneRecovered(_ quantity: String, level: Double = RecoveryTally.unattainableLevel) -> Comparison {
        CountReading.never(quantity, occurred: recovered, open: undecided, trials: total, text: intervalText,
                           event: "recovery", level: level)
    }
}

/// The one reading of "this never happens" from k certified occurrences, u undecided runs and
/// N runs (proofs/counts.md): a certified occurrence refutes it; with none, it holds when the
/// 95 % Clopper–Pearson upper end of the rate (undecided runs counted as occurrences) is at most
/// `level`, and is undecided otherwise.
public enum CountReading {
    /// The 95 % Clopper–Pearson interval of the rate, with the undecided runs counted as not
    /// occurring (`lower`) and as occurring (`upper`); nil without runs.
    public static func interval(occurred k: Int, open u: Int, trials n: Int) -> (lower: Double, upper: Double)? {
        guard n > 0 else { return nil }
        return (ClopperPearson(successes: k, trials: n).lower, ClopperPearson(successes: k + u, trials: n).upper)
    }

    public static func never(_ quantity: String, occurred k: Int, open u: Int, trials n: Int, text: String,
                             event: String, level: Double = RecoveryTally.unattainableLevel) -> Comparison {
        if k >= 1 {
            return Comparison(quantity: quantity, measured: Double(k), measuredText: text,
                              relation: .atMost, bound: 0, boundReason: "a certified \(event) refutes \"never\"",
                              uncertainty: 0, uncertaintySource: "none: each \(event) counted is certified")
        }
        let upper = interval(occurred: 0, open: u, trials: n)?.upper ?? 1
        return Comparison(quantity: quantity, measured: 0, measuredText: text,
                          relation: .atMost, bound: level,
                          boundReason: String(format: "read as: the rate of %@ is ≤ %g with 95 %% confidence (a chosen level: a count cannot show 0)", event, level),
                          uncertainty: n > 0 ? upper : .infinity,
                          uncertaintySource: "95 % Clopper–Pearson upper end of the rate, undecided runs counted as occurrences")
    }
}
