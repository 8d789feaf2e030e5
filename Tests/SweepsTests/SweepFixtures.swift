import Foundation
@testable import Sweeps
import Verification

/// Tiny sweeps (d = 2..3, m = 1..2, small n, ε = 1e-3) and helpers shared by the tests.
enum SweepFixtures {
    static func spec(width: String = #"["1", "2"]"#, dimension: String = #"["2", "3"]"#,
                     n: String = #"{"from": "d - 1", "to": "3d + 2"}"#,
                     seeds: String = #"{"data": {"from": "100", "count": "3"}, "initialization": {"from": "1", "count": "3"}}"#,
                     extraAxes: String = "", policy: String = #"{"precisions": ["53"]}"#) -> String {
        """
        {
          "name": "fixture",
          "template": {
            "network": {"width": "1", "inputDimension": "2", "activation": "tanh"},
            "data": {"gaussian": {"n": "3", "seed": "1"}},
            "initialization": {"scale": "1e-3", "gaussian": {"seed": "1"}}
          },
          "axes": {"width": \(width), "inputDimension": \(dimension), "n": \(n)\(extraAxes)},
          "seeds": \(seeds),
          "policy": \(policy)
        }
        """
    }

    static func sweep(_ text: String) throws -> SweepSpec { try SweepSpec(json: Data(text.utf8)) }

    static func grid(_ text: String) throws -> SweepGrid { try SweepGrid(try sweep(text)) }

    /// A fresh directory, removed by the caller's `defer`.
    static func directory() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sweeps-test-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    /// A verdict that does not integrate (for store tests): recovered iff n ≥ d + 1 + shift.
    static func fakeVerdict(_ run: SweepRun, shift: Int = 0) -> RecoveryVerdict {
        let c = run.coordinates
        let recovered = c.sampleSize >= c.inputDimension + 1 + shift
        return RecoveryVerdict(
            outcome: recovered ? .recovered : .notRecovered, reason: "fixture",
            evidence: RecoveryEvidence(risk: recovered ? "0" : "1e-2", riskError: "1e-16", targetSetDistance: nil,
                                       alignedDistance: recovered ? "0" : "0.5", gradientNorm: "0", finalLoss: "0",
                                       finalTime: "1", decidingBits: 53, precisionsTried: [53], steps: 1,
                                       seconds: Double.random(in: 0..<1), roles: []))
    }

    /// Counts calls per run hash (thread-safe).
    final class Calls: @unchecked Sendable {
        private let lock = NSLock()
        private var counts: [String: Int] = [:]
        func record(_ hash: String) { lock.withLock { counts[hash, default: 0] += 1 } }
        var all: [String: Int] { lock.withLock { counts } }
    }
}
