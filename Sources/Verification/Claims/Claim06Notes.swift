import Foundation
import TwoLayerNet

/// Claim 6's notes and figures (what `SmallInitializationLimit.check` measured, in words and plots).
extension SmallInitializationLimit {
    func notes(_ conditional: [[LimitPair]], _ counter: [LimitPair], pairs: [EqualImbalancePair], quick: Bool) -> [String] {
        let e = { (x: Double) in String(format: "%.3e", x) }
        let rungs = (quick ? quickTiltLadder : tiltLadder).map { "(\(String(format: "%g", $0.tilt)), \($0.scale))" }.joined(separator: ", ")
        var out = [
            "Setting: tanh, d = \(dimension), m = \(width), n = \(sampleCount), Gaussian data (seed \(dataSeed)), target a* = 1, w* = e_1. Every run in double to convergence (flow-time guard 1e7) and again at a looser gradient tolerance (2^-\(ConvergedLimit.looseGradientBits)); limits compared as points modulo the per-neuron sign flip and the permutation of neurons: D = dist_G(θ∞_A, θ∞_B); uncertainty of D = its change between the two tolerances (infinite if a run did not converge).",
            "(6C) joint ladder (τ, ε): \(rungs). Pairs (independent Gaussian draws, B's |a_k| set to λ|a_k^A|, both first layers at ‖w_k‖ = τ|a_k|): " + pairs.enumerated().map { "\($0 + 1): \($1.description)" }.joined(separator: "; ") + ".",
        ]
        for (i, ladder) in conditional.enumerated() {
            let fit = LogLogRate(ladder.map { (x: $0.tilt ?? .nan, value: $0.distance, uncertainty: $0.uncertainty) })
            var line = "(6C) pair \(i + 1): D(τ, ε) = " + ladder.map { "\(e($0.distance)) ± \(e($0.uncertainty)) at (\(String(format: "%g", $0.tilt ?? .nan)), \($0.scale))" }.joined(separator: "; ")
            if let fit { line += String(format: "; fitted rate r = %.3f ± %.3f (SE %.3f, %d rungs)", fit.rate, fit.uncertainty, fit.standardError, fit.points) }
            if i < pairs.count, let smallest = ladder.last, let tau = smallest.tilt, let s = try? pairs[i].separation(tilt: tau, network: network) {
                line += ". The pair is different: at τ = \(String(format: "%g", tau)) the unit directions are \(e(s.points)) apart as points and \(e(s.modulo)) modulo signs and permutations; dist_G(p̂_A, p̂_B) = \(e(smallest.growthDistance))"
            }
            out.append(line + ".")
        }
        if let first = counter.first {
            let f = { (v: [Double]?) in "(" + (v ?? []).map { String(format: "%.6f", $0) }.joined(separator: ", ") + ")" }
            out.append("(6U) pair: Gaussian seed \(counterexampleSeed) and the same with w_k → −w_k. Ĉ_A = \(f(first.first.normalizedImbalance)), Ĉ_B = \(f(first.second.normalizedImbalance)); p̂_A = \(f(first.first.normalizedGrowth)), p̂_B = \(f(first.second.normalizedGrowth)).")
            out.append("(6U) D(ε): " + counter.map { "\($0.scale): \(e($0.distance)) ± \(e($0.uncertainty))" }.joined(separator: "; ") + ".")
        }
        let all = conditional.flatMap { $0 } + counter
        out.append("Runs: \(4 * all.count) to convergence (\(all.filter { !$0.converged }.count) of \(all.count) pairs with a run that did not converge), \(String(format: "%.1f", all.map(\.seconds).reduce(0, +))) s of CPU in the integrator.")
        out.append("Readings: (6C) is the paper's statement, read as the joint limit τ, ε → 0 (‖w_k(0)‖ = o(|a_k(0)|) as ε → 0); (6U) exhibits the counterexample to the unconditional reading and holds when the limits stay apart. \(Reading.rule)")
        return out
    }

    func figures(_ conditional: [[LimitPair]], _ counter: [LimitPair], pairs: [EqualImbalancePair]) -> [Figure] {
        var byTilt: [Figure.Series] = []
        for (i, ladder) in conditional.enumerated() {
            byTilt.append(Figure.Series(label: "(6C) pair \(i + 1)", style: .line, points: ladder.map { ($0.tilt ?? .nan, $0.distance) }))
            if let fit = LogLogRate(ladder.map { (x: $0.tilt ?? .nan, value: $0.distance, uncertainty: $0.uncertainty) }) {
                byTilt.append(Figure.Series(label: String(format: "pair %d fit ∝ τ^%.2f", i + 1, fit.rate), style: .reference,
                                            points: ladder.map { ($0.tilt ?? .nan, fit.value(at: $0.tilt ?? .nan)) }))
            }
        }
        var byScale = [Figure.Series(label: "(6U) equal Ĉ, different p̂", style: .line, points: counter.map { (Double($0.scale) ?? .nan, $0.distance) })]
        if let ladder = conditional.first {
            byScale.append(Figure.Series(label: "(6C) pair 1 (τ decreasing with ε)", style: .points, points: ladder.map { (Double($0.scale) ?? .nan, $0.distance) }))
        }
        return [
            Figure(id: "claim-06-conditional-distance", title: "(6C) distance between the limits of equal-Ĉ pairs against the tilt τ",
                   xLabel: "τ = ‖w_k(0)‖/|a_k(0)| (ε decreasing with τ)", yLabel: "D = dist_G(θ∞_A, θ∞_B)", xScale: .log, yScale: .log, series: byTilt,
                   caption: "Each pair's distance falls with τ along the joint ladder; the dashed lines are the fitted power laws whose slopes decide (6C)."),
            Figure(id: "claim-06-counterexample-distance", title: "Distance between the limits against ε",
                   xLabel: "ε", yLabel: "D = dist_G(θ∞_A, θ∞_B)", xScale: .log, yScale: .log, series: byScale,
                   caption: "(6U) stays apart as ε decreases (equal Ĉ, different p̂); the (6C) pair, whose tilt decreases with ε, comes together."),
        ]
    }
}
