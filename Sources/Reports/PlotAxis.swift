import Foundation
import Verification

/// One axis of an `SVGPlot`: the data range it shows, the map from data values to SVG
/// coordinates, and its ticks.
///
/// The map (the formula the tests check): with the axis running from pixel `start` (left end of
/// x, bottom end of y) to pixel `end` (`SVGPlot` sets them `SVGPlot.inset` inside the frame of
/// the plot area), and the domain [lo, hi] chosen below,
///
///     linear:  p(v) = start + (end − start) · (v − lo) / (hi − lo)
///     log:     p(v) = start + (end − start) · (log10 v − log10 lo) / (log10 hi − log10 lo)
///
/// so on a log axis every decade takes the same length. The domain is the data's range
/// widened to "nice" values: on a linear axis to multiples of the tick step (1, 2 or 5 × 10^k,
/// about five intervals); on a log axis to whole decades (10^⌊log10 min⌋ … 10^⌈log10 max⌉).
/// Degenerate ranges are widened: equal values v on a linear axis to v ± |v|/10 (± 1 for 0),
/// a single exact decade 10^k on a log axis to 10^(k−1) … 10^(k+1). Non-positive values have
/// no place on a log axis and are dropped (`position` returns nil). With no data, the domain is
/// [0, 1] (linear) or [1, 10] (log).
struct PlotAxis {
    struct Tick {
        /// The value, and its text for the `data-value` attribute (exact for decades: "1e-5").
        var value: Double
        var valueText: String
        var position: Double
        var label: String?
        /// Decades on a log axis, every tick on a linear one.
        var major: Bool
    }

    let scale: Figure.Scale
    /// The domain, in data units (linear) or as log10 of data units (log).
    let low: Double, high: Double
    let start: Double, end: Double
    private(set) var ticks: [Tick] = []

    init(scale: Figure.Scale, values: [Double], start: Double, end: Double) {
        self.scale = scale
        self.start = start
        self.end = end
        switch scale {
        case .linear:
            let data = values.filter(\.isFinite)
            var lo = data.min() ?? 0, hi = data.max() ?? 1
            if hi == lo {
                let d = lo == 0 ? 1 : abs(lo) / 10
                lo -= d
                hi += d
            }
            if !(hi > lo) {  // a subnormal's tenth rounds to itself
                lo -= 1
                hi += 1
            }
            let step = PlotAxis.niceStep(hi / 5 - lo / 5)  // finite even when hi − lo overflows
            if let step, (hi / step - lo / step).isFinite {
                lo = (lo / step).rounded(.down) * step
                hi = (hi / step).rounded(.up) * step
            }
            low = lo
            high = hi
            ticks = linearTicks(step: step)
        case .log:
            // An exponent within rounding of an integer is that integer (log10(1e-75) may be off by an ulp).
            let exponents = values.filter { $0.isFinite && $0 > 0 }.map { v -> Double in
                let e = log10(v)
                return abs(e - e.rounded()) < 1e-9 ? e.rounded() : e
            }
            var lo = (exponents.min() ?? 0).rounded(.down), hi = (exponents.max() ?? 1).rounded(.up)
            if hi == lo {
                lo -= 1
                hi += 1
            }
            low = lo
            high = hi
            ticks = logTicks()
        }
    }

    /// The SVG coordinate of a data value; nil when it has no place on this axis (not finite,
    /// or not positive on a log axis).
    func position(_ v: Double) -> Double? {
        guard v.isFinite else { return nil }
        switch scale {
        case .linear:
            let span = high - low
            // Halving both sides keeps the fraction finite when the span overflows (±1e308).
            let fraction = span.isFinite ? (v - low) / span : (v / 2 - low / 2) / (high / 2 - low / 2)
            return start + (end - start) * fraction
        case .log:
            guard v > 0 else { return nil }
            return start + (end - start) * (log10(v) - low) / (high - low)
        }
    }

    /// 1, 2 or 5 × 10^k nearest above `rough`; nil when `rough` is not a positive finite number.
    static func niceStep(_ rough: Double) -> Double? {
        guard rough.isFinite, rough > 0 else { return nil }
        let magnitude = pow(10, (log10(rough)).rounded(.down))
        guard magnitude > 0, magnitude.isFinite else { return nil }
        let normalized = rough / magnitude
        let factor: Double = normalized <= 1 ? 1 : normalized <= 2 ? 2 : normalized <= 5 ? 5 : 10
        return factor * magnitude
    }

    private func linearTicks(step: Double?) -> [Tick] {
        guard let step, (high / step - low / step).isFinite, high / step - low / step <= 50 else {
            return [low, high].map { Tick(value: $0, valueText: "\($0)", position: position($0) ?? start,
                                          label: NumberText.tick($0), major: true) }
        }
        let first = Int((low / step).rounded(.up)), last = Int((high / step).rounded(.down))
        guard first <= last else { return [] }
        return (first...last).map { k in
            var v = Double(k) * step
            if abs(v) < step * 1e-9 { v = 0 }
            return Tick(value: v, valueText: "\(v)", position: position(v) ?? start, label: NumberText.tick(v), major: true)
        }
    }

    /// Decades (every `stride`-th when there are more than ten); when the axis spans at most
    /// six decades also the unlabeled minor ticks 2 … 9 × 10^k, labeled at 2 and 5 when it spans
    /// at most two.
    private func logTicks() -> [Tick] {
        let lo = Int(low), hi = Int(high), decades = hi - lo
        let stride = decades > 10 ? Int((Double(decades) / 8).rounded(.up)) : 1
        var ticks: [Tick] = []
        for e in lo...hi {
            let v = pow(10, Double(e))
            if e % stride == 0 || stride == 1 {
                ticks.append(Tick(value: v, valueText: "1e\(e)", position: axisPosition(exponent: Double(e)),
                                  label: decades <= 2 ? NumberText.tick(v) : "10" + NumberText.superscript(e), major: true))
            }
            guard e < hi, decades <= 6 else { continue }
            for m in 2...9 {
                let mv = Double(m) * v
                let labeled = decades <= 2 && (m == 2 || m == 5)
                ticks.append(Tick(value: mv, valueText: "\(m)e\(e)", position: axisPosition(exponent: Double(e) + log10(Double(m))),
                                  label: labeled ? NumberText.tick(mv) : nil, major: false))
            }
        }
        return ticks
    }

    private func axisPosition(exponent: Double) -> Double {
        start + (end - start) * (exponent - low) / (high - low)
    }
}
