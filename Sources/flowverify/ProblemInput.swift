import ArgumentParser
import Foundation
import MultiPrecision
import TwoLayerNet

/// The options and input handling shared by the commands that read a problem file.
struct ProblemInput: ParsableArguments {
    @Argument(help: "The problem file (JSON; schema in problems/README.md).")
    var problem: String

    @Option(help: ArgumentHelp("Working precision: 'double' or a number of bits, 2...\(CommandLimits.maximumPrecisionBits).", valueName: "bits|double"))
    var precision: String = "double"

    @Option(help: ArgumentHelp("Refuse (exit 65) a run whose memory estimate exceeds this (bytes, or with K, M, G, T; default: half the physical memory, at most half of ulimit -v).", valueName: "size"))
    var memoryLimit: String?

    /// The working precision; nil for the Double fast path.
    func workingPrecision() throws -> Precision? { try CommandLimits.precision(precision) }

    func validate() throws {
        _ = try workingPrecision()
        if let memoryLimit { _ = try CommandLimits.memorySize(memoryLimit) }
    }

    /// The problem file, with expression activations through the symbolic layer. A bad file is
    /// an input error: one line naming the field, exit code 65.
    func load() throws -> ProblemSpec { try Self.load(problem) }

    /// Refuses (exit 65) a problem whose memory estimate exceeds the limit, naming the sizes.
    func checkMemory(_ spec: ProblemSpec, jetOrder: Int = 0, denseMatrices: Int = 0, collocationDegree: Int? = nil,
                     workers: Int = 1) throws {
        try Self.checkMemory(spec, file: problem, precision: try workingPrecision(), memoryLimit: memoryLimit,
                             jetOrder: jetOrder, denseMatrices: denseMatrices, collocationDegree: collocationDegree,
                             workers: workers)
    }

    /// The problem file at `path` (see `load()`).
    static func load(_ path: String) throws -> ProblemSpec {
        do {
            return try ProblemSpec(contentsOf: path, expressionActivation: { try SymbolicExpressionActivation(parsing: $0) })
        } catch {
            throw CommandFailure.input("\(DecimalSyntax.excerpt(path)): \(error)")
        }
    }

    /// `checkMemory` for a precision and a --memory-limit text given directly (nil precision: double).
    static func checkMemory(_ spec: ProblemSpec, file: String, precision: Precision?, memoryLimit: String?,
                            jetOrder: Int = 0, denseMatrices: Int = 0, collocationDegree: Int? = nil,
                            workers: Int = 1) throws {
        let estimate = RunMemoryEstimate(network: spec.network, sampleCount: spec.data.sampleCount,
                                         precision: precision, jetOrder: jetOrder, denseMatrices: denseMatrices,
                                         collocationDegree: collocationDegree, workers: workers)
        let limit = try memoryLimit.map(CommandLimits.memorySize) ?? CommandLimits.defaultMemoryLimit
        guard estimate.bytes <= limit else {
            let net = spec.network
            throw CommandFailure.input("\(DecimalSyntax.excerpt(file)): field network.width / network.inputDimension / data n: "
                + "m = \(net.width), d = \(net.inputDimension), n = \(spec.data.sampleCount), P = \(net.parameterCount) at \(precision.map { "\($0.bits) bits" } ?? "double") "
                + "need an estimated \(estimate), above the limit \(RunMemoryEstimate.format(limit)) (raise it with --memory-limit)")
        }
    }
}
