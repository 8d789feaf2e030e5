import Foundation
import Testing
@testable import Reports
import Verification

@Suite("SVG plots")
struct SVGPlotTests {
    func parse(_ figure: Figure) throws -> XMLElementNode {
        let svg = SVGPlot.render(figure)
        return try XMLElementNode.parse(svg).get()
    }

    /// The axes' pixel ranges: the plot area's frame less `SVGPlot.inset` on every side.
    func plotArea(_ root: XMLElementNode) throws -> (x: Double, y: Double, width: Double, height: Double) {
        let rect = try #require(root.descendants.first { $0.name == "rect" && $0.hasClass("plot-area") })
        let inset = SVGPlot.inset
        return (try #require(rect.double("x")) + inset, try #require(rect.double("y")) + inset,
                try #require(rect.double("width")) - 2 * inset, try #require(rect.double("height")) - 2 * inset)
    }

    /// The major ticks of one axis: (value, coordinate of the tick line).
    func majorTicks(_ root: XMLElementNode, axis: String) throws -> [(Double, Double)] {
        try root.descendants.filter { $0.name == "g" && $0.hasClass("tick") && $0.hasClass(axis) && $0.hasClass("major") }.map { g in
            let value = try #require(g.attributes["data-value"].flatMap(Double.init))
            let line = try #require(g.children.first { $0.name == "line" })
            return (value, try #require(line.double(axis == "x" ? "x1" : "y1")))
        }
    }

    /// Equal lengths and every value equal to 12 digits.
    func close(_ a: [Double], _ b: [Double]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { abs($0 / $1 - 1) < 1e-12 }
    }

    /// Geometry attributes that are not finite numbers ("nan", "inf"), and path data with them.
    func nonFinite(_ root: XMLElementNode) -> [String] {
        let geometry = ["x", "y", "x1", "x2", "y1", "y2", "cx", "cy", "r", "width", "height"]
        var bad: [String] = []
        for node in root.descendants {
            for name in geometry {
                guard let value = node.attributes[name], !value.hasSuffix("%") else { continue }
                if !(Double(value)?.isFinite ?? false) { bad.append("\(node.name) \(name)=\(value)") }
            }
            if let d = node.attributes["d"] {
                let numbers = d.split(whereSeparator: { "MLZ ".contains($0) })
                if !numbers.allSatisfy({ Double($0)?.isFinite ?? false }) { bad.append("path d=\(d)") }
            }
        }
        return bad
    }

    @Test("every synthetic figure, degenerate ones included, is well-formed XML with a title")
    func wellFormed() throws {
        for figure in Synthetic.allFigures {
            let root = try parse(figure)
            #expect(root.name == "svg")
            #expect(root.all("title").first?.allText == figure.title)
        }
    }

    @Test("log axes: decades get equal lengths, at the positions p = start + (end − start)·(log10 v − log10 lo)/(log10 hi − log10 lo)")
    func logAxisDecades() throws {
        // x from 1e-5 to 1e3 exactly: the domain is those decades; y from 3e-12 to 7e-2: the
        // domain is 1e-12 … 1e-1 (11 decades: every second decade is ticked).
        let xs = (0...8).map { pow(10, -5 + Double($0)) }
        let ys = [3e-12, 5e-9, 2e-6, 7e-2, 1e-4, 4e-7, 8e-10, 6e-3, 1e-11]
        let figure = Figure(id: "log", title: "log–log", xLabel: "x", yLabel: "y", xScale: .log, yScale: .log,
                            series: [Figure.Series(label: "data", style: .points, points: Array(zip(xs, ys)))], caption: "")
        let root = try parse(figure)
        let area = try plotArea(root)

        let xTicks = try majorTicks(root, axis: "x")
        #expect(close(xTicks.map(\.0), xs))
        for (v, p) in xTicks {
            let expected = area.x + area.width * (log10(v) - (-5)) / (3 - (-5))
            #expect(abs(p - expected) < 0.01, "x tick \(v) at \(p), expected \(expected)")
        }
        let xGaps = zip(xTicks.dropFirst(), xTicks).map { $0.1 - $1.1 }
        #expect(xGaps.allSatisfy { abs($0 - area.width / 8) < 0.02 })

        let yTicks = try majorTicks(root, axis: "y")
        #expect(close(yTicks.map(\.0), [1e-12, 1e-10, 1e-8, 1e-6, 1e-4, 1e-2]))
        let bottom = area.y + area.height
        for (v, p) in yTicks {
            let expected = bottom - area.height * (log10(v) - (-12)) / (-1 - (-12))
            #expect(abs(p - expected) < 0.01, "y tick \(v) at \(p), expected \(expected)")
        }
        let yGaps = zip(yTicks.dropFirst(), yTicks).map { $1.1 - $0.1 }
        #expect(yGaps.allSatisfy { abs($0 - 2 * area.height / 11) < 0.02 })

        // The data points sit where the same formula puts them.
        let circles = root.all("circle").filter { $0.parent?.hasClass("points") ?? false }
        #expect(circles.count == xs.count)
        for (c, (x, y)) in zip(circles, zip(xs, ys)) {
            let cx = try #require(c.double("cx")), cy = try #require(c.double("cy"))
            #expect(abs(cx - (area.x + area.width * (log10(x) + 5) / 8)) < 0.01)
            #expect(abs(cy - (bottom - area.height * (log10(y) + 12) / 11)) < 0.01)
        }
    }

    @Test("linear axes: ticks at 1, 2 or 5 × 10^k spanning the data, mapped linearly")
    func linearAxis() throws {
        let figure = Figure(id: "lin", title: "linear", xLabel: "x", yLabel: "y",
                            series: [Figure.Series(label: "line", points: [(0.3, -1.7), (4.2, 3.3), (9.1, 0.2)])], caption: "c")
        let root = try parse(figure)
        let area = try plotArea(root)
        let xTicks = try majorTicks(root, axis: "x")
        let xValues = xTicks.map(\.0)
        // Range 0.3 … 9.1 over about five steps: step 2, domain 0 … 10.
        #expect(xValues == [0, 2, 4, 6, 8, 10])
        for (v, p) in xTicks {
            #expect(abs(p - (area.x + area.width * v / 10)) < 0.01)
        }
        let yValues = try majorTicks(root, axis: "y").map(\.0)
        #expect(yValues.first! <= -1.7 && yValues.last! >= 3.3)
        let steps = Set(zip(yValues.dropFirst(), yValues).map { (($0 - $1) * 1e9).rounded() / 1e9 })
        #expect(steps.count == 1)
        // The line is one path through the three points.
        let path = try #require(root.all("path").first)
        #expect(path.attributes["d"]?.filter { $0 == "L" }.count == 2)
    }

    @Test("styles: reference series dashed, points as circles, lines as paths; a legend entry per series")
    func styles() throws {
        let figure = Synthetic.allFigures.first { $0.id == "claim-04-escape-time" }!
        let root = try parse(figure)
        let reference = try #require(root.descendants.first { $0.hasClass("reference") })
        #expect(reference.all("path").first?.attributes["stroke-dasharray"] != nil)
        #expect(root.descendants.filter { $0.hasClass("points") }.count == 2)
        #expect(root.descendants.filter { $0.hasClass("legend-entry") }.count == figure.series.count)
    }

    @Test("degenerate data: empty, no series, a single point, constant values, non-positive values on a log axis")
    func degenerate() throws {
        for figure in Synthetic.allFigures {
            #expect(nonFinite(try parse(figure)).isEmpty, "\(figure.id)")
        }
        let empty = try parse(Synthetic.allFigures.first { $0.id == "claim-07-empty" }!)
        #expect(empty.descendants.contains { $0.hasClass("no-data") })
        let noSeries = try parse(Synthetic.allFigures.first { $0.id == "claim-07-no-series" }!)
        #expect(noSeries.descendants.contains { $0.hasClass("no-data") })

        // A single point on a line: drawn as a dot (a one-point path would draw nothing).
        let single = try parse(Synthetic.allFigures.first { $0.id == "claim-12-single" }!)
        #expect(single.all("circle").filter { !($0.parent?.hasClass("legend-entry") ?? false) }.count == 1)
        #expect(try majorTicks(single, axis: "x").count >= 2)

        // Constant 1e-75 on a log axis: the domain widens to 1e-76 … 1e-74; of the second series
        // only the positive value can be shown, and the caption says two points were dropped.
        let constant = try parse(Synthetic.allFigures.first { $0.id == "claim-12-constant" }!)
        #expect(close(try majorTicks(constant, axis: "y").map(\.0), [1e-76, 1e-75, 1e-74]))
        #expect(constant.descendants.filter { $0.hasClass("points") }.first?.all("circle").count == 1)
        #expect(constant.descendants.first { $0.hasClass("caption") }?.allText.contains("2 points") == true)
    }

    @Test("extreme magnitudes render without non-finite coordinates")
    func extremes() throws {
        let figure = Figure(id: "x", title: "extremes", xLabel: "x", yLabel: "y",
                            series: [Figure.Series(label: "huge", points: [(-1e308, 1e308), (1e308, -1e308), (0, Double.leastNonzeroMagnitude)])], caption: "")
        let root = try parse(figure)
        #expect(nonFinite(root).isEmpty)
        #expect(root.all("path").count == 1)
        #expect(!root.descendants.contains { $0.hasClass("no-data") })
        let log = Figure(id: "y", title: "log extremes", xLabel: "x", yLabel: "y", xScale: .log, yScale: .log,
                         series: [Figure.Series(label: "tiny and huge", points: [(Double.leastNonzeroMagnitude, 1.7e308), (1e300, 1e-300)])], caption: "")
        let logRoot = try parse(log)
        #expect(nonFinite(logRoot).isEmpty)
        #expect(logRoot.all("path").count == 1)
    }

    @Test("text is escaped: a title, labels and a legend with <&> and quotes survive parsing unchanged")
    func escaping() throws {
        let figure = Synthetic.allFigures.first { $0.id == "claim-07-empty" }!
        let root = try parse(figure)
        #expect(root.all("title").first?.allText == Synthetic.hostileTitle)
        #expect(root.descendants.contains { $0.hasClass("plot-title") && $0.allText.contains("<&>") })
        #expect(root.descendants.contains { $0.hasClass("legend-entry") && $0.allText == "<empty> & \"nothing\"" })
        #expect(root.descendants.contains { $0.hasClass("axis-label") && $0.allText == "x <axis>" })
    }
}
