import Foundation
import Verification

/// A `Figure` drawn as one self-contained SVG element (no scripts, no external fonts or
/// images): title, plot area with frame and grid, ticks and tick labels, axis labels, the
/// series (line: joined; points: dots; reference: dashed), a legend and the caption.
///
/// Coordinates follow `PlotAxis` (its documentation gives the linear and log10 maps). Points
/// that have no place on an axis (non-positive values on a log axis) are dropped, a line is
/// broken where they were, and the caption says how many were dropped. Empty figures, single
/// points and constant series render (the axes widen their range; an empty plot says "no
/// data"). All text is XML-escaped. Ticks carry `data-value` and the plot area
/// `class="plot-area"`, so that tests (and readers of the source) can check the geometry.
public enum SVGPlot {
    /// Layout, in SVG user units (the element scales with CSS `max-width: 100%`).
    static let width = 500.0
    static let left = 78.0, right = 18.0
    static let plotHeight = 280.0
    /// The axes run from `inset` inside the plot area's frame, so that data on the edge of the
    /// range (a bound drawn as a line, the last point) stays clear of the frame.
    static let inset = 10.0
    /// Characters per line of the title and the caption.
    static let titleWidth = 52, captionWidth = 74

    /// Okabe–Ito colours (distinguishable with the common colour-vision deficiencies).
    static let palette = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#8C6D31"]

