import Dispatch
import Foundation

/// Runs the registry's checks for the selected claims on all cores and assembles the report
/// (proofs/DESIGN.md data flow: … → `Verification` compares, per precision → `Verdict` → `Reports`).
public struct Verifier: Sendable {
    public var checks: [any ClaimCheck]
    public var context: CheckContext

    public init(claims ids: [Int]? = nil, context: CheckContext) {
        let all = ClaimRegistry.checks
        checks = ids.map { wanted in all.filter { wanted.contains($0.info.id) } } ?? all
        self.context = context
    }

    /// Checks the claims, the most expensive first, as many at once as there are cores. A
    /// check that throws decides nothing: its claim is undecided, with the error in its notes.
    public func run() -> Report {
        let start = DispatchTime.now()
        let order = checks.indices.sorted { checks[$0].cost > checks[$1].cost }
        let results = ResultSlots(count: checks.count)
        let next = Counter()
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, checks.count))
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while let slot = next.take(below: order.count) {
                let check = checks[order[slot]]
                results.set(order[slot], verify(check))
            }
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        return Report(claims: results.values, context: context, seconds: seconds)
    }

    /// Checks one claim (the registry's or a variant with a broken hypothesis) in this context.
    public func verify(_ check: any ClaimCheck) -> ClaimResult {
        let key = check.info.key
        context.progress("\(key) \(check.info.title): started")
        let start = DispatchTime.now()
        var outcome: ClaimOutcome
        // Lines from shared code (the ladder) get the claim's key; the checks' own lines have it.
        var context = self.context
        let report = self.context.progress
        context.progress = { line in report(line.hasPrefix("claim-") ? line : "\(key) \(line)") }
        do {
            outcome = try check.check(context)
        } catch {
            outcome = ClaimOutcome()
            outcome.notes.append("The check could not run: \(error). Nothing was decided.")
        }
        if outcome.ladder == nil, let reason = check.withoutLadder {
            outcome.notes.append("No precision ladder: \(reason).")
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        let result = ClaimResult(claim: check.info, outcome: outcome, precision: context.precision, seconds: seconds)
        context.progress("\(key) \(check.info.title): \(result.verdict.rawValue) (\(String(format: "%.1f", seconds)) s)")
        return result
    }
}

/// Work distribution for `Verifier.run`: the next claim index, and the results by claim.
private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func take(below n: Int) -> Int? {
        lock.lock(); defer { lock.unlock() }
        guard value < n else { return nil }
        value += 1
        return value - 1
    }
}

private final class ResultSlots: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [ClaimResult?]
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ r: ClaimResult) { lock.lock(); slots[i] = r; lock.unlock() }
    var values: [ClaimResult] { lock.lock(); defer { lock.unlock() }; return slots.compactMap { $0 } }
}
