import Foundation
import MultiPrecision

/// An upper estimate of the memory a run of a problem allocates, computed from its sizes
/// before anything is allocated, so that a run that cannot fit is refused with a message
/// instead of dying in the allocator. Counted in scalars of the working precision (with the
/// integrator's guard bits), in `Double` arithmetic so that no size can overflow:
///
/// - data: n·d inputs and n labels (plus the n·d doubles the seeded families draw);
/// - the loss kernel: n·D + 8·n·m + 3·n + n·P (LossKernel's register file);
/// - vectors: `vectors`·P (state, field, extrapolation tableau, Taylor output, …);
/// - Taylor jets: `jetOrder`·(5·n·m + n + P + m·D) and 4 per worker (TaylorJetLayout);
/// - dense matrices: `denseMatrices`·P² (the Jacobian −∇²L, its LU factors and
///   eigendecomposition, which the implicit and collocation methods allocate);
/// - collocation at degree K: the moments P·K·(K + 1) at the stepper's extended precision
///   (p + 2K + 64 bits), and 8·P·(K + 1) node values, remainders, extrapolated states and
///   linear terms at p; with `workers` W > 1 (`FlowOptions.workers`) W more loss
///   kernels (the threads' replicas) and W lanes of P + 2 registers at p and 2K + 8 at the
///   extended precision.
public struct RunMemoryEstimate: Sendable, CustomStringConvertible {
    /// Bytes.
    public let bytes: Double
    /// The largest single part, for the message ("the dense P × P Jacobian").
    public let dominantPart: String

    /// Bytes one scalar occupies: 8 for `Double`; for `BigFloat` the object (header and
    /// mpfr_t, 64), its reference (8), and the limbs of p + guard bits with the allocator's
    /// overhead (16).
    public static func bytesPerScalar(precision: Precision?, guardBits: Int = 32) -> Double {
        guard let p = precision else { return 8 }
        return bytesPerScalar(bits: p.bits + guardBits)
    }

    /// Bytes of one `BigFloat` of `bits` bits.
    static func bytesPerScalar(bits: Int) -> Double { 8 + 64 + 16 + 8 * Double((bits + 63) / 64) }

    public init(network: TwoLayerNetwork, sampleCount n: Int, precision: Precision?,
                jetOrder: Int, denseMatrices: Int, collocationDegree: Int?, workers: Int = 1,
                vectors: Int = 96) {
        let b = RunMemoryEstimate.bytesPerScalar(precision: precision)
        let P = Double(network.parameterCount), m = Double(network.width)
        let d = Double(network.inputDimension), D = Double(network.extendedInputDimension), N = Double(n)
        let K = Double(collocationDegree ?? 0)
        let kernel = (N * D + 8 * N * m + 3 * N + N * P) * b
        let extended = RunMemoryEstimate.bytesPerScalar(bits: (precision?.bits ?? 53) + 2 * Int(K) + 64 + 32)
        let lanes = collocationDegree == nil || workers <= 1 ? 0.0 : Double(workers)
        let parts: [(String, Double)] = [
            ("the data (n × d)", (N * d + N) * b + N * d * 8),
            ("the loss kernel (n × P)", kernel),
            ("the state vectors", Double(vectors) * P * b),
            ("the Taylor jets", (Double(jetOrder) * (5 * N * m + N + P + m * D) + 4 * Double(max(1, workers))) * b),
            ("the dense P × P matrices", Double(denseMatrices) * P * P * (b + 8)),
            ("the collocation moments", collocationDegree == nil ? 0 : P * K * (K + 1) * extended + 8 * P * (K + 1) * b),
            ("the collocation workers' loss kernels", lanes * (kernel + (P + 2) * b + (2 * K + 8) * extended)),
        ]
        bytes = parts.reduce(0) { $0 + $1.1 }
        dominantPart = parts.max { $0.1 < $1.1 }!.0
    }

    public var description: String { "\(RunMemoryEstimate.format(bytes)) (mostly \(dominantPart))" }

    /// "1.5 GiB", "730 MiB".
    public static func format(_ bytes: Double) -> String {
        let units = ["bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"]
        var v = bytes, u = 0
        while v >= 1024, u < units.count - 1 { v /= 1024; u += 1 }
        if u == units.count - 1 && v >= 1024 { return "more than 1024 EiB" }
        return u == 0 ? "\(Int(v)) bytes" : String(format: "%.1f ", v) + units[u]
    }
}
