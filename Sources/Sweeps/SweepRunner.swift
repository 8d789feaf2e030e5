import Dispatch
import Foundation
import Verification

/// Runs the pending runs of a sweep on `jobs` threads and writes each to the store as it
/// finishes (one transaction per run). A run already in the store is skipped, so running the
/// same command again resumes. A run whose integration throws is recorded in `failures`
/// and counted; a store error stops every worker and is thrown.
public struct SweepRunner: Sendable {
    public var jobs: Int
    /// Decides one run (the certified recovery verdict under the run's policy).
    public var decide: @Sendable (SweepRun) throws -> RecoveryVerdict

    public init(jobs: Int, decide: @escaping @Sendable (SweepRun) throws -> RecoveryVerdict = { run in
        try RecoveryVerdict.decide(run.problem, policy: run.policy)
    }) {
        self.jobs = max(1, jobs)
        self.decide = decide
    }

    /// Runs `runs` (one shard's) into `store`; `report` sees the progress after every run.
    public func run(_ runs: [SweepRun], store: RunStore, report: @escaping @Sendable (SweepProgress) -> Void = { _ in }) throws(SweepError) -> SweepProgress {
        let finished = try store.finishedHashes()
        let pending = runs.filter { !finished.contains($0.hash) }
        let state = RunnerState(SweepProgress(total: runs.count, alreadyDone: runs.count - pending.count,
                                              workRemaining: pending.reduce(0) { $0 + $1.work }))
        let start = ContinuousClock.now
        let decide = self.decide
        let worker: @Sendable () -> Void = {
            while let run = state.next(pending) {
                var outcome: Result<RecoveryVerdict, Error>
                do { outcome = .success(try decide(run)) } catch { outcome = .failure(error) }
                do {
                    switch outcome {
                    case .success(let verdict): try store.insert(RunRow(run: run, verdict: verdict))
                    case .failure(let error): try store.recordFailure(run, message: "\(error)")
                    }
                } catch {
                    state.stop(error)
                    return
                }
                let elapsed = ContinuousClock.now - start
                let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
                report(state.record(outcome, work: run.work, seconds: seconds))
            }
        }
        // Exactly `jobs` threads (a dispatch pool would cap them at the cores it sees).
        let group = DispatchGroup()
        for _ in 0..<min(jobs, max(pending.count, 1)) {
            group.enter()
            let thread = Thread { worker(); group.leave() }
            thread.stackSize = 16 << 20
            thread.start()
        }
        group.wait()
        return try state.result()
    }
}

/// The workers' shared state: the next pending run, the counts, the first store error.
final class RunnerState: @unchecked Sendable {
    private let lock = NSLock()
    private var progress: SweepProgress
    private var cursor = 0
    private var storeError: SweepError?

    init(_ progress: SweepProgress) { self.progress = progress }

    func next(_ pending: [SweepRun]) -> SweepRun? {
        lock.withLock {
            guard storeError == nil, cursor < pending.count else { return nil }
            cursor += 1
            return pending[cursor - 1]
        }
    }

    func stop(_ error: Error) {
        lock.withLock {
            if storeError == nil { storeError = (error as? SweepError) ?? .store(path: "", reason: "\(error)") }
        }
    }

    func record(_ outcome: Result<RecoveryVerdict, Error>, work: Double, seconds: Double) -> SweepProgress {
        lock.withLock {
            progress.workDone += work
            progress.workRemaining = max(0, progress.workRemaining - work)
            switch outcome {
            case .success(let v):
                progress.finished += 1
                if v.evidence.escalated { progress.escalated += 1 }
            case .failure: progress.failed += 1
            }
            progress.seconds = seconds
            return progress
        }
    }

    func result() throws(SweepError) -> SweepProgress {
        let (p, e) = lock.withLock { (progress, storeError) }
        if let e { throw e }
        return p
    }
}
