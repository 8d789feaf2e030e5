import TwoLayerNet

/// Where a run sits in its sweep's grid: the values of every axis and the two seeds. Read back
/// from the instantiated problem (never from the axes), so a row says what was actually run.
public struct RunCoordinates: Sendable, Hashable, Codable {
    /// m, d, n.
    public var width: Int
    public var inputDimension: Int
    public var sampleSize: Int
    /// ε as the decimal text of the problem file.
    public var scale: String
    public var bias: Bool
    public var activation: String
    /// The initialization family and its parameters without the seed, canonical JSON.
    public var initialization: String
    /// nil for explicit data / an explicit initialization.
    public var dataSeed: UInt64?
    public var initializationSeed: UInt64?

    public init(width: Int, inputDimension: Int, sampleSize: Int, scale: String, bias: Bool, activation: String,
                initialization: String, dataSeed: UInt64?, initializationSeed: UInt64?) {
        self.width = width; self.inputDimension = inputDimension; self.sampleSize = sampleSize; self.scale = scale
        self.bias = bias; self.activation = activation; self.initialization = initialization
        self.dataSeed = dataSeed; self.initializationSeed = initializationSeed
    }

    /// The coordinates of `spec`, whose problem-file text is `problem`.
    init(spec: ProblemSpec, problem: JSONValue) {
        width = spec.network.width
        inputDimension = spec.network.inputDimension
        bias = spec.network.hasBias
        activation = spec.network.activation.name
        scale = spec.initialization.scale.text
        switch spec.data {
        case .gaussian(let n, let seed), .uniform(let n, let seed): sampleSize = n; dataSeed = seed
        case .explicit(let inputs, _): sampleSize = inputs.count; dataSeed = nil
        }
        switch spec.initialization.family {
        case .gaussian(let seed, _), .firstLayerZero(let seed), .prescribedImbalance(_, let seed, _), .identicalNeurons(let seed, _):
            initializationSeed = seed
        case .explicit: initializationSeed = nil
        }
        var family = problem["initialization"]?.objectValue ?? [:]
        family["scale"] = nil
        for (name, parameters) in family {
            var p = parameters.objectValue ?? [:]
            p["seed"] = nil
            family[name] = .object(p)
        }
        initialization = JSONValue.object(family).canonical
    }

    /// One line naming the point, for messages.
    public var label: String {
        var s = "m=\(width) d=\(inputDimension) n=\(sampleSize) ε=\(scale) bias=\(bias) \(activation) \(initialization)"
        if let dataSeed { s += " data seed \(dataSeed)" }
        if let initializationSeed { s += " init seed \(initializationSeed)" }
        return s
    }
}
