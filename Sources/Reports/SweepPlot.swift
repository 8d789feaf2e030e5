import Foundation

/// An x–y plot for the sweep report: series of points, each with an optional interval drawn
/// as a vertical bar with caps, and vertical dashed markers at given x (candidate formulas).
/// A point with only a lower end (`atLeast`) is drawn as an upward arrow from it. One
/// self-contained SVG element on the axes of `PlotAxis` (linear), in `SVGPlot`'s layout,
/// palette and escaping.
struct SweepPlot {
    struct Point { var x: Double; var y: Double?; var low: Double?; var high: Double?; var atLeast = false }
    struct Series { var label: String; var points: [Point] }
    struct Marker { var x: Double; var label: String }

    var id: String
    var title: String
    var xLabel: String
    var yLabel: String
    var series: [Series]
    var markers: [Marker] = []
    /// A fixed y range (probabilities: 0 … 1); nil: from the data.
    var yRange: (Double, Double)? = nil
    var caption: String

    /// Dash patterns of the markers, in order (the legend repeats them).
    static let dashes = ["6 4", "2 3", "9 3 2 3", "1 2"]

    func render() -> String {
        let f = SVGPlot.f
        let titleLines = wrapWords(title, width: SVGPlot.titleWidth)
        let top = 14 + 20 * Double(max(titleLines.count, 1)) + 6, bottom = top + SVGPlot.plotHeight
        let left = SVGPlot.left, right = SVGPlot.width - SVGPlot.right
        let xs = series.flatMap { $0.points.map(\.x) } + markers.map(\.x)
        let ys = yRange.map { [$0.0, $0.1] } ?? series.flatMap { $0.points.flatMap { [$0.y, $0.low, $0.high].compactMap { $0 } } }
        let x = PlotAxis(scale: .linear, values: xs, start: left + SVGPlot.inset, end: right - SVGPlot.inset)
        let y = PlotAxis(scale: .linear, values: ys, start: bottom - SVGPlot.inset, end: top + SVGPlot.inset)
        var body: [String] = titleLines.enumerated().map { i, line in
            ##"<text x="\##(f(SVGPlot.width / 2))" y="\##(f(26 + 20 * Double(i)))" text-anchor="middle" font-size="15" font-weight="600" fill="#1f2328">\##(escapeXML(line))</text>"##
        }
        body.append(SweepPlot.frame(x: x, y: y, top: top, bottom: bottom, left: left, right: right, xLabel: xLabel, yLabel: yLabel))
        var marks: [String] = []
        for (i, m) in markers.enumerated() {
            guard let px = x.position(m.x) else { continue }
            marks.append(##"<g class="marker"><title>\##(escapeXML(m.label))</title><line x1="\##(f(px))" y1="\##(f(top))" x2="\##(f(px))" y2="\##(f(bottom))" stroke="#6a737d" stroke-width="1.4" stroke-dasharray="\##(SweepPlot.dashes[i % SweepPlot.dashes.count])"/></g>"##)
        }
        for (i, s) in series.enumerated() {
            let color = SVGPlot.palette[i % SVGPlot.palette.count]
            let shift = (Double(i) - Double(series.count - 1) / 2) * 3  // side by side at one x
            var g = ##"<g class="series" fill="\##(color)" stroke="\##(color)"><title>\##(escapeXML(s.label))</title>"##
            for p in s.points {
                guard let px = x.position(p.x).map({ $0 + shift }) else { continue }
                if p.atLeast, let lo = p.low.flatMap(y.position) {
                    g += ##"<path class="at-least" d="M\##(f(px)) \##(f(lo))L\##(f(px)) \##(f(lo - 22))M\##(f(px - 4)) \##(f(lo - 16))L\##(f(px)) \##(f(lo - 22))L\##(f(px + 4)) \##(f(lo - 16))M\##(f(px - 4)) \##(f(lo))L\##(f(px + 4)) \##(f(lo))" stroke-width="1.5" fill="none"/>"##
                } else if let lo = p.low.flatMap(y.position), let hi = p.high.flatMap(y.position) {
                    g += ##"<path d="M\##(f(px)) \##(f(lo))L\##(f(px)) \##(f(hi))M\##(f(px - 3)) \##(f(lo))L\##(f(px + 3)) \##(f(lo))M\##(f(px - 3)) \##(f(hi))L\##(f(px + 3)) \##(f(hi))" stroke-width="1.3" fill="none"/>"##
                }
                if let py = p.y.flatMap(y.position) {
                    g += ##"<circle cx="\##(f(px))" cy="\##(f(py))" r="3.2" stroke="#ffffff" stroke-width="0.8"/>"##
                }
            }
            marks.append(g + "</g>")
        }
        body.append(marks.joined())
        var legendY = bottom + 66, cursor = left
        var legend: [String] = []
        let entries: [(String, String, String?)] = series.enumerated().map { (SVGPlot.palette[$0.offset % SVGPlot.palette.count], $0.element.label, nil) }
            + markers.enumerated().map { ("#6a737d", $0.element.label, SweepPlot.dashes[$0.offset % SweepPlot.dashes.count]) }
        for (color, label, dash) in entries {
            let w = 34 + 6.6 * Double(label.count) + 18
            if cursor > left, cursor + w > right { cursor = left; legendY += 20 }
            let swatch = dash.map { dash in
                ##"<line x1="\##(f(cursor))" y1="\##(f(legendY))" x2="\##(f(cursor + 26))" y2="\##(f(legendY))" stroke="\##(color)" stroke-width="1.6" stroke-dasharray="\##(dash)"/>"##
            }
                ?? ##"<circle cx="\##(f(cursor + 13))" cy="\##(f(legendY))" r="4" fill="\##(color)"/>"##
            legend.append(swatch + ##"<text x="\##(f(cursor + 32))" y="\##(f(legendY))" dominant-baseline="middle">\##(escapeXML(label))</text>"##)
            cursor += w
        }
        body.append(##"<g class="legend" font-size="12" fill="#1f2328">"## + legend.joined() + "</g>")
        return SweepPlot.wrap(id: id, title: title, caption: caption, body: body, below: entries.isEmpty ? bottom + 50 : legendY)
    }

    /// Grid, frame, ticks and axis labels.
    static func frame(x: PlotAxis, y: PlotAxis, top: Double, bottom: Double, left: Double, right: Double, xLabel: String, yLabel: String) -> String {
        let f = SVGPlot.f
        var grid = "", ticks = ""
        for t in x.ticks where t.position.isFinite {
            grid += ##"<line x1="\##(f(t.position))" y1="\##(f(top))" x2="\##(f(t.position))" y2="\##(f(bottom))"/>"##
            ticks += ##"<g class="tick x" data-value="\##(t.valueText)"><line x1="\##(f(t.position))" y1="\##(f(bottom))" x2="\##(f(t.position))" y2="\##(f(bottom + 6))" stroke="#444"/><text x="\##(f(t.position))" y="\##(f(bottom + 20))" text-anchor="middle">\##(escapeXML(t.label ?? ""))</text></g>"##
        }
        for t in y.ticks where t.position.isFinite {
            grid += ##"<line x1="\##(f(left))" y1="\##(f(t.position))" x2="\##(f(right))" y2="\##(f(t.position))"/>"##
            ticks += ##"<g class="tick y" data-value="\##(t.valueText)"><line x1="\##(f(left - 6))" y1="\##(f(t.position))" x2="\##(f(left))" y2="\##(f(t.position))" stroke="#444"/><text x="\##(f(left - 9))" y="\##(f(t.position))" text-anchor="end" dominant-baseline="middle">\##(escapeXML(t.label ?? ""))</text></g>"##
        }
        return ##"<g class="grid" stroke="#e3e6ea" stroke-width="1">"## + grid + "</g>"
            + ##"<rect class="plot-area" x="\##(f(left))" y="\##(f(top))" width="\##(f(right - left))" height="\##(f(bottom - top))" fill="none" stroke="#444"/>"##
            + ##"<g class="ticks" font-size="11" fill="#333">"## + ticks + "</g>"
            + ##"<text class="axis-label x" x="\##(f((left + right) / 2))" y="\##(f(bottom + 42))" text-anchor="middle" font-size="13" fill="#1f2328">\##(escapeXML(xLabel))</text>"##
            + ##"<text class="axis-label y" transform="translate(18,\##(f((top + bottom) / 2))) rotate(-90)" text-anchor="middle" font-size="13" fill="#1f2328">\##(escapeXML(yLabel))</text>"##
    }

    /// The svg element around `body`, with the caption under `below`.
    static func wrap(id: String, title: String, caption: String, body: [String], below: Double) -> String {
        let f = SVGPlot.f
        var y = below + 24
        var lines: [String] = []
        for line in wrapWords(caption, width: SVGPlot.captionWidth) {
            lines.append(##"<text x="12" y="\##(f(y))">\##(escapeXML(line))</text>"##)
            y += 17
        }
        let height = (y + 4).rounded(.up), prefix = SVGPlot.sanitizedID(id)
        return ##"<svg xmlns="http://www.w3.org/2000/svg" class="plot" width="\##(f(SVGPlot.width))" height="\##(f(height))" viewBox="0 0 \##(f(SVGPlot.width)) \##(f(height))" role="img" aria-labelledby="\##(prefix)-title" font-family="system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif">"##
            + ##"<title id="\##(prefix)-title">\##(escapeXML(title))</title><desc>\##(escapeXML(caption))</desc><rect width="100%" height="100%" fill="#ffffff"/>"##
            + body.joined(separator: "\n")
            + ##"<g class="caption" font-size="12.5" fill="#444" font-style="italic">"## + lines.joined() + "</g></svg>"
    }
}
