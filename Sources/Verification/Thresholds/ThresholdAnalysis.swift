/// What a store says about the thresholds: per cell the counts and F(n) with its interval,
/// per group n_opt and n_sep (at `level`) with their ranges, and every candidate formula
/// judged against them (proofs/claim-09.md).
///
/// n_opt is judged only for m = 1: for m ≥ 2 the paper's recovering set at n_opt has measure
/// zero (claim 8), which random draws cannot see, so its candidate is left undecided there.
public struct ThresholdAnalysis: Sendable {
    public struct Group: Sendable {
        public var key: GroupKey
        public var cells: [CellSummary]
        public var optimistic: SampleSizeThreshold
        public var separation: SampleSizeThreshold
        public var candidates: [Candidate]
    }

    public struct Candidate: Sendable, Equatable {
        public var quantity: CandidateFormula.Quantity
        public var formula: String
        public var value: Int
        public var judgement: CandidateFormula.Judgement
        public var why: String
    }

    public var level: Double
    public var groups: [Group]
    public var runCount: Int

    /// One decided run: its group, its n and its verdict.
    public typealias Run = (group: GroupKey, sampleSize: Int, verdict: RecoveryVerdict)

    /// The analysis of `runs` (any order): cells by (group, n), thresholds per group.
    public init(runs: [Run], level: Double) {
        self.level = level
        runCount = runs.count
        let byGroup = Dictionary(grouping: runs) { $0.group }
        groups = byGroup.keys.sorted().map { key in
            let byN = Dictionary(grouping: byGroup[key]!) { $0.sampleSize }
            let cells = byN.keys.sorted().map { CellSummary(group: key, sampleSize: $0, outcomes: byN[$0]!.map(\.verdict)) }
            let opt = SampleSizeThreshold.optimistic(cells), sep = SampleSizeThreshold.separation(cells, level: level)
            let candidates = CandidateFormula.all.map { f -> Candidate in
                let v = f.value(key)
                switch f.quantity {
                case .nOpt where key.width > 1:
                    return Candidate(quantity: f.quantity, formula: f.formula, value: v, judgement: .undecided,
                                     why: "m ≥ 2: the recovering set at n_opt has measure zero (claim 8); random draws cannot test it")
                case .nOpt:
                    return Candidate(quantity: f.quantity, formula: f.formula, value: v, judgement: opt.judge(v), why: "n_opt in " + opt.rangeText)
                case .nSep:
                    return Candidate(quantity: f.quantity, formula: f.formula, value: v, judgement: sep.judge(v), why: "n_sep in " + sep.rangeText)
                }
            }
            return Group(key: key, cells: cells, optimistic: opt, separation: sep, candidates: candidates)
        }
    }

    public var cells: [CellSummary] { groups.flatMap(\.cells) }
}
