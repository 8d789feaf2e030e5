import Testing
import MultiPrecision
@testable import TwoLayerNet

@Suite("Data and initialization")
struct DataAndInitializationTests {
    @Test("Gaussian data at 53 and 256 bits are the same numbers (exact embedding)")
    func exactEmbedding() throws {
        let p = Fixture.p256
        let target53 = Target<Double>.standard(inputDimension: 5, precision: .double)
        let target256 = Target<BigFloat>.standard(inputDimension: 5, precision: p)
        let source = DataSource.gaussian(sampleCount: 8, seed: 1)
        let d53: Dataset<Double> = try source.dataset(target: target53, activation: .tanh, precision: .double)
        let d256: Dataset<BigFloat> = try source.dataset(target: target256, activation: .tanh, precision: p)
        #expect(d53.inputs.count == 40 && d256.inputs.count == 40)
        for (a, b) in zip(d53.inputs, d256.inputs) {
            #expect(BigFloat(a, precision: p) == b)
            #expect(b.precision == p)
        }
        // Labels differ only by rounding (tanh at 53 vs 256 bits).
        for (a, b) in zip(d53.labels, d256.labels) {
            #expect(Swift.abs(a - b.doubleValue) <= 2.3e-16 * Swift.max(1, Swift.abs(a)))
        }
        // And the inputs are distinct from a different seed.
        let other: Dataset<Double> = try DataSource.gaussian(sampleCount: 8, seed: 2)
            .dataset(target: target53, activation: .tanh, precision: .double)
        #expect(other.inputs != d53.inputs)
    }

    @Test("portable Gaussian deviates have mean 0, variance 1, kurtosis 3")
    func gaussianMoments() {
        var g = PortableGaussian(seed: 7)
        let n = 20_000
        var s1 = 0.0, s2 = 0.0, s4 = 0.0
        for _ in 0..<n {
            let x = g.next()
            s1 += x; s2 += x * x; s4 += x * x * x * x
        }
        let mean = s1 / Double(n), variance = s2 / Double(n), fourth = s4 / Double(n)
        // Standard errors: 1/√n ≈ 0.007, √2/√n ≈ 0.01, √96/√n ≈ 0.07.
        #expect(Swift.abs(mean) < 0.03)
        #expect(Swift.abs(variance - 1) < 0.04)
        #expect(Swift.abs(fourth - 3) < 0.3)
    }

    @Test("uniform data lie in [−1, 1) and are exact at every precision")
    func uniformData() throws {
        let p = Fixture.p256
        let d53: Dataset<Double> = try DataSource.uniform(sampleCount: 50, seed: 3)
            .dataset(target: .standard(inputDimension: 2, precision: .double), activation: .linear, precision: .double)
        let d256: Dataset<BigFloat> = try DataSource.uniform(sampleCount: 50, seed: 3)
            .dataset(target: .standard(inputDimension: 2, precision: p), activation: .linear, precision: p)
        for (a, b) in zip(d53.inputs, d256.inputs) {
            #expect(a >= -1 && a < 1)
            #expect(BigFloat(a, precision: p) == b)
        }
        // Linear target: y_i = x_i1 exactly.
        for i in 0..<50 { #expect(d256.labels[i] == d256.inputs[i * 2]) }
    }

    @Test("explicit data are parsed at working precision")
    func explicitData() throws {
        let p = Fixture.p256
        let source = DataSource.explicit(inputs: [["0.1", "2"], ["-3", "1e-200"]], labels: nil)
        let d: Dataset<BigFloat> = try source.dataset(target: .standard(inputDimension: 2, precision: p), activation: .linear, precision: p)
        #expect(d.inputs[0] == (try BigFloat(parsing: "0.1", precision: p)))
        #expect(d.labels[1] == BigFloat(-3, precision: p))
        #expect(throws: ProblemError.dimensionMismatch(field: "data.explicit.x[1]", expected: 2, found: 1)) {
            let _: Dataset<BigFloat> = try DataSource.explicit(inputs: [["1", "2"], ["3"]], labels: nil)
                .dataset(target: .standard(inputDimension: 2, precision: p), activation: .linear, precision: p)
        }
    }

