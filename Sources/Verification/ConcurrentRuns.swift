import Dispatch
import Foundation
import TwoLayerNet

/// Independent runs of claims 7, 8, 9 and 11 (dozens to hundreds each) shared out over the
/// cores: `map` calls `body` for 0..<count concurrently and returns the results in order,
/// rethrowing the first error (in index order). `finished`, when given, is called with the
/// number of finished calls after each one (for progress lines).
enum ConcurrentRuns {
    static func map<T: Sendable>(_ count: Int, finished: (@Sendable (Int) -> Void)? = nil,
                                 _ body: @escaping @Sendable (Int) throws -> T) throws -> [T] {
        let slots = Slots<T>(count: count)
        DispatchQueue.concurrentPerform(iterations: count) { i in
            let done = slots.set(i, Result { try body(i) })
            finished?(done)
        }
        return try slots.values.map { try $0.get() }
    }

    /// The certified verdicts of `specs` (proofs/recovery.md), in order.
    static func decide(_ specs: [ProblemSpec], policy: RecoveryPolicy) throws -> [RecoveryVerdict] {
        try map(specs.count) { try RecoveryVerdict.decide(specs[$0], policy: policy) }
    }

    private final class Slots<T: Sendable>: @unchecked Sendable {
        private let lock = NSLock()
        private var slots: [Result<T, any Error>?]
        private var filled = 0
        init(count: Int) { slots = Array(repeating: nil, count: count) }
        /// Stores result i; returns how many are stored.
        func set(_ i: Int, _ r: Result<T, any Error>) -> Int {
            lock.lock(); defer { lock.unlock() }
            slots[i] = r; filled += 1
            return filled
        }
        var values: [Result<T, any Error>] { lock.lock(); defer { lock.unlock() }; return slots.compactMap { $0 } }
    }
}
