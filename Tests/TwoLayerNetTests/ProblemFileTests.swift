import Foundation
import Testing
import MultiPrecision
@testable import TwoLayerNet

@Suite("Problem files")
struct ProblemFileTests {
    static let problemsDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("problems")

    static var base: [String: Any] { [
        "name": "base",
        "network": ["width": "2", "inputDimension": "3", "activation": "tanh", "bias": false],
        "target": ["outputWeight": "1", "inputWeights": ["1", "0", "0"]],
        "data": ["gaussian": ["n": "4", "seed": "1"]],
        "initialization": ["scale": "1e-3", "gaussian": ["seed": "2"]],
        "integration": ["until": "10"],
    ] }

    /// `base` with the value at `path` replaced (nil removes it), as JSON.
    static func json(_ path: [String], json text: String?) -> Data {
        json(path, text.map { try! JSONSerialization.jsonObject(with: Data($0.utf8), options: [.fragmentsAllowed]) })
    }

    static func json(_ path: [String], _ value: Any?) -> Data {
        func set(_ object: [String: Any], _ path: ArraySlice<String>) -> [String: Any] {
            var o = object
            let key = path.first!
            if path.count == 1 {
                o[key] = value
            } else {
                o[key] = set(o[key] as! [String: Any], path.dropFirst())
            }
            return o
        }
        let object = path.isEmpty ? base : set(base, path[...])
        return try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
    }

