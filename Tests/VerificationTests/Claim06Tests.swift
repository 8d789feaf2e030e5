import Foundation
import GradientFlow
import MultiPrecision
import Testing
import TwoLayerNet
@testable import Verification

@Suite("Claim 6: the small-initialization limit")
struct Claim06Tests {
    /// The quick settings: one equal-Ĉ pair on (τ, ε) = (1e-1, 1e-2), (1e-2, 1e-3), (1e-3, 1e-4).
    static let context = CheckContext(precision: Rung(bits: 53), quick: true)
    /// The quick measurement, made once for the tests that read it.
    static let quick = Result { try SmallInitializationLimit().measure(context) }

    static func dot(_ x: [Double], _ y: [Double]) -> Double { zip(x, y).map(*).reduce(0, +) }

    @Test("dist_G: zero under sign flips and permutations of neurons, the hand value otherwise, NaN on bad input")
    func symmetricDistanceByHand() {
        let x: [Double] = [1, 2, 3, -4, 5, 6]
        let y: [Double] = [4, -5, -6, 1, 2, 3]   // neuron 1 = −(neuron 2 of x), neuron 2 = neuron 1 of x
        #expect(symmetricDistance(x, y, width: 2) == 0)
        // One entry moved by 0.5: the best relabelling leaves exactly that difference.
        var z = y
        z[4] += 0.5
        #expect(abs(symmetricDistance(x, z, width: 2) - 0.5) < 1e-12)
        #expect(symmetricDistance(x, [Double](y.dropLast()), width: 2).isNaN)
        #expect(symmetricDistance(x, y, width: 4).isNaN)
        var bad = y
        bad[0] = .nan
        #expect(symmetricDistance(x, bad, width: 2).isNaN)
    }

    @Test("the equal-Ĉ pair: C_B = λ² C_A and ‖w_k‖ = τ|a_k| by hand; distinct as points, modulo symmetries, in w and in p̂")
    func equalImbalancePairIsGenuine() throws {
        let check = SmallInitializationLimit()
        let pair = check.quickPairs[0]
        let q = check.network.neuronBlockSize
        for tau in [1e-1, 1e-3] {
            let (a, b) = try pair.directions(tilt: tau, network: check.network)
            for k in 0..<check.width {
                let wa = Array(a[(k * q + 1)..<(k * q + q)]), wb = Array(b[(k * q + 1)..<(k * q + q)])
                let na = wa.map { $0 * $0 }.reduce(0, +).squareRoot(), nb = wb.map { $0 * $0 }.reduce(0, +).squareRoot()
                #expect(abs(na - tau * abs(a[k * q])) <= 1e-15 * na)
                #expect(abs(nb - tau * abs(b[k * q])) <= 1e-15 * nb)
                let ca = a[k * q] * a[k * q] - na * na, cb = b[k * q] * b[k * q] - nb * nb
                #expect(abs(cb / ca - pair.scaleRatio * pair.scaleRatio) < 1e-13)
                // The first layers point in different directions (independent draws).
                let cosine = zip(wa, wb).map(*).reduce(0, +) / (na * nb)
                #expect(abs(cosine) < 0.9, "neuron \(k): cos = \(cosine)")
            }
            // Not the same point, not even modulo signs, permutations and scale: apart by about τ.
            let s = try pair.separation(tilt: tau, network: check.network)
            #expect(s.points > 0.5)
            #expect(s.modulo > 0.3 * tau)
        }
        // Different p̂ (signed and modulo the symmetries), from p_k = (a_k + ẑᵀw_k)/2 by hand.
        let (a, b) = try pair.directions(tilt: 0.1, network: check.network)
        let problem: Problem<Double> = try check.spec(a, scale: "1").instantiate(precision: .double)
        let (_, zHat) = Independent.linearDirection(problem.data)
        func pHat(_ t: [Double]) -> [Double] {
            let p = (0..<check.width).map { k in (t[k * q] + zip(zHat, t[(k * q + 1)..<(k * q + q)]).map(*).reduce(0, +)) / 2 }
            let n = p.map { $0 * $0 }.reduce(0, +).squareRoot()
            return p.map { $0 / n }
        }
        let pa = pHat(a), pb = pHat(b)
        #expect(zip(pa, pb).map { ($0 - $1) * ($0 - $1) }.reduce(0, +).squareRoot() > 0.5)
        #expect(symmetricDistance(pa, pb, width: check.width) > 1e-3)
    }

