import Foundation
import Sweeps
import Verification

/// The sweep report as CSV for notebooks (RFC 4180: a field with a comma, quote or line break
/// is quoted, quotes doubled): cells.csv (counts, F(n) with its interval and CPU time per cell),
/// thresholds.csv (n_opt and n_sep with their ranges per group) and candidates.csv (every
/// candidate formula judged).
public enum SweepCSV {
    static let groupHeader = ["m", "d", "bias", "activation", "scale", "initialization"]

    static func group(_ g: SweepReport.Group) -> [String] {
        [String(g.width), String(g.inputDimension), g.bias ? "1" : "0", g.activation, g.scale, g.initialization]
    }

    public static func cells(_ r: SweepReport) -> String {
        table(groupHeader + ["n", "runs", "recovered", "not_recovered", "undecided", "escalated", "probability", "lower", "upper",
                             "cpu_seconds", "cpu_measured", "escalated_cpu_seconds"],
              r.cells.map { c in
                  group(c.group) + [String(c.n), String(c.runs), String(c.recovered), String(c.notRecovered), String(c.undecided),
                                    String(c.escalated), c.probability.map(number) ?? "", number(c.lower), number(c.upper),
                                    number(c.cpuSeconds), String(c.cpuMeasured), number(c.escalatedCPUSeconds)]
              })
    }

    public static func thresholds(_ r: SweepReport) -> String {
        func ends(_ t: SampleSizeThreshold) -> [String] {
            [t.estimate, t.lower, t.upper].map { $0.map(String.init) ?? "" } + [t.againstMonotone.map(String.init).joined(separator: " ")]
        }
        return table(groupHeader + ["level", "n_opt", "n_opt_lower", "n_opt_upper", "n_opt_not_monotone_at",
                                    "n_sep", "n_sep_lower", "n_sep_upper", "n_sep_not_monotone_at"],
                     r.thresholds.map { group($0.group) + [number(r.level)] + ends($0.nOpt) + ends($0.nSep) })
    }

    public static func candidates(_ r: SweepReport) -> String {
        table(groupHeader + ["quantity", "formula", "value", "judgement", "why"],
              r.thresholds.flatMap { t in t.candidates.map { group(t.group) + [$0.quantity, $0.formula, String($0.value), $0.judgement, $0.why] } })
    }

    static func number(_ x: Double) -> String { String(format: "%.6g", x) }

    static func table(_ header: [String], _ rows: [[String]]) -> String {
        ([header] + rows).map { $0.map(field).joined(separator: ",") }.joined(separator: "\n") + "\n"
    }

    static func field(_ s: String) -> String {
        s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
            ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }
}
