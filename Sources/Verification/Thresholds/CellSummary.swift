/// The runs of one grid cell (every coordinate but the seeds) counted by outcome, with the
/// recovery probability F(n) of proofs/claim-09.md and its 95 % Clopper–Pearson interval.
/// Undecided runs widen the interval instead of being dropped or guessed: the lower end is
/// the exact interval's lower end with every undecided run counted as not recovered, the
/// upper end its upper end with every undecided run counted as recovered (so the interval
/// covers F whatever the undecided runs turn out to be). The point estimate is the recovered
/// share of the decided runs (nil when none is decided).
public struct CellSummary: Sendable, Codable, Equatable {
    public var group: GroupKey
    public var sampleSize: Int
    public var runs: Int
    public var recovered: Int
    public var notRecovered: Int
    public var undecided: Int
    /// Runs decided above double precision.
    public var escalated: Int
    public var probability: Double?
    public var lower: Double
    public var upper: Double
    /// CPU seconds of the runs whose CPU time was measured (`RecoveryEvidence.cpuSeconds`),
    /// how many those are, and the part spent in the escalated ones among them.
    public var cpuSeconds: Double
    public var cpuMeasured: Int
    public var escalatedCPUSeconds: Double

    public init(group: GroupKey, sampleSize: Int, outcomes: [RecoveryVerdict]) {
        self.group = group
        self.sampleSize = sampleSize
        runs = outcomes.count
        recovered = outcomes.count { $0.outcome == .recovered }
        notRecovered = outcomes.count { $0.outcome == .notRecovered }
        undecided = outcomes.count { $0.outcome == .undecided }
        escalated = outcomes.count { $0.evidence.escalated }
        let decided = recovered + notRecovered
        probability = decided > 0 ? Double(recovered) / Double(decided) : nil
        lower = runs > 0 ? ClopperPearson(successes: recovered, trials: runs).lower : 0
        upper = runs > 0 ? ClopperPearson(successes: recovered + undecided, trials: runs).upper : 1
        let measured = outcomes.compactMap { v in v.evidence.cpuSeconds.map { (v.evidence.escalated, $0) } }
        cpuMeasured = measured.count
        cpuSeconds = measured.reduce(0) { $0 + $1.1 }
        escalatedCPUSeconds = measured.reduce(0) { $0 + ($1.0 ? $1.1 : 0) }
    }

    /// Equal when the counts and the intervals are: the CPU time measures the machine, not the
    /// computation (as the store's timing columns, `RunRow.timingColumns`), so two honest runs of
    /// the same cells differ in it.
    public static func == (a: CellSummary, b: CellSummary) -> Bool {
        a.group == b.group
            && (a.sampleSize, a.runs, a.recovered, a.notRecovered, a.undecided, a.escalated)
            == (b.sampleSize, b.runs, b.recovered, b.notRecovered, b.undecided, b.escalated)
            && a.probability == b.probability && a.lower == b.lower && a.upper == b.upper
    }
}

/// A threshold's group: every coordinate but n and the seeds. n_opt and n_sep are estimated
/// per group (proofs/claim-09.md's (m, d), refined by bias, σ, ε and the initialization family,
/// which are never pooled).
public struct GroupKey: Sendable, Codable, Hashable, Comparable {
    public var width: Int
    public var inputDimension: Int
    public var bias: Bool
    public var activation: String
    public var scale: String
    public var initialization: String

    public init(width: Int, inputDimension: Int, bias: Bool, activation: String, scale: String, initialization: String) {
        self.width = width; self.inputDimension = inputDimension; self.bias = bias
        self.activation = activation; self.scale = scale; self.initialization = initialization
    }

    public static func < (a: GroupKey, b: GroupKey) -> Bool {
        (a.activation, a.initialization, a.scale, a.bias ? 1 : 0, a.width, a.inputDimension)
            < (b.activation, b.initialization, b.scale, b.bias ? 1 : 0, b.width, b.inputDimension)
    }

    /// "m=2 d=3 bias tanh ε=1e-6 gaussian".
    public var label: String {
        "m=\(width) d=\(inputDimension)\(bias ? " bias" : "") \(activation) ε=\(scale) \(familyName)"
    }

    /// The initialization family's name (parameters in `initialization`).
    public var familyName: String {
        initialization.split(separator: "\"").dropFirst().first.map(String.init) ?? initialization
    }
}
