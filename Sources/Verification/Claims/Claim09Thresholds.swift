import TwoLayerNet

/// Claim 9's runs read by the threshold analysis that `flowverify sweep report` uses
/// (`ThresholdAnalysis`, proofs/claim-09.md): one source of truth for F(n), its intervals, the
/// thresholds and the candidate judgements, so `verify` and a sweep of the same runs agree.
extension SeparationSampleSize {
    /// The group of the runs at (m, d), as `flowverify sweep` keys a grid point of a sweep file
    /// with this template (sweeps/nsep-quick.json).
    public func group(m: Int, d: Int) -> GroupKey {
        GroupKey(width: m, inputDimension: d, bias: false, activation: activation.name, scale: scale.text,
                 initialization: #"{"gaussian":{"layerScaleRatio":"\#(layerScaleRatio)"}}"#)
    }

    /// The analysis of one (m, d): `recoveries` are the runs j = 0 ..< perN at each n of `ns`
    /// (n-major).
    func thresholds(m: Int, d: Int, ns: [Int], perN: Int, recoveries: [Recovery]) -> ThresholdAnalysis.Group {
        let key = group(m: m, d: d)
        let runs = recoveries.enumerated().map { (group: key, sampleSize: ns[$0.offset / perN], verdict: $0.element.verdict) }
        return ThresholdAnalysis(runs: runs, level: separationLevel).groups[0]
    }

    /// The analysis in words, with both readings of n_sep named.
    func thresholdNote(_ g: ThresholdAnalysis.Group, label: String) -> String {
        "Claim 9, \(label), as `flowverify sweep report` reads the same runs: the first n with a certified recovery (F(n) > 0: the paper's n_sep, which this claim estimates as n̂_sep; for m = 1 also n_opt) in \(g.optimistic.rangeText); "
            + "the sweep's n_sep at level \(separationLevel) (the smallest n whose 95 % Clopper–Pearson lower end of F(n) reaches it; with \(g.cells.first?.runs ?? 0) runs per n that end is at most \(String(format: "%.3f", ClopperPearson(successes: g.cells.first?.runs ?? 0, trials: g.cells.first?.runs ?? 0).lower))) in \(g.separation.rangeText); candidates judged by the sweep report: "
            + g.candidates.map { "\($0.quantity.rawValue) = \($0.formula) = \($0.value): \($0.judgement.rawValue) (\($0.why))" }.joined(separator: "; ") + "."
    }
}
