import Foundation
import MultiPrecision

/// A problem file, decoded and checked but not yet instantiated at a precision. Every real
/// number of the file (a decimal string, proofs/DESIGN.md) is parsed here, once, into its exact
/// value: a `DecimalNumber` (the text as written and the exact rational), the leaky-ReLU slope a
/// `Rational`. `instantiate(precision:)` turns the spec into a `Problem<S>`, rounding each number
/// correctly to the working precision (`ProblemError.instantiate`) without parsing it again;
/// reports print the text.
///
/// **Schema** (JSON; every number is a string; `?` marks optional fields; also in
/// problems/README.md):
///
///     {
///       "name"?: "P1",
///       "network": {
///         "width": "2",                      m ≥ 1
///         "inputDimension": "5",             d ≥ 1
///         "activation": "tanh",              tanh | linear | relu | leaky_relu | expression
///         "slope"?: "1/100",                 leaky_relu only: decimal or p/q (default "1/100")
///         "expression"?: "…",                expression only: σ(u) as text (symbolic layer)
///         "bias"?: false                     JSON boolean
///       },
///       "target"?: {                         default a* = 1, w* = e_1
///         "outputWeight": "1",
///         "inputWeights": ["1", "0", "0", "0", "0"]          d entries
///       },
///       "data": exactly one of
///         { "gaussian": { "n": "8", "seed": "1", "d"?: "5" } }
///         { "uniform":  { "n": "8", "seed": "1" } }           x_ij uniform on [−1, 1)
///         { "explicit": { "x": [["0.5", …], …], "y"?: ["…", …] } }   n rows of d; y default f*(x)
///       "initialization": {
///         "scale": "1e-30",                  ε > 0, applied at working precision
///         exactly one family:
///         "gaussian": { "seed": "2", "layerScaleRatio"?: "1" }
///         "first_layer_zero": { "seed": "2" }
///         "prescribed_imbalance": { "normalizedImbalance": ["0.6", "0.8"], "seed": "2", "tilt"?: "0" }
///         "identical_neurons": { "seed": "2", "perturbation": "1e-3" }
///         "explicit": { "direction": ["…", …] }               P = m(1 + D) entries, θ order
///       },
///       "integration"?: { "until": "400" | "converged", "stopWhenConverged"?: true }
///     }
///
/// Seeds and counts are whole-number strings; seeds are in 0 … 2^64 − 1. Unknown keys inside
/// "data" and "initialization" are reported (a misspelt family is an error, not a default).
public struct ProblemSpec: Sendable {
    public var name: String?
    public var network: TwoLayerNetwork
    /// a* and w* (nil: the default a* = 1, w* = e_1).
    public var target: (outputWeight: DecimalNumber, inputWeights: [DecimalNumber])?
    public var data: DataSource
    public var initialization: Initialization
    public var horizon: Horizon?

    /// How far the run command should integrate (opaque to this target; validated here).
    public enum Horizon: Sendable, Equatable {
        /// Integrate to time T (positive, finite in Double's range) — stopping earlier at
        /// convergence if `stopWhenConverged`.
        case time(DecimalNumber, stopWhenConverged: Bool)
        /// Integrate until convergence.
        case converged
    }

    public init(name: String? = nil, network: TwoLayerNetwork,
                target: (outputWeight: DecimalNumber, inputWeights: [DecimalNumber])? = nil,
                data: DataSource, initialization: Initialization, horizon: Horizon? = nil) {
        self.name = name
        self.network = network
        self.target = target
        self.data = data
        self.initialization = initialization
        self.horizon = horizon
    }

    /// The largest problem file read (bytes): far above any file a run could integrate.
    public static let maximumFileSize = 256 << 20

    /// Reads and decodes a problem file (a regular file of at most `maximumFileSize` bytes:
    /// a FIFO or a device is refused, not read forever).
    /// - Parameter expressionActivation: builds an `ExpressionActivation` from the text of
    ///   `network.expression` (the symbolic layer's parser); without it, expression activations
    ///   are reported as unsupported.
    public init(contentsOf path: String,
                expressionActivation: ((String) throws -> any ExpressionActivation)? = nil) throws(ProblemError) {
        let data: Data
        do { data = try RegularFile.read(path, maximumBytes: ProblemSpec.maximumFileSize) } catch {
            throw .unreadable(path: path, reason: error.reason)
        }
        try self.init(json: data, expressionActivation: expressionActivation)
    }

