import Foundation
import TwoLayerNet

/// Claim 6's notes and figures (what `SmallInitializationLimit.check` measured, in words and plots).
extension SmallInitializationLimit {
    static func e(_ x: Double) -> String { String(format: "%.3e", x) }

    func notes(_ m: Measurement, quick: Bool) -> [String] {
        let e = SmallInitializationLimit.e
        let rungs = (quick ? quickTiltLadder : tiltLadder).map { "(\(String(format: "%g", $0.tilt)), \($0.scale))" }.joined(separator: ", ")
        let growthPairs = quick ? quickEqualGrowthPairs : equalGrowthPairs
        let pairs = quick ? quickPairs : self.pairs
        var out = [
            "Setting: tanh, d = \(dimension), m = \(width), n = \(sampleCount), Gaussian data (seed \(dataSeed)), target a* = 1, w* = e_1. Every run in double to convergence (flow-time guard 1e7) and again at a looser gradient tolerance (2^-\(ConvergedLimit.looseGradientBits)); limits compared as points modulo the per-neuron sign flip and the permutation of neurons: D = dist_G(θ∞_A, θ∞_B). Uncertainty of D: its change between the two tolerances (infinite if a run did not converge) + the numerical floor F, the largest D of \(m.mirrors.count) mirrored pairs (the first direction of each pair at 3ε_min against 3 × its image under G, neurons swapped and signs flipped, at ε_min: the same flow relabelled, reached through different roundings): " + m.mirrors.map { e($0.distance) }.joined(separator: ", ") + "; F = \(e(m.floor)).",
            "(6L) pairs (equal p̂, w_k^⊥ redrawn): " + growthPairs.enumerated().map { "\($0 + 1): \($1.description)" }.joined(separator: "; ") + ".",
        ]
        for (i, ladder) in m.equalGrowth.enumerated() {
            out.append(ladderNote("(6L) pair \(i + 1): D(ε) = ", ladder.map(\.scale.doubleValue), ladder, floor: m.floor, label: { $0.scale.text })
                       + (ladder.first.map { "; ‖Ĉ_A − Ĉ_B‖₂ = \(e($0.imbalanceGap))" } ?? "") + ".")
        }
        out.append("(6C) joint ladder (τ, ε): \(rungs). Pairs (independent Gaussian draws, B's |a_k| set to λ|a_k^A|, both first layers at ‖w_k‖ = τ|a_k|): " + pairs.enumerated().map { "\($0 + 1): \($1.description)" }.joined(separator: "; ") + ".")
        for (i, ladder) in m.conditional.enumerated() {
            var line = ladderNote("(6C) pair \(i + 1): D(τ, ε) = ", ladder.map { $0.tilt ?? .nan }, ladder, floor: m.floor,
                                  label: { "(\(String(format: "%g", $0.tilt ?? .nan)), \($0.scale))" })
            if i < pairs.count, let smallest = ladder.last, let tau = smallest.tilt, let s = try? pairs[i].separation(tilt: tau, network: network) {
                line += ". The pair is different: at τ = \(String(format: "%g", tau)) the unit directions are \(e(s.points)) apart as points and \(e(s.modulo)) modulo signs and permutations; dist_G(p̂_A, p̂_B) = \(e(smallest.growthDistance))"
            }
            out.append(line + ".")
        }
        if let first = m.counterexample.first {
            let f = { (v: [Double]?) in "(" + (v ?? []).map { String(format: "%.6f", $0) }.joined(separator: ", ") + ")" }
            out.append("(6U) pair: Gaussian seed \(counterexampleSeed) and the same with w_k → −w_k. Ĉ_A = \(f(first.first.normalizedImbalance)), Ĉ_B = \(f(first.second.normalizedImbalance)); p̂_A = \(f(first.first.normalizedGrowth)), p̂_B = \(f(first.second.normalizedGrowth)).")
            out.append("(6U) D(ε): " + m.counterexample.map { "\($0.scale): \(e($0.distance)) ± \(e($0.uncertainty))" }.joined(separator: "; ") + " (± the tolerance change only).")
        }
        let all = m.equalGrowth.flatMap { $0 } + m.conditional.flatMap { $0 } + m.counterexample + m.mirrors
        out.append("Runs: \(4 * all.count) to convergence (\(all.filter { !$0.converged }.count) of \(all.count) pairs with a run that did not converge), \(String(format: "%.1f", all.map(\.seconds).reduce(0, +))) s summed over the runs.")
        out.append("Readings: (6L) tests the reduction to p̂ (proofs/claim-06.md step 1); (6C) is the paper's statement, read as the joint limit τ, ε → 0 (‖w_k(0)‖ = o(|a_k(0)|) as ε → 0); (6U) exhibits the counterexample to the unconditional reading and holds when the limits stay apart. \(Reading.rule)")
        return out
    }