    @Test("ε = 1e-3000 at 256 bits gives a nonzero θ(0); in Double it is reported as underflow")
    func tinyScale() throws {
        let p = Fixture.p256
        let net = TwoLayerNetwork(width: 2, inputDimension: 5)
        let ini = Initialization(family: .gaussian(seed: 2, layerScaleRatio: "1"), scale: "1e-3000")
        let theta: [BigFloat] = try ini.initialParameters(for: net, precision: p)
        let direction: [BigFloat] = try ini.direction(for: net, precision: p)
        let eps = try BigFloat(parsing: "1e-3000", precision: p)
        for (t, h) in zip(theta, direction) {
            #expect(!t.isZero)
            #expect(BigFloat.abs(t / h / eps - BigFloat(1, precision: p)) < Fixture.pow2(-250, p))
        }
        // The log10 of |θ_1| is about −3000.
        let l = BigFloat.log(BigFloat.abs(theta[0])) / BigFloat.log(BigFloat(10, precision: p))
        #expect(l.doubleValue < -2998 && l.doubleValue > -3002)
        #expect(throws: ProblemError.underflow(field: "initialization.scale", text: "1e-3000", precision: 53)) {
            let _: [Double] = try ini.initialParameters(for: net, precision: .double)
        }
        // Subnormal ε in Double: also underflow, not a silent loss of precision.
        #expect(throws: ProblemError.underflow(field: "initialization.scale", text: "1e-310", precision: 53)) {
            let _: [Double] = try Initialization(family: .gaussian(seed: 2, layerScaleRatio: "1"), scale: "1e-310")
                .initialParameters(for: net, precision: .double)
        }
        #expect(throws: ProblemError.notPositive(field: "initialization.scale", text: "-1e-3")) {
            let _: [BigFloat] = try Initialization(family: .gaussian(seed: 2, layerScaleRatio: "1"), scale: "-1e-3")
                .initialParameters(for: net, precision: p)
        }
    }

    @Test("initialization families have their defining properties")
    func families() throws {
        let p = Fixture.p256
        let net = TwoLayerNetwork(width: 3, inputDimension: 4, hasBias: true)
        let q = net.neuronBlockSize
        // Gaussian with layer-scale ratio κ: a_k = κ · (the same draw as κ = 1).
        let g1: [BigFloat] = try Initialization(family: .gaussian(seed: 5, layerScaleRatio: "1"), scale: "1").direction(for: net, precision: p)
        let g3: [BigFloat] = try Initialization(family: .gaussian(seed: 5, layerScaleRatio: "0.25"), scale: "1").direction(for: net, precision: p)
        for k in 0..<3 {
            #expect(g3[k * q] == g1[k * q] * (try BigFloat(parsing: "0.25", precision: p)))
            for j in 1..<q { #expect(g3[k * q + j] == g1[k * q + j]) }
        }
        // First layer zero.
        let z: [BigFloat] = try Initialization(family: .firstLayerZero(seed: 5), scale: "1").direction(for: net, precision: p)
        for k in 0..<3 {
            #expect(!z[k * q].isZero)
            for j in 1..<q { #expect(z[k * q + j].isZero) }
        }
        // Prescribed Ĉ (unnormalized input (3, −4, 0) → Ĉ = (0.6, −0.8, 0)), with a tilt.
        for tilt: DecimalNumber in ["0", "0.5"] {
            let c: [BigFloat] = try Initialization(family: .prescribedImbalance(normalizedImbalance: ["3", "-4", "0"], seed: 9, tilt: tilt),
                                                   scale: "1e-40").initialParameters(for: net, precision: p)
            let cHat = net.normalizedImbalance(of: c)!
            let expected = [try BigFloat(parsing: "0.6", precision: p), try BigFloat(parsing: "-0.8", precision: p), BigFloat(0, precision: p)]
            #expect(Fixture.relativeDifference(cHat, expected) < Fixture.pow2(-240, p))
            let rho = net.imbalanceRatios(of: c)
            let t = try BigFloat(parsing: tilt.text, precision: p)
            let expectedRho = BigFloat(1, precision: p) / (BigFloat(1, precision: p) + BigFloat(2, precision: p) * t)
            #expect(BigFloat.abs(BigFloat.abs(rho[0]) - expectedRho) < Fixture.pow2(-240, p))
        }
        // Identical neurons: δ = 0 gives equal blocks; δ > 0 differs by O(δ).
        let same: [BigFloat] = try Initialization(family: .identicalNeurons(seed: 4, perturbation: "0"), scale: "1").direction(for: net, precision: p)
        for k in 1..<3 { for j in 0..<q { #expect(same[k * q + j] == same[j]) } }
        let pert: [BigFloat] = try Initialization(family: .identicalNeurons(seed: 4, perturbation: "1e-20"), scale: "1").direction(for: net, precision: p)
        for k in 0..<3 {
            for j in 0..<q {
                let dd = BigFloat.abs(pert[k * q + j] - same[j])
                #expect(!dd.isZero && dd < Fixture.tenTo(-18, p))
            }
        }
        // Explicit, with a length check.
        let P = net.parameterCount
        let ex: [BigFloat] = try Initialization(family: .explicit(direction: (0..<P).map { try DecimalNumber("\($0)e-1") }), scale: "2").initialParameters(for: net, precision: p)
        #expect(ex[3] == (try BigFloat(parsing: "0.6", precision: p)))
        #expect(throws: ProblemError.dimensionMismatch(field: "initialization.explicit.direction", expected: P, found: 2)) {
            let _: [BigFloat] = try Initialization(family: .explicit(direction: ["1", "2"]), scale: "1").direction(for: net, precision: p)
        }
    }
}
