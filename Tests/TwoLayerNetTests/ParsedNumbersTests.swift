import Foundation
import Testing
import MultiPrecision
@testable import TwoLayerNet

/// The numbers of a problem file are parsed once, when the file is read (`DecimalNumber`: the
/// text and its exact value), and rounded to each working precision when the problem is
/// instantiated (`ProblemError.instantiate`).
@Suite("Problem-file numbers parsed once")
struct ParsedNumbersTests {
    /// Every kind of decimal field once: target, explicit data and labels, ε, an explicit θ̂₀.
    static let explicitProblem = """
        {"network": {"width": "1", "inputDimension": "2", "activation": "tanh"},
         "target": {"outputWeight": "0.7", "inputWeights": ["0.1", "-0.3"]},
         "data": {"explicit": {"x": [["0.1", "2.5e-3"], ["-1.7", "1e-6"]], "y": ["0.3", "-0.9"]}},
         "initialization": {"scale": "1e-6", "explicit": {"direction": ["0.1", "0.2", "-0.4"]}}}
        """

    static func spec(_ text: String) throws -> ProblemSpec { try ProblemSpec(json: Data(text.utf8)) }

    /// `spec` with `old` replaced by `new` (which must apply).
    static func spec(replacing old: String, with new: String, in text: String = explicitProblem) throws -> ProblemSpec {
        let changed = text.replacingOccurrences(of: old, with: new)
        #expect(changed != text, "the replacement \(old) applies")
        return try spec(changed)
    }

    /// Each number of the instantiated problem is its file text correctly rounded at `p`, as
    /// MPFR's own parser (`S(parsing:)`) rounds it independently of `DecimalNumber`.
    func expectCorrectlyRounded<S: Scalar>(_ spec: ProblemSpec, _: S.Type, _ p: Precision) throws {
        let problem: Problem<S> = try spec.instantiate(precision: p)
        func rounded(_ texts: [String]) throws -> [S] { try texts.map { try S(parsing: $0, precision: p) } }
        #expect(problem.scale == (try S(parsing: "1e-6", precision: p)), "ε at \(p.bits) bits")
        #expect([problem.target.outputWeight] + problem.target.inputWeights == (try rounded(["0.7", "0.1", "-0.3"])), "target at \(p.bits) bits")
        #expect(problem.data.inputs == (try rounded(["0.1", "2.5e-3", "-1.7", "1e-6"])), "x at \(p.bits) bits")
        #expect(problem.data.labels == (try rounded(["0.3", "-0.9"])), "y at \(p.bits) bits")
        #expect(problem.initialDirection == (try rounded(["0.1", "0.2", "-0.4"])), "θ̂₀ at \(p.bits) bits")
    }

    @Test("ε = 1e-6 (and every other decimal of the file) is held exactly and rounded correctly at 53, 256 and 1024 bits")
    func roundedAtEachPrecision() throws {
        let spec = try Self.spec(Self.explicitProblem)
        #expect(spec.initialization.scale.text == "1e-6")
        #expect(spec.initialization.scale.exact == Rational(numerator: 1, denominator: 1_000_000))
        try expectCorrectlyRounded(spec, Double.self, .double)
        try expectCorrectlyRounded(spec, BigFloat.self, Fixture.p256)
        try expectCorrectlyRounded(spec, BigFloat.self, try Precision(bits: 1024))
        // And in double, as the platform's own parser rounds it.
        let problem: Problem<Double> = try spec.instantiate(precision: .double)
        #expect(problem.scale == Double("1e-6")! && problem.data.inputs[1] == Double("2.5e-3")!)
    }

    @Test("the family parameters κ and δ are rounded at the working precision, not through double")
    func familyParameters() throws {
        let net = TwoLayerNetwork(width: 2, inputDimension: 3, activation: .tanh)
        let p = Fixture.p256
        let kappa = try BigFloat(parsing: "0.3", precision: p)
        let scaled: [BigFloat] = try Initialization(family: .gaussian(seed: 5, layerScaleRatio: "0.3"), scale: "1").direction(for: net, precision: p)
        let plain: [BigFloat] = try Initialization(family: .gaussian(seed: 5, layerScaleRatio: "1"), scale: "1").direction(for: net, precision: p)
        #expect(scaled[0] == plain[0] * kappa && scaled[4] == plain[4] * kappa)
        let delta = try BigFloat(parsing: "1e-20", precision: p)
        let same: [BigFloat] = try Initialization(family: .identicalNeurons(seed: 4, perturbation: "0"), scale: "1").direction(for: net, precision: p)
        let moved: [BigFloat] = try Initialization(family: .identicalNeurons(seed: 4, perturbation: "1e-20"), scale: "1").direction(for: net, precision: p)
        // θ̂_k = base + δ g_k: the first neuron's draws follow the base's 1 + D draws.
        var g = PortableGaussian(seed: 4)
        for _ in 0...3 { _ = g.next() }
        let g0 = BigFloat(g.next(), precision: p)
        var expected = BigFloat(0, precision: p)
        expected.fma(g0, delta, same[0])
        #expect(moved[0] == expected)
    }