    /// "prefix D ± u at label; …; fitted rate r = … ± … (SE …, N rungs)".
    func ladderNote(_ prefix: String, _ x: [Double], _ ladder: [LimitPair], floor: Double, label: (LimitPair) -> String) -> String {
        let e = SmallInitializationLimit.e
        var line = prefix + ladder.map { "\(e($0.distance)) ± \(e($0.uncertainty)) at \(label($0))" }.joined(separator: "; ")
        if let fit = LogLogRate(zip(x, ladder).map { (x: $0, value: $1.distance, uncertainty: $1.uncertainty + floor) }) {
            line += String(format: "; fitted rate r = %.3f ± %.3f (SE %.3f, %d rungs)", fit.rate, fit.uncertainty, fit.standardError, fit.points)
        }
        return line
    }

    func figures(_ m: Measurement) -> [Figure] {
        func fitted(_ name: String, _ x: [Double], _ ladder: [LimitPair], variable: String) -> [Figure.Series] {
            var series = [Figure.Series(label: name, style: .line, points: Array(zip(x, ladder.map(\.distance))))]
            if let fit = LogLogRate(zip(x, ladder).map { (x: $0, value: $1.distance, uncertainty: $1.uncertainty + m.floor) }) {
                series.append(Figure.Series(label: String(format: "\(name) fit ∝ \(variable)^%.2f", fit.rate), style: .reference,
                                            points: x.map { ($0, fit.value(at: $0)) }))
            }
            return series
        }
        let byTilt = m.conditional.enumerated().flatMap { i, l in fitted("(6C) pair \(i + 1)", l.map { $0.tilt ?? .nan }, l, variable: "τ") }
        var byScale = m.equalGrowth.enumerated().flatMap { i, l in fitted("(6L) pair \(i + 1)", l.map(\.scale.doubleValue), l, variable: "ε") }
        byScale.append(Figure.Series(label: "(6U) equal Ĉ, different p̂", style: .line, points: m.counterexample.map { ($0.scale.doubleValue, $0.distance) }))
        return [
            Figure(id: "claim-06-conditional-distance", title: "(6C) distance between the limits of equal-Ĉ pairs against the tilt τ",
                   xLabel: "τ = ‖w_k(0)‖/|a_k(0)| (ε = τ/10)", yLabel: "D = dist_G(θ∞_A, θ∞_B)", xScale: .log, yScale: .log, series: byTilt,
                   caption: "Each equal-Ĉ pair's distance falls with τ along the joint ladder; the dashed lines are the fitted power laws whose slopes decide (6C)."),
            Figure(id: "claim-06-limit-distance-epsilon", title: "Distance between the limits against ε: equal p̂ (6L) and the counterexample (6U)",
                   xLabel: "ε", yLabel: "D = dist_G(θ∞_A, θ∞_B)", xScale: .log, yScale: .log, series: byScale,
                   caption: "Equal p̂ with different Ĉ (6L) comes together as ε decreases, at the fitted rate (dashed); equal Ĉ with different p̂ (6U) stays apart."),
        ]
    }
}