    @Test("machinery: a direction and its mirror image (signs flipped, neurons swapped, ×3 at ε/3) have the same limit modulo G")
    func mirroredPairHasTheSameLimit() throws {
        let check = SmallInitializationLimit()
        let (a, _) = try check.quickPairs[0].directions(tilt: 0.3, network: check.network)
        let q = check.network.neuronBlockSize
        let mirror = Array(a[q..<(2 * q)].map { -3 * $0 } + a[0..<q].map { -3 * $0 })
        // ε·mirror is the image of 3ε·A under the symmetry: the same flow, relabelled.
        let atTriple = try ConvergedLimit(check.spec(a, scale: "3e-3"))
        let mirrored = try ConvergedLimit(check.spec(mirror, scale: "1e-3"))
        let atSingle = try ConvergedLimit(check.spec(a, scale: "1e-3"))
        #expect(atTriple.converged && mirrored.converged && atSingle.converged)
        let d = symmetricDistance(atTriple.state, mirrored.state, width: 2)
        let raw = zip(atTriple.state, mirrored.state).map { ($0 - $1) * ($0 - $1) }.reduce(0, +).squareRoot()
        // Up to the runs' rounding along the set of minimizers: far below every D the check decides on.
        #expect(d < 1e-6, "dist_G = \(d)")
        #expect(raw > 0.1, "raw distance \(raw): the two limits are not the same point")
        // A at ε and at 3ε: different limits (only ε → 0 brings them together).
        #expect(symmetricDistance(atTriple.state, atSingle.state, width: 2) > 1e-6)
    }

    @Test("(6C) on distinct initializations holds: D falls like τ on the joint (τ, ε) ladder")
    func conditionalReadingHolds() throws {
        let check = SmallInitializationLimit()
        let measured = try Claim06Tests.quick.get()
        let c = check.conditionalComparisons(measured.conditional, floor: measured.floor)
        #expect(Verdict.combining(c.map(\.verdict)) == .holds)
        let rate = try #require(c.first { $0.quantity.contains("rate r") })
        // A smooth dependence of the limit on p̂ (|p̂_A| − |p̂_B| = O(τ)) gives D ∝ τ¹.
        #expect(abs((rate.measured ?? .nan) - 1) < 0.2, "rate \(rate.measured ?? .nan)")
    }

    @Test("hypothesis broken: unequal Ĉ (|a_k^B| not matched) — (6C) is not \"holds\", its rate is below 0.5")
    func unequalImbalanceBreaksConditional() throws {
        var check = SmallInitializationLimit()
        check.quickPairs = [EqualImbalancePair(seeds: (3, 4), matchesImbalance: false)]
        check.quickEqualGrowthPairs = []
        check.quickCounterexampleLadder = []
        let measured = try check.measure(Claim06Tests.context)
        let comparisons = check.conditionalComparisons(measured.conditional, floor: measured.floor)
        #expect(Verdict.combining(comparisons.map(\.verdict)) != .holds)
        let rate = try #require(comparisons.first { $0.quantity.contains("rate r") })
        #expect(rate.verdict != .holds)
        #expect((rate.measured ?? .nan) < check.minimumRate, "rate \(rate.measured ?? .nan) ± \(rate.uncertaintyText)")
        let hypothesis = try #require(comparisons.first { $0.quantity.contains("Ĉ_A − Ĉ_B") })
        #expect(hypothesis.verdict == .fails)
    }

