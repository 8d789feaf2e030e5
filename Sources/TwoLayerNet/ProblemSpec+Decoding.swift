import MultiPrecision

/// The parts of a problem file, decoded in file order (network, target, data, initialization,
/// integration; problems/README.md). Each number is parsed here, once (`ProblemError.decimal`),
/// and each error names its field.
extension ProblemSpec {
    static func network(_ net: JSONReader,
                        expressionActivation: ((String) throws -> any ExpressionActivation)?) throws(ProblemError) -> TwoLayerNetwork {
        let m = try ProblemError.parseCount(try net.string("width"), field: net.path("width"))
        let d = try ProblemError.parseCount(try net.string("inputDimension"), field: net.path("inputDimension"))
        let bias = try net.optionalBool("bias") ?? false
        guard TwoLayerNetwork.checkedParameterCount(width: m, inputDimension: d, hasBias: bias) != nil else {
            throw .invalidValue(field: net.path("width"), text: String(m),
                                reason: "with inputDimension \(d) gives more than \(TwoLayerNetwork.maximumCount) parameters")
        }
        let activation = try Self.activation(net, expressionActivation: expressionActivation)
        return TwoLayerNetwork(width: m, inputDimension: d, hasBias: bias, activation: activation)
    }

    static func activation(_ net: JSONReader,
                           expressionActivation: ((String) throws -> any ExpressionActivation)?) throws(ProblemError) -> Activation {
        let name = try net.string("activation")
        switch name {
        case "tanh": return .tanh
        case "linear": return .linear
        case "relu": return .relu
        case "leaky_relu":
            let text = try net.optionalString("slope") ?? "1/100"
            do {
                return .leakyRelu(slope: try Rational(parsing: text))
            } catch {
                throw .malformedNumber(field: net.path("slope"), text: text, reason: error.description)
            }
        case "expression":
            let text = try net.string("expression")
            guard let make = expressionActivation else {
                throw .unsupported(field: net.path("expression"),
                                   reason: "expression-defined activations need the symbolic layer")
            }
            do {
                return .expression(try make(text))
            } catch {
                throw .invalidValue(field: net.path("expression"), text: text, reason: "is not a valid activation: \(error)")
            }
        default:
            throw .unknownActivation(field: net.path("activation"), name: name)
        }
    }

    static func data(_ dataObject: JSONReader, inputDimension d: Int) throws(ProblemError) -> DataSource {
        let kind = try dataObject.singleKey(among: ["gaussian", "uniform", "explicit"])
        let source = try dataObject.object(kind)
        guard kind != "explicit" else {
            let rows = try source.decimalMatrix("x", columns: d)
            guard !rows.isEmpty else { throw .notPositive(field: source.path("x"), text: "0 rows") }
            let labels = source.has("y") ? try source.decimalArray("y", count: rows.count) : nil
            return .explicit(inputs: rows, labels: labels)
        }
        let n = try ProblemError.parseCount(try source.string("n"), field: source.path("n"))
        guard TwoLayerNetwork.checkedProduct(n, d) != nil else {
            throw .invalidValue(field: source.path("n"), text: String(n),
                                reason: "times inputDimension \(d) is more than \(TwoLayerNetwork.maximumCount) inputs")
        }
        let seed = try source.seed()
        if let dText = try source.optionalString("d") {
            let dd = try ProblemError.parseCount(dText, field: source.path("d"))
            guard dd == d else { throw .dimensionMismatch(field: source.path("d"), expected: d, found: dd) }
        }
        return kind == "gaussian" ? .gaussian(sampleCount: n, seed: seed) : .uniform(sampleCount: n, seed: seed)
    }

    static func initialization(_ ini: JSONReader, network: TwoLayerNetwork) throws(ProblemError) -> Initialization {
        let scale = try ini.decimal("scale")
        guard scale.isPositive else { throw .notPositive(field: ini.path("scale"), text: scale.text) }
        let kind = try ini.singleKey(among: ["gaussian", "first_layer_zero", "prescribed_imbalance",
                                             "identical_neurons", "explicit"], ignoring: ["scale"])
        return Initialization(family: try family(try ini.object(kind), kind: kind, network: network), scale: scale)
    }

    static func family(_ f: JSONReader, kind: String, network: TwoLayerNetwork) throws(ProblemError) -> InitializationFamily {
        switch kind {
        case "gaussian":
            let seed = try f.seed()
            return .gaussian(seed: seed, layerScaleRatio: try f.optionalDecimal("layerScaleRatio") ?? "1")
        case "first_layer_zero":
            return .firstLayerZero(seed: try f.seed())
        case "prescribed_imbalance":
            let c = try f.decimalArray("normalizedImbalance", count: network.width)
            let seed = try f.seed()
            return .prescribedImbalance(normalizedImbalance: c, seed: seed, tilt: try f.optionalDecimal("tilt") ?? "0")
        case "identical_neurons":
            let seed = try f.seed()
            return .identicalNeurons(seed: seed, perturbation: try f.decimal("perturbation"))
        default:
            return .explicit(direction: try f.decimalArray("direction", count: network.parameterCount))
        }
    }

    /// "converged", or a positive time within Double's range at any working precision (the
    /// horizon is a time, not a magnitude test).
    static func horizon(_ integ: JSONReader) throws(ProblemError) -> Horizon {
        let until = try integ.string("until")
        if until == "converged" { return .converged }
        let field = integ.path("until")
        let t = try ProblemError.decimal(until, field: field)
        let _: Double = try ProblemError.instantiate(t, precision: .double, field: field)
        guard t.isPositive else { throw .notPositive(field: field, text: until) }
        return .time(t, stopWhenConverged: try integ.optionalBool("stopWhenConverged") ?? false)
    }
}

extension JSONReader {
    /// The decimal at `key`, parsed (`ProblemError.decimal`).
    func decimal(_ key: String) throws(ProblemError) -> DecimalNumber {
        try ProblemError.decimal(try string(key), field: path(key))
    }

    func optionalDecimal(_ key: String) throws(ProblemError) -> DecimalNumber? {
        has(key) ? try decimal(key) : nil
    }

    /// The decimals of the array at `key`, which must have `count` entries (checked before any is parsed).
    func decimalArray(_ key: String, count: Int) throws(ProblemError) -> [DecimalNumber] {
        let texts = try stringArray(key)
        guard texts.count == count else { throw .dimensionMismatch(field: path(key), expected: count, found: texts.count) }
        return try Self.decimals(texts, field: path(key))
    }

    /// The rows of decimals at `key`, each of `columns` entries (checked before the row is parsed).
    func decimalMatrix(_ key: String, columns: Int) throws(ProblemError) -> [[DecimalNumber]] {
        var rows: [[DecimalNumber]] = []
        for (i, row) in try stringMatrix(key).enumerated() {
            let field = path(key) + "[\(i)]"
            guard row.count == columns else { throw .dimensionMismatch(field: field, expected: columns, found: row.count) }
            rows.append(try Self.decimals(row, field: field))
        }
        return rows
    }

    /// `texts[j]` parsed as the field `field[j]`.
    static func decimals(_ texts: [String], field: String) throws(ProblemError) -> [DecimalNumber] {
        var out: [DecimalNumber] = []
        for (j, text) in texts.enumerated() { out.append(try ProblemError.decimal(text, field: field + "[\(j)]")) }
        return out
    }

    /// The "seed" field (`ProblemError.parseSeed`).
    func seed() throws(ProblemError) -> UInt64 {
        try ProblemError.parseSeed(try string("seed"), field: path("seed"))
    }
}