    /// (file text replaced, the number written instead, its field, whether it underflows):
    /// numbers out of Double's range, refused when the problem is instantiated in double and
    /// accepted at 256 bits.
    static let outOfDoubleRange: [(String, String, String, Bool)] = [
        (#""-0.3""#, "-1e-400", "target.inputWeights[1]", true),
        (#""2.5e-3""#, "1e-310", "data.explicit.x[0][1]", true),
        (#""0.3""#, "-4.9e-324", "data.explicit.y[0]", true),
        (#""0.2""#, "1e-320", "initialization.explicit.direction[1]", true),
        (#""0.7""#, "1e309", "target.outputWeight", false),
    ]

    @Test("in double, a nonzero number that underflows (to zero or a subnormal) is .underflow, one that overflows is .invalidValue; both are fine at 256 bits",
          arguments: outOfDoubleRange.indices)
    func outOfDoubleRangeAtInstantiation(_ k: Int) throws {
        let (old, text, field, underflows) = Self.outOfDoubleRange[k]
        let spec = try Self.spec(replacing: old, with: "\"\(text)\"")
        let expected: ProblemError = underflows ? .underflow(field: field, text: text, precision: 53)
            : .invalidValue(field: field, text: text, reason: "is outside Double's range")
        #expect(throws: expected) { let _: Problem<Double> = try spec.instantiate(precision: .double) }
        let _: Problem<BigFloat> = try spec.instantiate(precision: Fixture.p256)
    }

    /// (file text replaced, the error when the file is read).
    static let refusedWhenRead: [(String, String, ProblemError)] = [
        (#""scale": "1e-6""#, #""scale": "1e-1000001""#,
         .invalidValue(field: "initialization.scale", text: "1e-1000001", reason: "is beyond 10^±1000000, the range of exact decimals")),
        (#""-1.7""#, #""-17e2000000""#,
         .invalidValue(field: "data.explicit.x[1][0]", text: "-17e2000000", reason: "is beyond 10^±1000000, the range of exact decimals")),
        (#""outputWeight": "0.7""#, #""outputWeight": "0.7e-999999999999999999999""#,
         .invalidValue(field: "target.outputWeight", text: "0.7e-999999999999999999999", reason: "is beyond 10^±1000000, the range of exact decimals")),
        (#""scale": "1e-6""#, #""scale": "inf""#, .invalidValue(field: "initialization.scale", text: "inf", reason: "is not finite")),
        (#""-0.3"]"#, #""nan"]"#, .invalidValue(field: "target.inputWeights[1]", text: "nan", reason: "is not finite")),
        (#""scale": "1e-6""#, #""scale": "1/3""#,
         .malformedNumber(field: "initialization.scale", text: "1/3", reason: "\"/\" at position 2: a fraction is not accepted here")),
        (#""scale": "1e-6""#, #""scale": "-0""#, .notPositive(field: "initialization.scale", text: "-0")),
    ]

    @Test("beyond 10^±1000000, not finite or not a decimal: refused when the file is read, naming the field",
          arguments: refusedWhenRead.indices)
    func refusedAtReading(_ k: Int) {
        let (old, new, expected) = Self.refusedWhenRead[k]
        #expect(throws: expected) { _ = try Self.spec(replacing: old, with: new) }
        #expect(expected.description.contains(expected.field))
    }

    @Test("inside a run's provenance the family and the data print as they did with decimal strings")
    func provenanceText() {
        let family = InitializationFamily.prescribedImbalance(normalizedImbalance: ["0.6", "-0.8"], seed: 2, tilt: "0")
        #expect("\(family)" == #"prescribedImbalance(normalizedImbalance: ["0.6", "-0.8"], seed: 2, tilt: "0")"#)
        #expect("\(InitializationFamily.gaussian(seed: 2, layerScaleRatio: "1"))" == #"gaussian(seed: 2, layerScaleRatio: "1")"#)
        #expect("\(DataSource.explicit(inputs: [["0.5", "1e-3"]], labels: ["2"]))" == #"explicit(inputs: [["0.5", "1e-3"]], labels: Optional(["2"]))"#)
        #expect("\(Initialization(family: .firstLayerZero(seed: 3), scale: "1e-30").scale)" == "1e-30")
    }
}