    @Test("(6U) certified: equal C entry by entry (by hand), p differs, limits apart beyond the uncertainty; close limits fail it")
    func counterexampleCertified() throws {
        let check = SmallInitializationLimit()
        let measured = try Claim06Tests.quick.get()
        let comparisons = check.counterexampleComparisons(measured.counterexample, floor: measured.floor)
        #expect(Verdict.combining(comparisons.map(\.verdict)) == .holds)
        let apart = try #require(comparisons.last)
        #expect(apart.quantity.contains("D(ε_min"))
        #expect((apart.uncertainty ?? .infinity) < 0.1 * (apart.measured ?? 0), "D = \(apart.measured ?? .nan) ± \(apart.uncertaintyText)")
        // Independent: C_k = a_k² − ‖w_k‖² equal, |p_k| different, from the directions by hand.
        let (a, b) = try check.counterexampleDirections()
        let problem: Problem<Double> = try check.spec(a, scale: "1").instantiate(precision: .double)
        let (_, zHat) = Independent.linearDirection(problem.data)
        let q = check.network.neuronBlockSize
        for k in 0..<check.width {
            let wa = Array(a[(k * q + 1)..<(k * q + q)]), wb = Array(b[(k * q + 1)..<(k * q + q)])
            let ca: Double = a[k * q] * a[k * q] - Claim06Tests.dot(wa, wa)
            let cb: Double = b[k * q] * b[k * q] - Claim06Tests.dot(wb, wb)
            #expect(ca == cb)
            let pa: Double = (a[k * q] + Claim06Tests.dot(zHat, wa)) / 2
            let pb: Double = (b[k * q] + Claim06Tests.dot(zHat, wb)) / 2
            #expect(abs(abs(pa) - abs(pb)) > 1e-2)
        }
        // Broken: the same comparisons on a pair whose limits nearly coincide (the equal-Ĉ pair
        // at τ = 1e-3) do not hold.
        let close = try #require(measured.conditional.first)
        let broken = check.counterexampleComparisons(close, floor: measured.floor)
        #expect(Verdict.combining(broken.map(\.verdict)) != .holds)
        #expect(broken.last?.verdict != .holds)
        #expect(broken.first { $0.quantity.contains("dist_G(p̂_A") }?.verdict == .fails)
    }

    @Test("(6L) equal p̂, different Ĉ: holds, D falls like ε; the pair shares p by hand and differs in w^⊥")
    func equalGrowthHolds() throws {
        let check = SmallInitializationLimit()
        let measured = try Claim06Tests.quick.get()
        let comparisons = check.equalGrowthComparisons(measured.equalGrowth, floor: measured.floor)
        #expect(Verdict.combining(comparisons.map(\.verdict)) == .holds)
        let rate = try #require(comparisons.first { $0.quantity.contains("rate r") })
        // Step 1: the frozen ε ŵ^⊥ is the only trace of w^⊥ in the limit: D ∝ ε¹.
        #expect(abs((rate.measured ?? .nan) - 1) < 0.2, "rate \(rate.measured ?? .nan)")
        // Independent: ẑ = z/‖z‖, z = (1/n) Σ y_i x_i, recomputed by hand; p_k equal, w_k different.
        let (a, b) = try check.quickEqualGrowthPairs[0].directions(zHat: try check.linearDirection(), network: check.network)
        let problem: Problem<Double> = try check.spec(a, scale: "1").instantiate(precision: .double)
        let (_, zHat) = Independent.linearDirection(problem.data)
        let q = check.network.neuronBlockSize
        for k in 0..<check.width {
            let wa = Array(a[(k * q + 1)..<(k * q + q)]), wb = Array(b[(k * q + 1)..<(k * q + q)])
            #expect(abs(Claim06Tests.dot(zHat, wa) - Claim06Tests.dot(zHat, wb)) < 1e-12)
            #expect(a[k * q] == b[k * q])
            let difference = zip(wa, wb).map { $0 - $1 }
            #expect(Claim06Tests.dot(difference, difference).squareRoot() > 0.1)
        }
    }

    @Test("hypothesis broken: the whole first layer redrawn (p̂ differs) — (6L) is not \"holds\", its rate is below 0.5")
    func differentGrowthBreaksOnlyGrowth() throws {
        var check = SmallInitializationLimit()
        check.quickEqualGrowthPairs = [EqualGrowthPair(seeds: (11, 12), matchesGrowth: false)]
        check.quickPairs = []
        check.quickCounterexampleLadder = []
        let measured = try check.measure(Claim06Tests.context)
        let comparisons = check.equalGrowthComparisons(measured.equalGrowth, floor: measured.floor)
        #expect(Verdict.combining(comparisons.map(\.verdict)) != .holds)
        let rate = try #require(comparisons.first { $0.quantity.contains("rate r") })
        #expect(rate.verdict != .holds)
        #expect((rate.measured ?? .nan) < check.minimumRate, "rate \(rate.measured ?? .nan) ± \(rate.uncertainty)")
        #expect(comparisons.first?.verdict == .fails)
    }
}
