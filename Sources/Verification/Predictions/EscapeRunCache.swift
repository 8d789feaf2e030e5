import Foundation
import MultiPrecision

/// Escape runs shared between the checks of one process (claims 2, 3, 4 and 5 follow the same
/// P1 escape up the ladder; at 1024 bits one run costs about a minute). Keyed by the problem,
/// the radius, the precision and the tolerance; a run being computed is waited for, not
/// repeated.
final class EscapeRunCache: @unchecked Sendable {
    static let shared = EscapeRunCache()
    private let lock = NSLock()
    private var entries: [String: Entry] = [:]

    private final class Entry: @unchecked Sendable {
        let lock = NSLock()
        var value: Any?
    }

    func run<S: Scalar>(_ spec: ProblemSpecKey, radius: String, _ p: Precision, toleranceBits: Int?,
                        _ make: () throws -> EscapeRun<S>) throws -> EscapeRun<S> {
        let key = "\(S.self) \(p.bits) \(toleranceBits.map(String.init) ?? "-") \(radius) \(spec.text)"
        lock.lock()
        let entry = entries[key] ?? Entry()
        entries[key] = entry
        lock.unlock()
        entry.lock.lock()
        defer { entry.lock.unlock() }
        if let run = entry.value as? EscapeRun<S> { return run }
        let run = try make()
        entry.value = run
        return run
    }
}

/// A problem's identity for the cache: every field that shapes the run.
struct ProblemSpecKey {
    let text: String
}