    /// Decodes the JSON text of a problem file, strictly (`StrictJSON`: a syntax error names
    /// its line and column; trailing commas, comments and duplicate keys are errors).
    public init(json: Data, expressionActivation: ((String) throws -> any ExpressionActivation)? = nil) throws(ProblemError) {
        let root: JSONValue
        do {
            root = try StrictJSON.parse([UInt8](json))
        } catch {
            throw .invalidJSON(reason: "line \(error.line), column \(error.column): \(error.reason)")
        }
        guard case .object(let object) = root else { throw .invalidJSON(reason: "the top level is \(root.typeName), not an object") }
        let r = JSONReader(object: object, path: "")
        try self.init(reader: r, expressionActivation: expressionActivation)
    }

    init(reader r: JSONReader, expressionActivation: ((String) throws -> any ExpressionActivation)?) throws(ProblemError) {
        name = try r.optionalString("name")
        network = try Self.network(try r.object("network"), expressionActivation: expressionActivation)
        if let t = try r.optionalObject("target") {
            target = (try t.decimal("outputWeight"), try t.decimalArray("inputWeights", count: network.inputDimension))
        } else {
            target = nil
        }
        data = try Self.data(try r.object("data"), inputDimension: network.inputDimension)
        initialization = try Self.initialization(try r.object("initialization"), network: network)
        horizon = try r.optionalObject("integration").map { integ throws(ProblemError) in try Self.horizon(integ) }
    }

    /// The problem at working precision `precision` (`Double` needs `.double`).
    /// - Throws: `ProblemError`, e.g. `.underflow` for ε = 1e-3000 in `Double`.
    public func instantiate<S: Scalar>(precision p: Precision, as: S.Type = S.self) throws(ProblemError) -> Problem<S> {
        let d = network.inputDimension
        let target: Target<S>
        if let t = self.target {
            var w: [S] = []
            for (j, x) in t.inputWeights.enumerated() {
                w.append(try ProblemError.instantiate(x, precision: p, field: "target.inputWeights[\(j)]"))
            }
            target = Target(outputWeight: try ProblemError.instantiate(t.outputWeight, precision: p, field: "target.outputWeight"),
                            inputWeights: w)
        } else {
            target = .standard(inputDimension: d, precision: p)
        }
        let dataset: Dataset<S> = try data.dataset(target: target, activation: network.activation, precision: p)
        let direction: [S] = try initialization.direction(for: network, precision: p)
        let theta0: [S] = try initialization.initialParameters(for: network, precision: p)
        let eps: S = try ProblemError.instantiate(initialization.scale, precision: p, field: "initialization.scale")
        let problem = Problem(spec: self, precision: p, network: network, target: target, data: dataset,
                              initialDirection: direction, scale: eps, initialParameters: theta0)
        try problem.checkFiniteAtStart()
        return problem
    }

    /// The field answerable for a non-finite value of σ: the expression of an expression
    /// activation (`log(x)` at negative inputs), else `fallback`.
    func activationField(or fallback: String) -> (field: String, text: String) {
        if case .expression(let e) = network.activation { return ("network.expression", e.name) }
        return fallback == "initialization.scale" ? (fallback, initialization.scale.text) : (fallback, network.activation.name)
    }
}

extension Problem {
    /// Refuses a problem whose labels, loss or gradient at θ(0) are not finite at this
    /// precision (an activation undefined at the data, a* or ε so large that the squared loss
    /// overflows): a run of it could only produce NaN or ∞.
    func checkFiniteAtStart() throws(ProblemError) {
        if let i = data.labels.firstIndex(where: { !$0.isFinite }) {
            let (field, text) = spec.activationField(or: spec.target == nil ? "network.activation" : "target.outputWeight")
            throw .invalidValue(field: field, text: text, reason: "gives a non-finite label y_\(i + 1) at \(precision.bits) bits")
        }
        var kernel = makeLossKernel()
        var loss = S(0, precision: precision)
        var gradient = kernel.makeVector()
        kernel.gradient(at: initialParameters, into: &gradient, loss: &loss)
        if !loss.isFinite || !gradient.allSatisfy(\.isFinite) {
            let (field, text) = spec.activationField(or: "initialization.scale")
            let what = loss.isFinite ? "the gradient of the loss" : "the loss"
            throw .invalidValue(field: field, text: text, reason: "makes \(what) at θ(0) non-finite at \(precision.bits) bits")
        }
    }
}

