import Dispatch
import Foundation
import TwoLayerNet

/// Independent runs of claims 8 and 11 (dozens each) shared out over the cores: `map` calls
/// `body` for 0..<count concurrently and returns the results in order, rethrowing the first
/// error (in index order).
enum ConcurrentRuns {
    static func map<T: Sendable>(_ count: Int, _ body: @escaping @Sendable (Int) throws -> T) throws -> [T] {
        let slots = Slots<T>(count: count)
        DispatchQueue.concurrentPerform(iterations: count) { i in slots.set(i, Result { try body(i) }) }
        return try slots.values.map { try $0.get() }
    }

    /// The certified verdicts of `specs` (proofs/recovery.md), in order.
    static func decide(_ specs: [ProblemSpec], policy: RecoveryPolicy) throws -> [RecoveryVerdict] {
        try map(specs.count) { try RecoveryVerdict.decide(specs[$0], policy: policy) }
    }

    private final class Slots<T: Sendable>: @unchecked Sendable {
        private let lock = NSLock()
        private var slots: [Result<T, any Error>?]
        init(count: Int) { slots = Array(repeating: nil, count: count) }
        func set(_ i: Int, _ r: Result<T, any Error>) { lock.lock(); slots[i] = r; lock.unlock() }
        var values: [Result<T, any Error>] { lock.lock(); defer { lock.unlock() }; return slots.compactMap { $0 } }
    }
}