    /// The SVG for `figure`. `idPrefix` makes the element ids inside (the clip path, the
    /// title) unique when several plots share one page; by default it is derived from the
    /// figure id.
    public static func render(_ figure: Figure, idPrefix: String? = nil) -> String {
        let prefix = idPrefix ?? "plot-" + sanitizedID(figure.id)
        let titleLines = wrapWords(figure.title, width: titleWidth)
        let plotTop = 14 + 20 * Double(max(titleLines.count, 1)) + 6
        let plotBottom = plotTop + plotHeight
        let plotLeft = left, plotRight = width - right

        // The data each axis must show: every finite point (a log axis ignores non-positive values).
        let points = figure.series.map { $0.points.compactMap { p -> (Double, Double)? in
            p.count >= 2 && p[0].isFinite && p[1].isFinite ? (p[0], p[1]) : nil
        } }
        let usable = points.map { $0.filter { (figure.xScale == .linear || $0.0 > 0) && (figure.yScale == .linear || $0.1 > 0) } }
        let dropped = zip(points, usable).reduce(0) { $0 + $1.0.count - $1.1.count }
        let x = PlotAxis(scale: figure.xScale, values: usable.flatMap { $0.map(\.0) }, start: plotLeft + inset, end: plotRight - inset)
        let y = PlotAxis(scale: figure.yScale, values: usable.flatMap { $0.map(\.1) }, start: plotBottom - inset, end: plotTop + inset)

        var body: [String] = []
        // Title.
        for (i, line) in titleLines.enumerated() {
            body.append(##"<text class="plot-title" x="\##(f(width / 2))" y="\##(f(26 + 20 * Double(i)))" text-anchor="middle" font-size="15" font-weight="600" fill="#1f2328">\##(escapeXML(line))</text>"##)
        }
        // Grid, ticks and tick labels.
        var grid: [String] = [], ticks: [String] = []
        for t in x.ticks where t.position.isFinite {
            let px = f(t.position)
            if t.major { grid.append(##"<line x1="\##(px)" y1="\##(f(plotTop))" x2="\##(px)" y2="\##(f(plotBottom))"/>"##) }
            var tick = ##"<g class="tick x \##(t.major ? "major" : "minor")" data-value="\##(t.valueText)"><line x1="\##(px)" y1="\##(f(plotBottom))" x2="\##(px)" y2="\##(f(plotBottom + (t.major ? 6 : 3)))" stroke="#444"/>"##
            if let label = t.label {
                tick += ##"<text x="\##(px)" y="\##(f(plotBottom + 20))" text-anchor="middle">\##(escapeXML(label))</text>"##
            }
            ticks.append(tick + "</g>")
        }
        for t in y.ticks where t.position.isFinite {
            let py = f(t.position)
            if t.major { grid.append(##"<line x1="\##(f(plotLeft))" y1="\##(py)" x2="\##(f(plotRight))" y2="\##(py)"/>"##) }
            var tick = ##"<g class="tick y \##(t.major ? "major" : "minor")" data-value="\##(t.valueText)"><line x1="\##(f(plotLeft - (t.major ? 6 : 3)))" y1="\##(py)" x2="\##(f(plotLeft))" y2="\##(py)" stroke="#444"/>"##
            if let label = t.label {
                tick += ##"<text x="\##(f(plotLeft - 9))" y="\##(py)" text-anchor="end" dominant-baseline="middle">\##(escapeXML(label))</text>"##
            }
            ticks.append(tick + "</g>")
        }
        body.append(##"<g class="grid" stroke="#e3e6ea" stroke-width="1">"## + grid.joined() + "</g>")
        body.append(##"<rect class="plot-area" x="\##(f(plotLeft))" y="\##(f(plotTop))" width="\##(f(plotRight - plotLeft))" height="\##(f(plotHeight))" fill="none" stroke="#444" stroke-width="1"/>"##)
        body.append(##"<g class="ticks" font-size="11" fill="#333">"## + ticks.joined() + "</g>")
        // Axis labels.
        body.append(##"<text class="axis-label x" x="\##(f((plotLeft + plotRight) / 2))" y="\##(f(plotBottom + 42))" text-anchor="middle" font-size="13" fill="#1f2328">\##(escapeXML(axisLabel(figure.xLabel, figure.xScale)))</text>"##)
        body.append(##"<text class="axis-label y" transform="translate(18,\##(f((plotTop + plotBottom) / 2))) rotate(-90)" text-anchor="middle" font-size="13" fill="#1f2328">\##(escapeXML(axisLabel(figure.yLabel, figure.yScale)))</text>"##)

        // Series, clipped to the plot area (widened a little so that dots on the frame show).
        body.append(##"<clipPath id="\##(prefix)-clip"><rect x="\##(f(plotLeft - 5))" y="\##(f(plotTop - 5))" width="\##(f(plotRight - plotLeft + 10))" height="\##(f(plotHeight + 10))"/></clipPath>"##)
        var drawn = 0
        var marks: [String] = []
        for (i, series) in figure.series.enumerated() {
            let color = palette[i % palette.count]
            let mapped = points[i].map { p -> (Double, Double)? in
                guard let px = x.position(p.0), let py = y.position(p.1), px.isFinite, py.isFinite else { return nil }
                return (px, py)
            }
            drawn += mapped.compactMap { $0 }.count
            marks.append(seriesMarks(series.style, mapped, color: color, label: series.label))
        }
        body.append(##"<g class="series" clip-path="url(#\##(prefix)-clip)">"## + marks.joined() + "</g>")
        if drawn == 0 {
            body.append(##"<text class="no-data" x="\##(f((plotLeft + plotRight) / 2))" y="\##(f((plotTop + plotBottom) / 2))" text-anchor="middle" font-size="14" fill="#6a737d">no data to plot</text>"##)
        }

        // Legend: entries flow left to right, wrapping to new rows.
        var legendY = plotBottom + 66, cursor = plotLeft
        var legend: [String] = []
        for (i, series) in figure.series.enumerated() {
            let label = series.label.isEmpty ? "(unnamed)" : series.label
            let entryWidth = 34 + 6.6 * Double(label.count) + 18
            if cursor > plotLeft, cursor + entryWidth > plotRight {
                cursor = plotLeft
                legendY += 20
            }
            legend.append(##"<g class="legend-entry">"## + legendSwatch(series.style, x: cursor, y: legendY, color: palette[i % palette.count])
                          + ##"<text x="\##(f(cursor + 32))" y="\##(f(legendY))" dominant-baseline="middle">\##(escapeXML(label))</text></g>"##)
            cursor += entryWidth
        }
        body.append(##"<g class="legend" font-size="12" fill="#1f2328">"## + legend.joined() + "</g>")

        // Caption, wrapped.
        var caption = figure.caption
        if dropped > 0 {
            caption += (caption.isEmpty ? "" : " ") + "(\(dropped) point\(dropped == 1 ? "" : "s") with non-positive values not shown on the log axis.)"
        }
        var captionY = (figure.series.isEmpty ? plotBottom + 50 : legendY) + 24
        var captionLines: [String] = []
        for line in wrapWords(caption, width: captionWidth) {
            captionLines.append(##"<text x="\##(f(12))" y="\##(f(captionY))">\##(escapeXML(line))</text>"##)
            captionY += 17
        }
        body.append(##"<g class="caption" font-size="12.5" fill="#444" font-style="italic">"## + captionLines.joined() + "</g>")
        let height = (captionY + 4).rounded(.up)

        return ##"<svg xmlns="http://www.w3.org/2000/svg" class="plot" width="\##(f(width))" height="\##(f(height))" viewBox="0 0 \##(f(width)) \##(f(height))" role="img" aria-labelledby="\##(prefix)-title" font-family="system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif">"##
            + ##"<title id="\##(prefix)-title">\##(escapeXML(figure.title))</title>"##
            + ##"<desc>\##(escapeXML(figure.caption))</desc>"##
            + ##"<rect width="100%" height="100%" fill="#ffffff"/>"##
            + body.joined(separator: "\n") + "</svg>"
    }

    /// The axis label, with "(log scale)" added on a log axis.
    static func axisLabel(_ label: String, _ scale: Figure.Scale) -> String {
        scale == .log ? label + " (log scale)" : label
    }

    static func seriesMarks(_ style: Figure.Series.Style, _ mapped: [(Double, Double)?], color: String, label: String) -> String {
        let title = "<title>" + escapeXML(label) + "</title>"
        switch style {
        case .points:
            let dots = mapped.compactMap { $0 }.map { ##"<circle cx="\##(f($0.0))" cy="\##(f($0.1))" r="3.2"/>"## }
            return ##"<g class="points" fill="\##(color)" stroke="#ffffff" stroke-width="0.8">"## + title + dots.joined() + "</g>"
        case .line, .reference:
            // Subpaths break where a point was dropped; an isolated point gets a dot.
            var d = "", run: [(Double, Double)] = [], singles: [(Double, Double)] = []
            func flush() {
                if run.count == 1 { singles.append(run[0]) }
                if run.count >= 2 {
                    d += "M" + run.map { f($0.0) + " " + f($0.1) }.joined(separator: "L")
                }
                run = []
            }
            for p in mapped {
                if let p { run.append(p) } else { flush() }
            }
            flush()
            let dash = style == .reference ? ##" stroke-dasharray="7 5""## : ""
            var out = ##"<g class="\##(style == .reference ? "reference" : "line")">"## + title
            if !d.isEmpty {
                out += ##"<path d="\##(d)" fill="none" stroke="\##(color)" stroke-width="\##(style == .reference ? "1.6" : "2")" stroke-linejoin="round" stroke-linecap="round"\##(dash)/>"##
            }
            for s in singles {
                out += ##"<circle cx="\##(f(s.0))" cy="\##(f(s.1))" r="3" fill="\##(style == .reference ? "#ffffff" : color)" stroke="\##(color)" stroke-width="1.5"/>"##
            }
            return out + "</g>"
        }
    }

    static func legendSwatch(_ style: Figure.Series.Style, x: Double, y: Double, color: String) -> String {
        switch style {
        case .points:
            return ##"<circle cx="\##(f(x + 13))" cy="\##(f(y))" r="4" fill="\##(color)"/>"##
        case .line:
            return ##"<line x1="\##(f(x))" y1="\##(f(y))" x2="\##(f(x + 26))" y2="\##(f(y))" stroke="\##(color)" stroke-width="2.5"/>"##
        case .reference:
            return ##"<line x1="\##(f(x))" y1="\##(f(y))" x2="\##(f(x + 26))" y2="\##(f(y))" stroke="\##(color)" stroke-width="2" stroke-dasharray="7 5"/>"##
        }
    }

    /// A fragment usable in an XML id: letters, digits, '-' and '_' kept, the rest as '-'.
    static func sanitizedID(_ s: String) -> String {
        let kept = s.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") ? $0 : "-" }
        return kept.isEmpty ? "figure" : String(kept)
    }

    /// A coordinate, two decimals.
    static func f(_ v: Double) -> String { String(format: "%.2f", v) }
}