/// A problem at one working precision: the network, target, data and θ(0) = ε θ̂₀
/// (proofs/DESIGN.md data flow: problem spec → `Problem<Scalar>` → integrator).
public struct Problem<S: Scalar> {
    public let spec: ProblemSpec
    public let precision: Precision
    public let network: TwoLayerNetwork
    public let target: Target<S>
    public let data: Dataset<S>
    /// θ̂₀.
    public let initialDirection: [S]
    /// ε.
    public let scale: S
    /// θ(0) = ε θ̂₀.
    public let initialParameters: [S]

    /// A loss kernel for this problem.
    public func makeLossKernel() -> LossKernel<S> { LossKernel(network: network, data: data, precision: precision) }
}

/// Typed access to a JSON object, naming fields by their dotted path.
struct JSONReader {
    let object: [String: JSONValue]
    let prefix: String

    init(object: [String: JSONValue], path: String) {
        self.object = object
        prefix = path
    }

    func path(_ key: String) -> String { prefix.isEmpty ? key : "\(prefix).\(key)" }
    func has(_ key: String) -> Bool { object[key].map { $0 != .null } ?? false }

    func value(_ key: String) throws(ProblemError) -> JSONValue {
        guard let v = object[key], v != .null else { throw .missingField(field: path(key)) }
        return v
    }

    private func string(_ v: JSONValue, _ field: String) throws(ProblemError) -> String {
        guard case .string(let s) = v else { throw .wrongType(field: field, expected: "a decimal string, found \(v.typeName)") }
        return s
    }

    func string(_ key: String) throws(ProblemError) -> String { try string(try value(key), path(key)) }

    func optionalString(_ key: String) throws(ProblemError) -> String? {
        has(key) ? try string(key) : nil
    }

    func optionalBool(_ key: String) throws(ProblemError) -> Bool? {
        guard has(key) else { return nil }
        let v = try value(key)
        guard case .bool(let b) = v else { throw .wrongType(field: path(key), expected: "true or false, found \(v.typeName)") }
        return b
    }

    func object(_ key: String) throws(ProblemError) -> JSONReader {
        let v = try value(key)
        guard case .object(let o) = v else { throw .wrongType(field: path(key), expected: "an object, found \(v.typeName)") }
        return JSONReader(object: o, path: path(key))
    }

    func optionalObject(_ key: String) throws(ProblemError) -> JSONReader? {
        has(key) ? try object(key) : nil
    }

    private func array(_ v: JSONValue, _ field: String) throws(ProblemError) -> [JSONValue] {
        guard case .array(let a) = v else { throw .wrongType(field: field, expected: "an array, found \(v.typeName)") }
        return a
    }

    func stringArray(_ key: String) throws(ProblemError) -> [String] {
        var out: [String] = []
        for (i, e) in try array(try value(key), path(key)).enumerated() { out.append(try string(e, path(key) + "[\(i)]")) }
        return out
    }

    func stringMatrix(_ key: String) throws(ProblemError) -> [[String]] {
        var out: [[String]] = []
        for (i, row) in try array(try value(key), path(key)).enumerated() {
            var strings: [String] = []
            for (j, e) in try array(row, path(key) + "[\(i)]").enumerated() {
                strings.append(try string(e, path(key) + "[\(i)][\(j)]"))
            }
            out.append(strings)
        }
        return out
    }

    /// The one key of this object among `allowed` (others in `ignoring` are skipped).
    func singleKey(among allowed: [String], ignoring: [String] = []) throws(ProblemError) -> String {
        let keys = object.keys.filter { !ignoring.contains($0) }.sorted()
        if let unknown = keys.first(where: { !allowed.contains($0) }) {
            throw .unknownKind(field: path(DecimalSyntax.excerpt(unknown)), name: unknown)
        }
        guard let first = keys.first else { throw .missingField(field: path(allowed.joined(separator: "|"))) }
        guard keys.count == 1 else {
            throw .invalidValue(field: prefix, text: keys.joined(separator: ", "), reason: "gives more than one kind; choose one")
        }
        return first
    }
}
