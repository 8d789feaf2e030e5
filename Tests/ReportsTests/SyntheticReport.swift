import Foundation
@testable import Reports
import Verification

/// Made-up reports for the renderers' tests: the claims' real statements (from the registry)
/// with invented comparisons, figures and ladders covering every verdict, both axis scales,
/// every series style, and the awkward cases (empty series, one point, constant values,
/// non-positive values on a log axis, markup characters in titles and labels).
enum Synthetic {
    static let hostileTitle = #"Escaping <&> "quoted" 'single' | pipes"#

    static func result(_ info: ClaimInfo, comparisons: [Comparison], figures: [Figure] = [], notes: [String] = [],
                       ladder: LadderResult? = nil, seconds: Double = 1.5) -> ClaimResult {
        var outcome = ClaimOutcome()
        outcome.comparisons = comparisons
        outcome.figures = figures
        outcome.notes = notes
        outcome.ladder = ladder
        return ClaimResult(claim: info, outcome: outcome, precision: Rung(bits: 256), seconds: seconds)
    }

    static func info(_ id: Int) -> ClaimInfo { ClaimRegistry.check(id)!.info }

    /// A ladder whose digits follow p·log10 2 − 1, capped at `cap` (a tolerance-limited
    /// quantity levels off there).
    static func ladder(cap: Double, flagsAtDouble: [String] = []) -> LadderResult {
        let rungs = [53, 128, 256, 512, 1024].map(Rung.init(bits:))
        func point(_ r: Rung, tol: Int?) -> LadderPoint {
            let digits = min(cap, Double(r.bits) * log10(2.0) - 1)
            return LadderPoint(rung: r, toleranceBits: tol, value: "0.12345678901234567890123456789012345678901234567890e-3",
                               relativeError: pow(10, -digits), digits: digits, seconds: Double(r.bits) / 100,
                               flags: r.isDouble ? flagsAtDouble : [])
        }
        return LadderResult(quantity: "relative change of C_k after escape", reference: "closed form, C_k(0)",
                            points: rungs.map { point($0, tol: $0.isDouble ? 47 : $0.bits) },
                            roundingSweep: rungs.map { point($0, tol: 60) },
                            toleranceSweep: [30, 60, 120, 240].map { point(Rung(bits: 256), tol: $0) },
                            fixedToleranceBits: 60, fixedPrecisionBits: 256,
                            precisionNeeded: [
                                PrecisionNeed(scale: "1e-10", digitsWanted: 10, measuredBits: 128, log10InverseScale: 10),
                                PrecisionNeed(scale: "1e-30", digitsWanted: 10, measuredBits: 256, log10InverseScale: 30),
                                PrecisionNeed(scale: "1e-60", digitsWanted: 10, measuredBits: nil, log10InverseScale: 60),
                            ])
    }

