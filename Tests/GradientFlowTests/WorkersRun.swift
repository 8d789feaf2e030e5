import Foundation
@testable import GradientFlow
import MultiPrecision
@testable import TwoLayerNet

/// The whole-run checks of `FlowOptions.workers`: the problem of problems/P1.json and P2.json
/// (m = 2, d = 5, n = 8, tanh) from scale ε, run on some number of workers.
enum WorkersRun {
    static func spec(scale: String, until: String) throws -> ProblemSpec {
        try ProblemSpec(json: Data("""
            { "name": "workers", "network": { "width": "2", "inputDimension": "5", "activation": "tanh", "bias": false },
              "target": { "outputWeight": "1", "inputWeights": ["1", "0", "0", "0", "0"] },
              "data": { "gaussian": { "n": "8", "d": "5", "seed": "1" } },
              "initialization": { "scale": "\(scale)", "gaussian": { "seed": "2", "layerScaleRatio": "1" } },
              "integration": { "until": "\(until)" } }
            """.utf8))
    }

    /// The run at `bits` on `workers` threads, with `configure` applied to the options. A worker
    /// that races makes garbage, and the run crawls (rejected steps): a step budget of 2,000
    /// and 60 s end it, and the records differ.
    static func run(_ spec: ProblemSpec, bits: Int, workers: Int,
                    _ configure: (inout FlowOptions) -> Void = { _ in }) throws -> RunRecord {
        var options = ProblemRun.options(for: spec, until: nil)
        options.workers = workers
        options.maximumSteps = 2_000
        options.maximumWallSeconds = 60
        configure(&options)
        return try ProblemRun.run(spec, precision: try Precision(bits: bits), options: options)
    }
}
