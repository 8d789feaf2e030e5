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
