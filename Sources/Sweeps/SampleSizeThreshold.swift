/// An estimated sample-size threshold of one group with the range it is known to lie in
/// (proofs/claim-09.md, "What can be derived" 3):
///
/// - n_sep at level L: n* = min{n : F(n) ≥ L}. `upper` = the smallest n whose Clopper–Pearson
///   lower bound is ≥ L (so n* ≤ upper at 95 %); `lower` = 1 + the largest n below `upper`
///   (below the grid's top when `upper` is nil) whose interval's upper end is < L (so n* > n).
///   The estimate is `upper`.
/// - n_opt: n* = min{n : F(n) > 0}. `upper` = the smallest n with a recovered run (one
///   certified recovery shows F(n) > 0); `lower` = 1 + the largest n below it at which every
///   run was decided and none recovered (only supported: F(n) ≤ its interval's upper end).
///
/// nil ends are not determined by the grid (the threshold may lie outside it).
public struct SampleSizeThreshold: Sendable, Codable, Equatable {
    public var estimate: Int?
    public var lower: Int?
    public var upper: Int?
    /// How the ends were found, in words.
    public var basis: String

    /// n_sep at `level` from the cells of one group (any order).
    public static func separation(_ cells: [CellSummary], level: Double) -> SampleSizeThreshold {
        let sorted = cells.sorted { $0.sampleSize < $1.sampleSize }
        let upper = sorted.first { $0.lower >= level }?.sampleSize
        let below = sorted.filter { upper == nil || $0.sampleSize < upper! }
        let lower = below.last { $0.upper < level }.map { $0.sampleSize + 1 }
        return SampleSizeThreshold(estimate: upper, lower: lower, upper: upper,
                                   basis: "smallest n with 95% lower bound ≥ \(level); above the largest n below it with upper bound < \(level)")
    }

    /// n_opt from the cells of one group.
    public static func optimistic(_ cells: [CellSummary]) -> SampleSizeThreshold {
        let sorted = cells.sorted { $0.sampleSize < $1.sampleSize }
        let upper = sorted.first { $0.recovered > 0 }?.sampleSize
        let below = sorted.filter { upper == nil || $0.sampleSize < upper! }
        let lower = below.last { $0.recovered == 0 && $0.undecided == 0 && $0.runs > 0 }.map { $0.sampleSize + 1 }
        return SampleSizeThreshold(estimate: upper, lower: lower, upper: upper,
                                   basis: "smallest n with a certified recovery; above the largest n below it where every run was decided and none recovered")
    }

    /// Whether `value` is consistent with the range: fails outside it, holds when the range is
    /// the single value, undecided otherwise.
    public func judge(_ value: Int) -> CandidateFormula.Judgement {
        if let lower, value < lower { return .fails }
        if let upper, value > upper { return .fails }
        if let lower, let upper, lower == upper, value == lower { return .holds }
        return .undecided
    }

    /// "[5, 7]", "≤ 7", "≥ 5", "unknown".
    public var rangeText: String {
        switch (lower, upper) {
        case let (l?, u?): l == u ? "\(l)" : "[\(l), \(u)]"
        case let (nil, u?): "≤ \(u)"
        case let (l?, nil): "≥ \(l)"
        case (nil, nil): "outside the grid"
        }
    }
}
