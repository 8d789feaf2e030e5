import Testing
import MultiPrecision
@testable import TwoLayerNet

/// `FullTargetSetDistance`'s pruned search with cached group costs against a naive reference
/// written here: every labelling of the neurons (aligned ±, silent, dead, member ± of group g
/// for g < m/2, no canonical numbering, no pruning), each leaf's cost from the definition in
/// proofs/recovery.md with plain operators.
@Suite("dist(θ, Q*): the search against a naive enumeration")
struct FullTargetSetDistanceSearchTests {
    enum Choice { case aligned(Int), silent, dead, group(Int, Int) }

    static func reference<S: Scalar>(_ theta: [S], network: TwoLayerNetwork, target: Target<S>) -> S {
        let m = network.width, q = network.neuronBlockSize, D = network.extendedInputDimension
        let p = theta[0].precision, zero = S(0, precision: p)
        var wStar = [S](repeating: zero, count: D)
        for j in 0..<target.inputDimension { wStar[j] = target.inputWeights[j] }
        let a = (0..<m).map { theta[$0 * q] }
        let w = (0..<m).map { k in (0..<D).map { theta[k * q + 1 + $0] } }
        let alphabet: [Choice] = [.aligned(1), .aligned(-1), .silent, .dead]
            + (0..<(m / 2)).flatMap { g in [Choice.group(g, 1), .group(g, -1)] }
        var best: S? = nil
        var code = [Int](repeating: 0, count: m)
        repeat {
            var cost = zero, sum = zero, K = 0
            var groups: [[(Int, Int)]] = Array(repeating: [], count: m)
            for k in 0..<m {
                switch alphabet[code[k]] {
                case .aligned(let s):
                    for j in 0..<D { let e = w[k][j] - S(s, precision: p) * wStar[j]; cost = cost + e * e }
                    sum = sum + S(s, precision: p) * a[k]; K += 1
                case .silent: cost = cost + a[k] * a[k]
                case .dead: for j in 0..<D { cost = cost + w[k][j] * w[k][j] }
                case .group(let g, let s): groups[g].append((k, s))
                }
            }
            if K > 0 || target.outputWeight.isZero {
                if K > 0 { let r = target.outputWeight - sum; cost = cost + r * r / S(K, precision: p) }
                for members in groups where !members.isEmpty {
                    let count = S(members.count, precision: p)
                    let mean = (0..<D).map { j in members.reduce(zero) { $0 + S($1.1, precision: p) * w[$1.0][j] } / count }
                    let sa = members.reduce(zero) { $0 + S($1.1, precision: p) * a[$1.0] }
                    for (k, s) in members { for j in 0..<D { let e = S(s, precision: p) * w[k][j] - mean[j]; cost = cost + e * e } }
                    cost = cost + sa * sa / count
                }
                if best == nil || cost < best! { best = cost }
            }
            var k = 0
            while k < m { code[k] += 1; if code[k] < alphabet.count { break }; code[k] = 0; k += 1 }
            if k == m { break }
        } while true
        return S.sqrt(best!)
    }

    /// θ near a point of Q* with a cancelling group: neuron 0 = target, neurons 1… share
    /// ±v with output weights summing to zero, everything moved by `noise`.
    static func nearCancelling(m: Int, D: Int, noise: Double, rng: inout SeededGenerator) -> [Double] {
        let v = (0..<D).map { _ in Double.random(in: -1...1, using: &rng) }
        var theta: [Double] = [1, 1] + [Double](repeating: 0, count: D - 1)
        var outputs = (1..<m).map { _ in Double.random(in: -1...1, using: &rng) }
        outputs[outputs.count - 1] -= outputs.reduce(0, +)
        for (i, a) in outputs.enumerated() {
            let s: Double = i % 2 == 0 ? 1 : -1
            theta += [s * a] + v.map { s * $0 }
        }
        return theta.map { $0 + noise * Double.random(in: -1...1, using: &rng) }
    }

    static func cases() -> [(network: TwoLayerNetwork, theta: [Double])] {
        var rng = SeededGenerator(seed: 11)
        var out: [(TwoLayerNetwork, [Double])] = []
        for m in 3...5 {
            for bias in [false, true] {
                let net = TwoLayerNetwork(width: m, inputDimension: 2, hasBias: bias, activation: .tanh)
                let D = net.extendedInputDimension
                out.append((net, (0..<net.parameterCount).map { _ in Double.random(in: -1.5...1.5, using: &rng) }))
                for noise in [1e-2, 1e-6] { out.append((net, nearCancelling(m: m, D: D, noise: noise, rng: &rng))) }
            }
        }
        // m = 6 (the naive enumeration visits 10^6 labellings): the scatter bound prunes
        // branches with three groups.
        let net = TwoLayerNetwork(width: 6, inputDimension: 2, activation: .tanh)
        out.append((net, (0..<net.parameterCount).map { _ in Double.random(in: -1.5...1.5, using: &rng) }))
        out.append((net, nearCancelling(m: 6, D: net.extendedInputDimension, noise: 1e-2, rng: &rng)))
        return out
    }

    @Test("double: the same minimum as the naive enumeration, to rounding")
    func double() throws {
        for (net, theta) in Self.cases() {
            let target = Target<Double>.standard(inputDimension: 2, precision: .double)
            let found = try #require(FullTargetSetDistance(of: theta, network: net, target: target)).distance
            let expected = Self.reference(theta, network: net, target: target)
            #expect(abs(found - expected) <= 1e-12 * max(1, expected), "m = \(net.width), bias \(net.hasBias): \(found) vs \(expected)")
        }
    }

    @Test("256 bits: the same minimum as the naive enumeration, to 2^-240")
    func multiPrecision() throws {
        let p = Fixture.p256
        for (net, theta) in Self.cases() where net.width <= 4 {
            let target = Target<BigFloat>.standard(inputDimension: 2, precision: p)
            let big = Fixture.big(theta, p)
            let found = try #require(FullTargetSetDistance(of: big, network: net, target: target)).distance
            let expected = Self.reference(big, network: net, target: target)
            #expect(BigFloat.abs(found - expected) < Fixture.pow2(-240, p), "m = \(net.width), bias \(net.hasBias)")
        }
    }
}
