import Foundation

/// Recovery decisions (`Recovery`, the one criterion of claims 7–11) expressed as
/// `Comparison`s, so that a claim's verdict follows `Recovery`'s three outcomes exactly.
extension Recovery {
    /// log10(R/F): how many decades the limit's risk lies above the run's certified floor F
    /// (−∞ for R ≤ 0, shown as −30). Recovery says "recovered" below 0, "not recovered" above
    /// log10(1000) = 3.
    public var decadesAboveFloor: Double {
        risk > 0 ? log10(risk / floor) : -30
    }

    /// The comparison "this run's limit is (or is not) in Q*", decided by `Recovery`'s rule:
    /// measured log10(R/F) against 1.5 ± 1.5, i.e. the undecided band [F, 1000·F] of the
    /// criterion as the comparison's uncertainty. A run that did not converge is undecided.
    public func comparison(_ quantity: String, expecting expected: Outcome) -> Comparison {
        let band = 0.5 * log10(Recovery.separation)
        let measured = converged ? max(-30, decadesAboveFloor) : .nan
        return Comparison(
            quantity: quantity, measured: measured,
            measuredText: String(format: "R = %.3e, F = %.3e%@", risk, floor, converged ? "" : " (not converged)"),
            relation: expected == .recovered ? .atMost : .atLeast, bound: band,
            boundReason: "Recovery criterion: R ≤ F recovers (log10(R/F) ≤ 0), R > 1000·F does not (> 3)",
            uncertainty: band, uncertaintySource: "the criterion's undecided band [F, 1000·F] (F = run's floor)")
    }
}

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

    /// "At least one certified recovery" (recovery is attainable): one recovery decides it
    /// whatever the undecided runs are; with none, the undecided runs are the uncertainty.
    public func someRecovered(_ quantity: String) -> Comparison {
        Comparison(quantity: quantity, measured: Double(recovered), measuredText: text,
                   relation: .atLeast, bound: 1, boundReason: "a positive fraction needs one certified recovery",
                   uncertainty: recovered >= 1 ? 0 : Double(undecided),
                   uncertaintySource: "undecided runs (counted only when no run recovered)")
    }

    /// "No run recovers": one certified recovery refutes it whatever the undecided runs are;
    /// with none, the undecided runs are the uncertainty.
    public func noneRecovered(_ quantity: String) -> Comparison {
        Comparison(quantity: quantity, measured: Double(recovered), measuredText: text,
                   relation: .atMost, bound: 0, boundReason: "no certified recovery allowed",
                   uncertainty: recovered >= 1 ? 0 : Double(undecided),
                   uncertaintySource: "undecided runs (counted only when no run recovered)")
    }
}
