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
/// nil ends are not determined by the grid (the threshold may lie outside it). F need not be
/// monotone in n (proofs/claim-09.md, "What can be derived" 4): `againstMonotone` lists the n
/// above `upper` whose evidence contradicts the threshold (for n_sep an interval entirely below
/// L; for n_opt every run decided and none recovered), flagged rather than assumed away.
public struct SampleSizeThreshold: Sendable, Codable, Equatable {
    public var estimate: Int?
    public var lower: Int?
    public var upper: Int?
    /// How the ends were found, in words.
    public var basis: String
    /// The n above `upper` at which the data contradict the threshold (empty when none).
    public var againstMonotone: [Int] = []

    /// n_sep at `level` from the cells of one group (any order).
    public static func separation(_ cells: [CellSummary], level: Double) -> SampleSizeThreshold {
        let sorted = cells.sorted { $0.sampleSize < $1.sampleSize }
        let upper = sorted.first { $0.lower >= level }?.sampleSize
        let below = sorted.filter { upper == nil || $0.sampleSize < upper! }
        let lower = below.last { $0.upper < level }.map { $0.sampleSize + 1 }
        let against = upper.map { u in sorted.filter { $0.sampleSize > u && $0.upper < level }.map(\.sampleSize) } ?? []
        return SampleSizeThreshold(estimate: upper, lower: lower, upper: upper,
                                   basis: "smallest n with 95% lower bound ≥ \(level); above the largest n below it with upper bound < \(level)",
                                   againstMonotone: against)
    }

    /// n_opt from the cells of one group.
    public static func optimistic(_ cells: [CellSummary]) -> SampleSizeThreshold {
        let sorted = cells.sorted { $0.sampleSize < $1.sampleSize }
        let upper = sorted.first { $0.recovered > 0 }?.sampleSize
        let below = sorted.filter { upper == nil || $0.sampleSize < upper! }
        let none = { (c: CellSummary) in c.recovered == 0 && c.undecided == 0 && c.runs > 0 }
        let lower = below.last(where: none).map { $0.sampleSize + 1 }
        let against = upper.map { u in sorted.filter { $0.sampleSize > u && none($0) }.map(\.sampleSize) } ?? []
        return SampleSizeThreshold(estimate: upper, lower: lower, upper: upper,
                                   basis: "smallest n with a certified recovery; above the largest n below it where every run was decided and none recovered",
                                   againstMonotone: against)
    }

    /// Whether `value` is consistent with the range: fails outside it, holds when the range is
    /// the single value and nothing above it contradicts the threshold, undecided otherwise.
    public func judge(_ value: Int) -> CandidateFormula.Judgement {
        if let lower, value < lower { return .fails }
        if let upper, value > upper { return .fails }
        if let lower, let upper, lower == upper, value == lower, againstMonotone.isEmpty { return .holds }
        return .undecided
    }

    /// "[5, 7]", "≤ 7", "≥ 5", "outside the grid"; "(not monotone: n = 9)" added when flagged.
    public var rangeText: String {
        let range = switch (lower, upper) {
        case let (l?, u?): l == u ? "\(l)" : "[\(l), \(u)]"
        case let (nil, u?): "≤ \(u)"
        case let (l?, nil): "≥ \(l)"
        case (nil, nil): "outside the grid"
        }
        return againstMonotone.isEmpty ? range : range + " (not monotone: n = " + againstMonotone.map(String.init).joined(separator: ", ") + ")"
    }
}