    @Test("the reference problems P1 and P2 load and instantiate at 53 and 256 bits")
    func referenceProblems() throws {
        for (name, scale, until) in [("P1", "1e-30", "400"), ("P2", "1e-6", "1e6")] {
            let spec = try ProblemSpec(contentsOf: Self.problemsDirectory.appendingPathComponent("\(name).json").path)
            #expect(spec.name == name)
            #expect(spec.network.width == 2 && spec.network.inputDimension == 5 && !spec.network.hasBias)
            #expect(spec.network.activation.name == "tanh")
            #expect(spec.data.sampleCount == 8)
            if case .gaussian(_, let seed) = spec.data { #expect(seed == 1) } else { Issue.record("data must be Gaussian") }
            if case .gaussian = spec.initialization.family {} else { Issue.record("initialization must be Gaussian") }
            #expect(spec.initialization.scale.text == scale)
            if case .time(let t, _) = spec.horizon { #expect(t.text == until) } else { Issue.record("horizon") }
            let pd: Problem<Double> = try spec.instantiate(precision: .double)
            let pb: Problem<BigFloat> = try spec.instantiate(precision: Fixture.p256)
            #expect(pd.initialParameters.count == 12 && pb.initialParameters.count == 12)
            for (a, b) in zip(pd.data.inputs, pb.data.inputs) { #expect(BigFloat(a, precision: Fixture.p256) == b) }
            for (a, b) in zip(pd.initialDirection, pb.initialDirection) { #expect(BigFloat(a, precision: Fixture.p256) == b) }
            let eps = try BigFloat(parsing: scale, precision: Fixture.p256)
            for (t, h) in zip(pb.initialParameters, pb.initialDirection) {
                #expect(BigFloat.abs(t - h * eps) <= Fixture.pow2(-250, Fixture.p256) * BigFloat.abs(t))
            }
        }
    }

    @Test("a valid problem decodes")
    func valid() throws {
        let spec = try ProblemSpec(json: Self.json([], nil))
        let p: Problem<BigFloat> = try spec.instantiate(precision: Fixture.p256)
        #expect(p.data.sampleCount == 4)
    }

    struct BadCase: Sendable, CustomTestStringConvertible {
        let label: String
        let path: [String]
        /// The replacement as JSON text (nil removes the field).
        let value: String?
        let expected: ProblemError
        var testDescription: String { label }
    }

    static let badCases: [BadCase] = [
        BadCase(label: "missing width", path: ["network", "width"], value: nil, expected: .missingField(field: "network.width")),
        BadCase(label: "missing data", path: ["data"], value: nil, expected: .missingField(field: "data")),
        BadCase(label: "missing scale", path: ["initialization", "scale"], value: nil, expected: .missingField(field: "initialization.scale")),
        BadCase(label: "non-numeric scale", path: ["initialization", "scale"], value: #""tiny""#,
                expected: .malformedNumber(field: "initialization.scale", text: "tiny", reason: "")),
        BadCase(label: "non-numeric target weight", path: ["target", "inputWeights"], value: #"["1", "x", "0"]"#,
                expected: .malformedNumber(field: "target.inputWeights[1]", text: "x", reason: "")),
        BadCase(label: "JSON number instead of a string", path: ["data", "gaussian"], value: #"{"n": 4, "seed": "1"}"#,
                expected: .wrongType(field: "data.gaussian.n", expected: "a decimal string")),
        BadCase(label: "target dimension mismatch", path: ["target", "inputWeights"], value: #"["1", "0"]"#,
                expected: .dimensionMismatch(field: "target.inputWeights", expected: 3, found: 2)),
        BadCase(label: "data dimension mismatch", path: ["data", "gaussian"], value: #"{"n": "4", "seed": "1", "d": "5"}"#,
                expected: .dimensionMismatch(field: "data.gaussian.d", expected: 3, found: 5)),
        BadCase(label: "explicit row length", path: ["data"], value: #"{"explicit": {"x": [["1", "2", "3"], ["1", "2"]]}}"#,
                expected: .dimensionMismatch(field: "data.explicit.x[1]", expected: 3, found: 2)),
        BadCase(label: "n = 0", path: ["data", "gaussian"], value: #"{"n": "0", "seed": "1"}"#,
                expected: .notPositive(field: "data.gaussian.n", text: "0")),
        BadCase(label: "n < 0", path: ["data", "gaussian"], value: #"{"n": "-3", "seed": "1"}"#,
                expected: .notPositive(field: "data.gaussian.n", text: "-3")),
        BadCase(label: "ε = 0", path: ["initialization", "scale"], value: #""0""#,
                expected: .notPositive(field: "initialization.scale", text: "0")),
        BadCase(label: "ε < 0", path: ["initialization", "scale"], value: #""-1e-30""#,
                expected: .notPositive(field: "initialization.scale", text: "-1e-30")),
        BadCase(label: "unknown activation", path: ["network", "activation"], value: #""sigmoid""#,
                expected: .unknownActivation(field: "network.activation", name: "sigmoid")),
        BadCase(label: "unknown initialization family", path: ["initialization"], value: #"{"scale": "1", "gausian": {"seed": "1"}}"#,
                expected: .unknownKind(field: "initialization.gausian", name: "gausian")),
        BadCase(label: "expression without the symbolic layer", path: ["network"],
                value: #"{"width": "2", "inputDimension": "3", "activation": "expression", "expression": "tanh(u)"}"#,
                expected: .unsupported(field: "network.expression", reason: "")),
        BadCase(label: "explicit θ̂ length", path: ["initialization"], value: #"{"scale": "1", "explicit": {"direction": ["1"]}}"#,
                expected: .dimensionMismatch(field: "initialization.explicit.direction", expected: 8, found: 1)),
        BadCase(label: "prescribed Ĉ length", path: ["initialization"],
                value: #"{"scale": "1", "prescribed_imbalance": {"normalizedImbalance": ["1"], "seed": "3"}}"#,
                expected: .dimensionMismatch(field: "initialization.prescribed_imbalance.normalizedImbalance", expected: 2, found: 1)),
        BadCase(label: "fractional seed", path: ["data", "gaussian"], value: #"{"n": "4", "seed": "1.5"}"#,
                expected: .notAnInteger(field: "data.gaussian.seed", text: "1.5")),
    ]

    @Test("each bad problem throws the typed error naming the field", arguments: badCases)
    func bad(_ c: BadCase) {
        do {
            _ = try ProblemSpec(json: Self.json(c.path, json: c.value))
            Issue.record("\(c.label): no error")
        } catch {
            #expect(error.field == c.expected.field, "\(c.label): \(error)")
            #expect(Self.sameCase(error, c.expected), "\(c.label): got \(error)")
            #expect(error.description.contains(c.expected.field))
        }
    }

    /// Same case and field (the quoted `reason` texts are not compared).
    static func sameCase(_ a: ProblemError, _ b: ProblemError) -> Bool {
        switch (a, b) {
        case (.malformedNumber(let f1, let t1, _), .malformedNumber(let f2, let t2, _)): return f1 == f2 && t1 == t2
        case (.unsupported(let f1, _), .unsupported(let f2, _)): return f1 == f2
        case (.wrongType(let f1, _), .wrongType(let f2, _)): return f1 == f2
        default: return a == b
        }
    }

    @Test("unreadable and non-JSON files, and ε that underflows Double at instantiation")
    func fileLevel() throws {
        #expect {
            _ = try ProblemSpec(contentsOf: "/nonexistent/problem.json")
        } throws: { error in
            if case .unreadable(let path, _) = error as? ProblemError { return path == "/nonexistent/problem.json" }
            return false
        }
        #expect {
            _ = try ProblemSpec(json: Data("{ not json".utf8))
        } throws: { error in
            if case .invalidJSON = error as? ProblemError { return true }
            return false
        }
        let spec = try ProblemSpec(json: Self.json(["initialization", "scale"], "1e-3000"))
        #expect(throws: ProblemError.underflow(field: "initialization.scale", text: "1e-3000", precision: 53)) {
            let _: Problem<Double> = try spec.instantiate(precision: .double)
        }
        let big: Problem<BigFloat> = try spec.instantiate(precision: Fixture.p256)
        #expect(big.initialParameters.allSatisfy { !$0.isZero })
    }

    @Test("expression-defined activations go through the hook")
    func expressionHook() throws {
        let json = Self.json(["network"], ["width": "2", "inputDimension": "3", "activation": "expression", "expression": "u + u^3/3"])
        let spec = try ProblemSpec(json: json) { text in CubicActivation(name: text) }
        #expect(spec.network.activation.name == "u + u^3/3")
        // The kernel's gradient through the hook equals the one computed with the formula
        // σ = u + u³/3, σ' = 1 + u², σ'' = 2u written out here.
        let p = Fixture.p256
        let problem: Problem<BigFloat> = try spec.instantiate(precision: p)
        var kernel = problem.makeLossKernel()
        let theta = Fixture.big(Fixture.doubles(8, seed: 5), p)
        let g = kernel.gradient(at: theta)
        let n = 4, q = 4, third = BigFloat(Rational(numerator: 1, denominator: 3), precision: p)
        var ref = [BigFloat](repeating: BigFloat(0, precision: p), count: 8)
        for i in 0..<n {
            var f = BigFloat(0, precision: p)
            var us: [BigFloat] = []
            for k in 0..<2 {
                var u = BigFloat(0, precision: p)
                for j in 0..<3 { u = u + theta[k * q + 1 + j] * problem.data.inputs[i * 3 + j] }
                us.append(u)
                f = f + theta[k * q] * (u + u * u * u * third)
            }
            let e = f - problem.data.labels[i]
            for k in 0..<2 {
                let u = us[k]
                ref[k * q] = ref[k * q] + e * (u + u * u * u * third) / BigFloat(n, precision: p)
                for j in 0..<3 {
                    ref[k * q + 1 + j] = ref[k * q + 1 + j]
                        + e * theta[k * q] * (BigFloat(1, precision: p) + u * u) * problem.data.inputs[i * 3 + j] / BigFloat(n, precision: p)
                }
            }
        }
        #expect(Fixture.relativeDifference(g, ref) < Fixture.pow2(-245, p))
    }
}

/// A stand-in for the symbolic layer: σ(u) = u + u³/3.
struct CubicActivation: ExpressionActivation {
    let name: String
    var isPositivelyHomogeneous: Bool { false }
    var isOdd: Bool { true }
    func makeEvaluator<S: Scalar>(precision: Precision) -> any ActivationEvaluator<S> {
        CubicEvaluator<S>(t: S(0, precision: precision), one: S(1, precision: precision))
    }
}

struct CubicEvaluator<Value: Scalar>: ActivationEvaluator {
    var t: Value
    let one: Value
    mutating func evaluate(_ u: Value, order: Int, value: inout Value, first: inout Value, second: inout Value) {
        t.sqr(u)
        value.mul(t, u)
        value.div(value, 3)
        value.add(value, u)
        if order >= 1 { first.add(t, one) }
        if order >= 2 { second.mul(u, 2) }
    }
}