    /// Four claims: holds (log–log figure, ladder), fails and undecided comparisons (linear
    /// figure with a reference), degenerate figures, and a hostile title.
    static func report() -> Report {
        let drift = Figure(id: "claim-01-imbalance", title: "Drift of the imbalance C_k(t)", xLabel: "t", yLabel: "|C_k(t) − C_k(0)| / |C_k(0)|",
                           xScale: .log, yScale: .log,
                           series: [
                               Figure.Series(label: "k = 1", points: (0...40).map { i in let t = pow(10, -2 + Double(i) / 10); return (t, 1e-70 * t * t) }),
                               Figure.Series(label: "k = 2", style: .points, points: (0...20).map { i in let t = pow(10, -2 + Double(i) / 5); return (t, 3e-71 * t) }),
                               Figure.Series(label: "bound 2^(−p+20)", style: .reference, points: [(1e-2, 1e-62), (1e2, 1e-62)]),
                           ],
                           caption: "Every neuron's imbalance stays put to the working precision, well under the bound.")
        let escape = Figure(id: "claim-04-escape-time", title: "Escape time against ln(1/ε)", xLabel: "ln(1/ε)", yLabel: "T_esc",
                            series: [
                                Figure.Series(label: "measured, δ = 0.1", style: .points, points: [10, 20, 30, 40, 50, 60, 69].map { ($0, $0 / 1.3 + 2.1) }),
                                Figure.Series(label: "measured, δ = 0.05", style: .points, points: [10, 20, 30, 40, 50, 60, 69].map { ($0, $0 / 1.3 + 2.6) }),
                                Figure.Series(label: "formula (1/s)[ln(1/ε) + ln(δ/√2‖p‖)]", style: .reference, points: [(10, 10 / 1.3 + 2.0), (69, 69 / 1.3 + 2.0)]),
                            ],
                            caption: "The slope is 1/s; the offset moves with ln δ as the formula says.")
        let single = Figure(id: "claim-12-single", title: "One point", xLabel: "t", yLabel: "a(t)²",
                            series: [Figure.Series(label: "a(t)² at t = 10", points: [(10, 0.25)])], caption: "A single point.")
        let constant = Figure(id: "claim-12-constant", title: "Constant values", xLabel: "t", yLabel: "relative error",
                              yScale: .log,
                              series: [Figure.Series(label: "relative error", points: [(1, 1e-75), (10, 1e-75), (100, 1e-75)]),
                                       Figure.Series(label: "with non-positive values", style: .points, points: [(1, 0), (10, -1), (100, 1e-75)])],
                              caption: "Equal values on a log axis, and values a log axis cannot show.")
        let empty = Figure(id: "claim-07-empty", title: hostileTitle, xLabel: "x <axis>", yLabel: "y & more",
                           series: [Figure.Series(label: "<empty> & \"nothing\"", points: [])], caption: "Nothing to draw <here>.")
        let noSeries = Figure(id: "claim-07-no-series", title: "No series at all", xLabel: "x", yLabel: "y", xScale: .log, yScale: .log,
                              series: [], caption: "")

        let c1 = result(info(1), comparisons: [
            Comparison(quantity: "max_k |C_k(t) − C_k(0)| / |C_k(0)| after escape", measured: 3.2e-71,
                       measuredText: "3.2000000000000000000000000000000000000000000000000000000000000000000000000001e-71",
                       relation: .atMost, bound: 9.1e-72 * 1e10, boundReason: "2^(−p+20), p = 256",
                       uncertainty: 1e-75, uncertaintySource: "difference from the 512-bit run",
                       reference: "0 (exact conservation)", agreementDigits: 70.5),
            Comparison(quantity: "exact zero drift (linear σ)", measured: 0, relation: .atMost, bound: 1e-60,
                       boundReason: "2^(−p+60)", uncertainty: 0, uncertaintySource: "exact"),
        ], figures: [drift], notes: ["ReLU and linear σ checked; leaky ReLU with slope 0.1."],
                        ladder: ladder(cap: 40, flagsAtDouble: ["cancellation"]), seconds: 12.3)
        let c4 = result(info(4), comparisons: [
            Comparison(quantity: "T_esc − formula, ε = 1e-30, δ = 0.1", measured: 2.4e-3, relation: .atMost, bound: 1e-3,
                       boundReason: "c·δ² with c = 0.1", uncertainty: 1e-12, uncertaintySource: "difference from the 512-bit run"),
            Comparison(quantity: "ΔT_esc / Δln(1/ε) against 1/s", measured: 0.7692, relation: .atLeast, bound: 0.7691,
                       boundReason: "1/s − tolerance", uncertainty: 2e-4, uncertaintySource: "finite ε rungs",
                       reference: "1/s = 0.76923", agreementDigits: 4.2),
        ], figures: [escape], ladder: ladder(cap: 200), seconds: 95)
        let c12 = result(info(12), comparisons: [
            Comparison(quantity: "relative error of a(t)² at t = 100", measured: 1.1e-76, relation: .atMost, bound: 1e-70,
                       boundReason: "2^(−p+24)", uncertainty: 1e-78, uncertaintySource: "top rung",
                       reference: "closed form", agreementDigits: 75.9),
        ], figures: [single, constant], seconds: 0.4)
        let hostile = result(ClaimInfo(id: 7, title: hostileTitle, status: .paperEmpirical,
                                       statement: "A statement with <b>markup</b> & entities &amp; and a * star _ underscore.",
                                       latex: #"\unknowncommand{x} < y \quad \text{<&>}"#,
                                       hypotheses: ["n < d", "a & b"], quantities: ["q"]),
                             comparisons: [
                                 Comparison(quantity: "rank |J| with | pipes", measured: .nan, relation: .atLeast, bound: 3,
                                            boundReason: "d + 1 | no bias", uncertainty: .infinity, uncertaintySource: "none <none>"),
                             ],
                             figures: [empty, noSeries], notes: ["A note with <angle brackets> & ampersands."], seconds: 130)
        return Report(claims: [c1, c4, hostile, c12], context: CheckContext(), seconds: 140,
                      created: Date(timeIntervalSince1970: 1_760_000_000))
    }

    static var allFigures: [Figure] { report().claims.flatMap(\.figures) }
}
