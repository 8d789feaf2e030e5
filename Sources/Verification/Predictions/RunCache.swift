import Foundation
import MultiPrecision
import TwoLayerNet

/// Runs shared between the checks of one process: claims 2, 3, 4 and 5 follow the same P1
/// escape up the ladder (at 1024 bits one run costs about a minute), and every claim measures
/// its comparisons' uncertainties from runs at another precision and tolerance
/// (`UncertaintyRuns`) that its ladder has often made already. Keyed by text that names every
/// field shaping the run (problem, precision, tolerance, horizon); a run being computed is
/// waited for, not repeated.
final class RunCache: @unchecked Sendable {
    static let shared = RunCache()
    private let lock = NSLock()
    private var entries: [String: Entry] = [:]

    private final class Entry: @unchecked Sendable {
        let lock = NSLock()
        var value: Any?
    }

    /// The value cached under `key`, made by `make` on first use.
    func value<T>(_ key: String, _ make: () throws -> T) throws -> T {
        let typedKey = "\(T.self) \(key)"
        lock.lock()
        let entry = entries[typedKey] ?? Entry()
        entries[typedKey] = entry
        lock.unlock()
        entry.lock.lock()
        defer { entry.lock.unlock() }
        if let value = entry.value as? T { return value }
        let value = try make()
        entry.value = value
        return value
    }

    /// A problem's identity for a key: every field of the spec that shapes a run.
    static func key(_ spec: ProblemSpec) -> String {
        "\(spec.network) \(spec.target.map { "\($0)" } ?? "standard") \(spec.data) \(spec.initialization)"
    }

    /// A run's setting for a key.
    static func key(_ p: Precision, toleranceBits: Int?) -> String {
        "\(p.bits) bits, tolerance \(toleranceBits.map(String.init) ?? "default")"
    }
}
