import Foundation

/// A heatmap of F(n) over n (columns) × d (rows) for one m: each cell coloured by the point
/// estimate on a white-to-blue scale and labelled k/N (recovered of all runs); a cell with no
/// decided run is grey and labelled "?"; an absent cell is left blank.
struct SweepHeatmap {
    struct Cell { var n: Int; var d: Int; var probability: Double?; var label: String; var detail: String }
    var id: String
    var title: String
    var cells: [Cell]
    var caption: String

    func render() -> String {
        let f = SVGPlot.f
        let ns = Array(Set(cells.map(\.n))).sorted(), ds = Array(Set(cells.map(\.d))).sorted()
        let titleLines = wrapWords(title, width: SVGPlot.titleWidth)
        let top = 14 + 20 * Double(max(titleLines.count, 1)) + 6
        let left = SVGPlot.left, right = SVGPlot.width - SVGPlot.right
        let cw = (right - left) / Double(max(ns.count, 1)), ch = min(40.0, 280 / Double(max(ds.count, 1)))
        var body: [String] = titleLines.enumerated().map { i, line in
            ##"<text x="\##(f(SVGPlot.width / 2))" y="\##(f(26 + 20 * Double(i)))" text-anchor="middle" font-size="15" font-weight="600" fill="#1f2328">\##(escapeXML(line))</text>"##
        }
        var g = ##"<g class="cells" font-size="\##(cw < 28 ? 8 : 10)" text-anchor="middle" dominant-baseline="middle">"##
        for c in cells {
            guard let i = ns.firstIndex(of: c.n), let j = ds.firstIndex(of: c.d) else { continue }
            let x = left + Double(i) * cw, y = top + Double(ds.count - 1 - j) * ch
            let fill = c.probability.map(SweepHeatmap.color) ?? "#c8ccd1"
            let ink = (c.probability ?? 0) > 0.6 ? "#ffffff" : "#1f2328"
            g += ##"<g class="cell" data-n="\##(c.n)" data-d="\##(c.d)"><title>\##(escapeXML(c.detail))</title><rect x="\##(f(x))" y="\##(f(y))" width="\##(f(cw))" height="\##(f(ch))" fill="\##(fill)" stroke="#d1d9e0"/><text x="\##(f(x + cw / 2))" y="\##(f(y + ch / 2))" fill="\##(ink)">\##(escapeXML(c.label))</text></g>"##
        }
        body.append(g + "</g>")
        let bottom = top + Double(ds.count) * ch
        var ticks = ##"<g class="ticks" font-size="11" fill="#333">"##
        for (i, n) in ns.enumerated() {
            ticks += ##"<text x="\##(f(left + (Double(i) + 0.5) * cw))" y="\##(f(bottom + 16))" text-anchor="middle">\##(n)</text>"##
        }
        for (j, d) in ds.enumerated() {
            ticks += ##"<text x="\##(f(left - 8))" y="\##(f(top + (Double(ds.count - 1 - j) + 0.5) * ch))" text-anchor="end" dominant-baseline="middle">\##(d)</text>"##
        }
        body.append(ticks + "</g>")
        body.append(##"<text x="\##(f((left + right) / 2))" y="\##(f(bottom + 36))" text-anchor="middle" font-size="13">sample size n</text>"##)
        body.append(##"<text transform="translate(18,\##(f((top + bottom) / 2))) rotate(-90)" text-anchor="middle" font-size="13">input dimension d</text>"##)
        var scale = ##"<g class="colour-scale" font-size="11">"##
        for k in 0...4 {
            let p = Double(k) / 4, x = left + Double(k) * 80
            scale += ##"<rect x="\##(f(x))" y="\##(f(bottom + 50))" width="20" height="12" fill="\##(SweepHeatmap.color(p))" stroke="#999"/><text x="\##(f(x + 24))" y="\##(f(bottom + 57))" dominant-baseline="middle">F = \##(String(format: "%.2g", p))</text>"##
        }
        body.append(scale + "</g>")
        return SweepPlot.wrap(id: id, title: title, caption: caption, body: body, below: bottom + 62)
    }

    /// White (0) to the palette's blue (1).
    static func color(_ p: Double) -> String {
        let t = min(max(p, 0), 1)
        let (r, g, b) = (255 - t * (255 - 0), 255 - t * (255 - 0x72), 255 - t * (255 - 0xB2))
        return String(format: "#%02X%02X%02X", Int(r.rounded()), Int(g.rounded()), Int(b.rounded()))
    }
}
