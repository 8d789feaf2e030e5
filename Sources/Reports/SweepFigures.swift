import Foundation

/// The sweep report's figures as inline SVG: F(n) against n for every group with its 95 %
/// intervals and the candidate formulas marked; a heatmap n × d for every m (and bias, σ, ε,
/// family); n_sep against d (a series per m) and against m (a series per d).
enum SweepFigures {
    struct Drawn { var id: String; var svg: String }

    static func all(_ r: SweepReport) -> [Drawn] {
        probability(r) + heatmaps(r) + separation(r)
    }

    static func probability(_ r: SweepReport) -> [Drawn] {
        r.thresholds.enumerated().map { index, t in
            let g = t.group
            let cells = r.cells.filter { $0.group.label == g.label && $0.group.family == g.family }
            let points = cells.map { SweepPlot.Point(x: Double($0.n), y: $0.probability, low: $0.lower, high: $0.upper) }
            var byValue: [Int: [String]] = [:]
            for c in t.candidates { byValue[c.value, default: []].append("\(c.quantity) \(c.formula)") }
            let markers = byValue.keys.sorted().map { SweepPlot.Marker(x: Double($0), label: byValue[$0]!.joined(separator: ", ") + " = \($0)") }
            let id = "sweep-F-\(index + 1)-" + SVGPlot.sanitizedID(g.label)
            let svg = SweepPlot(id: id, title: "Recovery probability F(n), \(g.label)", xLabel: "sample size n",
                                yLabel: "F(n)", series: [.init(label: "F(n), recovered share of decided runs, 95% interval", points: points)],
                                markers: markers, yRange: (0, 1),
                                caption: "Bars: Clopper–Pearson 95% intervals, undecided runs counted both ways. n_sep (level \(r.level)) in \(t.nSep.rangeText); n_opt in \(t.nOpt.rangeText).").render()
            return Drawn(id: id, svg: svg)
        }
    }

    static func heatmaps(_ r: SweepReport) -> [Drawn] {
        let families = Dictionary(grouping: r.cells) { "\($0.group.width)|\($0.group.family)" }
        return families.keys.sorted().compactMap { key in
            let cells = families[key]!
            guard Set(cells.map(\.group.inputDimension)).count > 1 || Set(cells.map(\.n)).count > 1 else { return nil }
            let g = cells[0].group
            let id = "sweep-heatmap-" + SVGPlot.sanitizedID("m\(g.width)-\(g.family)")
            let hm = SweepHeatmap(id: id, title: "F(n) over n × d, m=\(g.width)\(g.bias ? " bias" : "") \(g.activation) ε=\(g.scale)",
                                  cells: cells.map { c in
                                      .init(n: c.n, d: c.group.inputDimension, probability: c.probability, label: c.probability == nil ? "?" : "\(c.recovered)/\(c.runs)",
                                            detail: "n=\(c.n) d=\(c.group.inputDimension): \(c.recovered) recovered, \(c.notRecovered) not, \(c.undecided) undecided; 95% [\(String(format: "%.3g", c.lower)), \(String(format: "%.3g", c.upper))]")
                                  },
                                  caption: "Colour: recovered share of the decided runs; label: recovered / all runs; grey: no run decided. Initialization \(g.initialization).")
            return Drawn(id: id, svg: hm.render())
        }
    }

    static func separation(_ r: SweepReport) -> [Drawn] {
        let families = Dictionary(grouping: r.thresholds) { $0.group.family }
        var out: [Drawn] = []
        for family in families.keys.sorted() {
            let ts = families[family]!
            let g = ts[0].group
            func point(_ x: Int, _ t: SweepReport.Threshold) -> SweepPlot.Point {
                SweepPlot.Point(x: Double(x), y: t.nSep.estimate.map(Double.init), low: t.nSep.lower.map(Double.init),
                                high: t.nSep.upper.map(Double.init), atLeast: t.nSep.upper == nil)
            }
            let name = "\(g.bias ? "bias " : "")\(g.activation) ε=\(g.scale)"
            let caption = "Points: n_sep estimate (level \(r.level)); bars: the range it is known to lie in (an arrow: only a lower end is known, n_sep lies above the grid)."
            let byM = Dictionary(grouping: ts) { $0.group.width }
            let idD = "sweep-nsep-d-" + SVGPlot.sanitizedID(family)
            out.append(Drawn(id: idD, svg: SweepPlot(id: idD, title: "n_sep against d, \(name)", xLabel: "input dimension d", yLabel: "n_sep",
                                                     series: byM.keys.sorted().map { m in .init(label: "m = \(m)", points: byM[m]!.map { point($0.group.inputDimension, $0) }) },
                                                     caption: caption).render()))
            let byD = Dictionary(grouping: ts) { $0.group.inputDimension }
            let idM = "sweep-nsep-m-" + SVGPlot.sanitizedID(family)
            out.append(Drawn(id: idM, svg: SweepPlot(id: idM, title: "n_sep against m, \(name)", xLabel: "width m", yLabel: "n_sep",
                                                     series: byD.keys.sorted().map { d in .init(label: "d = \(d)", points: byD[d]!.map { point($0.group.width, $0) }) },
                                                     caption: caption).render()))
        }
        return out
    }
}
