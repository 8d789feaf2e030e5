/// A plot a claim asks the report to draw (Reports renders it as inline SVG; the notebook
/// redraws it from report.json). Points are plain doubles: a figure shows shapes, the numbers
/// that verdicts rest on are in the comparisons at full precision.
public struct Figure: Codable, Sendable, Equatable {
    public enum Scale: String, Codable, Sendable { case linear, log }

    public struct Series: Codable, Sendable, Equatable {
        public enum Style: String, Codable, Sendable {
            /// Measured values, joined.
            case line
            /// Measured values, unjoined (sweeps, scatter).
            case points
            /// A prediction or closed form (dashed).
            case reference
        }
        public var label: String
        public var style: Style
        /// (x, y) pairs; non-finite values are dropped when the series is made.
        public var points: [[Double]]

        public init(label: String, style: Style = .line, points: [(Double, Double)]) {
            self.label = label
            self.style = style
            self.points = points.filter { $0.0.isFinite && $0.1.isFinite }.map { [$0.0, $0.1] }
        }
    }

    /// Unique within the report ("claim-01-imbalance"); the notebook looks figures up by it.
    public var id: String
    public var title: String
    public var xLabel: String
    public var yLabel: String
    public var xScale: Scale
    public var yScale: Scale
    public var series: [Series]
    /// One sentence under the plot: what to look for.
    public var caption: String

    public init(id: String, title: String, xLabel: String, yLabel: String,
                xScale: Scale = .linear, yScale: Scale = .linear, series: [Series], caption: String) {
        self.id = id
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.xScale = xScale
        self.yScale = yScale
        self.series = series
        self.caption = caption
    }
}
