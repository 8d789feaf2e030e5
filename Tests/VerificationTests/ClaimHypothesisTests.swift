import MultiPrecision
import Testing
import TwoLayerNet
@testable import Verification

/// For each claim a variant with its hypothesis broken on purpose must be reported as
/// fails or undecided, never holds; and the claims hold where their hypotheses hold (the
/// precision ladder's acceptance for claim 1 among them).
@Suite("Claims 1–5, 12: broken hypotheses are never reported as holding")
struct ClaimHypothesisTests {
    static func verifier(bits: Int = 128, ladder: [Int] = [128]) -> Verifier {
        Verifier(claims: [], context: CheckContext(precision: Rung(bits: bits), ladder: ladder.map(Rung.init(bits:)), quick: true))
    }

    @Test("claim 1 with tanh (not 1-homogeneous): C drifts, the check fails")
    func claim1Tanh() {
        var check = ImbalanceConservation()
        check.cases = [(.tanh, "70")]
        let result = Self.verifier().verify(check)
        #expect(result.verdict == .fails)
    }

    @Test("claim 1 ladder at ε = 1e-30: double keeps no digit of C after escape (cancellation), 256 bits at least 15")
    func claim1Ladder() throws {
        var check = ImbalanceConservation()
        check.cases = [(.linear, "40")]
        let context = CheckContext(precision: Rung(bits: 256), ladder: [53, 256].map(Rung.init(bits:)), quick: true)
        let ladder = try check.ladder(context)
        let double = try #require(ladder.points.first { $0.bits == 53 })
        let high = try #require(ladder.points.first { $0.bits == 256 })
        #expect(double.digits < 1)
        #expect(double.flags.contains("cancellation"))
        #expect(high.digits >= 15)
        // proofs/THEORY.md §4: q + 2·log10(1/ε) digits; ε = 1e-10 needs 35 digits (117 bits): 53 bits
        // cannot, the next rung (256 here) can.
        let need = try #require(ladder.precisionNeeded.first { $0.scale == "1e-10" })
        #expect(need.measuredBits == 256)
        #expect(abs(need.formulaBits - 35 * 3.321928094887362) < 1e-9)
    }

    @Test("claim 2 with linear σ: no drift, the check fails")
    func claim2Linear() {
        var check = TanhImbalanceDrift()
        check.activation = .linear
        #expect(Self.verifier().verify(check).verdict == .fails)
    }

    @Test("claim 2's Bernoulli coefficients: tanh = u − u³/3 + 2u⁵/15 − 17u⁷/315 + 62u⁹/2835")
    func bernoulli() {
        let c = TanhSeries.coefficients(order: 9)
        let expected = [0, 1, 0, -1, 0, 2, 0, -17, 0, 62].enumerated().map { i, v -> Rational in
            [3: Rational(numerator: -1, denominator: 3), 5: Rational(numerator: 2, denominator: 15),
             7: Rational(numerator: -17, denominator: 315), 9: Rational(numerator: 62, denominator: 2835)][i] ?? Rational(v)
        }
        #expect(c == expected)
    }

    @Test("claim 3 with σ(u) = u + u²/2 (σ''(0) ≠ 0): the deviation grows like r, not r²; fails")
    func claim3Quadratic() throws {
        var check = LinearPhaseClosedForm()
        check.activation = .expression(try SymbolicExpressionActivation(parsing: "x + x^2/2"))
        let result = Self.verifier().verify(check)
        #expect(result.verdict == .fails)
    }

    @Test("claim 4 with p(θ̂₀) = 0: no growing mode, never holds")
    func claim4NoGrowth() {
        var check = EscapeTime()
        check.vanishingAmplitudes = true
        check.quickScales = ["1e-10", "1e-20"]
        #expect(Self.verifier().verify(check).verdict != .holds)
    }

    @Test("claim 5 with relu (no linear phase, z = 0): undecided")
    func claim5Relu() {
        var check = Condensation()
        check.activation = .relu
        #expect(Self.verifier().verify(check).verdict == .undecided)
    }

    @Test("claim 12's uncertainties are measured: each comparison names its runs at p + 32 bits and at tolerance 2^−(t−8)")
    func claim12Uncertainty() {
        let result = Self.verifier(ladder: [53, 128]).verify(IntegratorReference())
        #expect(result.comparisons.map(\.uncertaintySource) == [
            "|x(double) − x(85)| + |x(tol 2^−47) − x(tol 2^−39)|", "|x(128) − x(160)| + |x(tol 2^−128) − x(tol 2^−120)|"])
        #expect(result.comparisons.allSatisfy { ($0.uncertainty ?? 0) > 0 && $0.boundReason.hasPrefix("chosen:") })
    }

    /// 1,100 bits: just past where a double flushes 2^(−p+12) to 0 (2^−1074), and cheaper to
    /// integrate than 2,048 (the decision rule itself is tested at 2,048 bits in VerdictTests).
    @Test("claim 12 at 1,100 bits: decided against 2^(−p+12) = 2^−1088, which a double flushes to 0; an unbalanced start fails")
    func claim12Wide() throws {
        var check = IntegratorReference()
        check.times = [1]
        let v = Self.verifier(bits: 1100, ladder: [1100])
        let result = v.verify(check)
        #expect(result.verdict == .holds)
        let c = try #require(result.comparisons.first)
        #expect(c.bound == nil && c.boundText.hasSuffix("e-328"))
        #expect((c.marginDigits ?? 0) > 1)
        var unbalanced = check
        unbalanced.imbalance = Rational(numerator: 1, denominator: 2)
        #expect(v.verify(unbalanced).verdict == .fails)
    }

    @Test("claim 12 holds on whitened, balanced data; fails when the data are not whitened or the start is unbalanced")
    func claim12() {
        let v = Self.verifier(ladder: [53, 128])
        #expect(v.verify(IntegratorReference()).verdict == .holds)
        var unwhitened = IntegratorReference()
        unwhitened.inputScale = Rational(numerator: 11, denominator: 10)
        #expect(v.verify(unwhitened).verdict == .fails)
        var unbalanced = IntegratorReference()
        unbalanced.imbalance = Rational(numerator: 1, denominator: 2)
        #expect(v.verify(unbalanced).verdict == .fails)
    }
}
