import MultiPrecision

/// A problem at one working precision written out in full: the network, the data x_i and
/// labels y_i, and θ(0), every number a round-trip decimal string. It is the same problem
/// every run at that precision sees (Gaussian data are drawn in double and embedded exactly),
/// so other tools — a notebook, an independent integrator in Benchmarks/ — can integrate it
/// without reimplementing the seeded generators. Its data block is a valid `explicit` data
/// source of a problem file.
public struct ProblemExport: Codable, Sendable {
    public struct Network: Codable, Sendable {
        public var width: Int
        public var inputDimension: Int
        public var bias: Bool
        public var activation: String
    }

    public var name: String?
    /// "double" or the number of bits.
    public var precision: String
    public var network: Network
    /// n rows of d inputs.
    public var inputs: [[String]]
    public var labels: [String]
    /// θ(0) = ε θ̂₀, in the parameter order of `TwoLayerNetwork`.
    public var initialParameters: [String]
    public var scale: String
    /// The file's horizon: a time, or "converged".
    public var until: String?
}

extension Problem {
    /// This problem written out in full (see `ProblemExport`).
    public var export: ProblemExport {
        let d = network.inputDimension
        let horizon: String?
        switch spec.horizon {
        case .time(let t, _)?: horizon = t.text
        case .converged?: horizon = "converged"
        case nil: horizon = nil
        }
        return ProblemExport(
            name: spec.name,
            precision: S.self == Double.self ? "double" : String(precision.bits),
            network: .init(width: network.width, inputDimension: d, bias: network.hasBias, activation: network.activation.name),
            inputs: (0..<data.sampleCount).map { i in (0..<d).map { data.inputs[i * d + $0].description } },
            labels: data.labels.map(\.description),
            initialParameters: initialParameters.map(\.description),
            scale: scale.description,
            until: horizon)
    }
}
