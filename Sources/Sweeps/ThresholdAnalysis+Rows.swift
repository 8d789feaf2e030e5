import Verification

extension GroupKey {
    /// The group of a run at `c`: every coordinate but n and the seeds.
    public init(_ c: RunCoordinates) {
        self.init(width: c.width, inputDimension: c.inputDimension, bias: c.bias, activation: c.activation,
                  scale: c.scale, initialization: c.initialization)
    }
}

extension ThresholdAnalysis {
    /// The analysis of a store's rows.
    public init(rows: [RunRow], level: Double) {
        self.init(runs: rows.map { (GroupKey($0.coordinates), $0.coordinates.sampleSize, $0.verdict) }, level: level)
    }
}
