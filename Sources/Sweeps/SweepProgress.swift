import Foundation

/// Where a sweep invocation stands: runs of this shard already in the store, runs finished now,
/// failures and escalations (runs the double fast path could not decide), the wall time, and the
/// work done and left, from which the rate and the ETA follow.
///
/// **ETA.** A grid's runs differ in cost by orders of magnitude, the larger n and d the more, and
/// a sweep runs them in grid order (d and n growing), so "runs left ÷ runs per second" is too
/// optimistic for most of the sweep. The ETA instead weighs each run by its work, n·P
/// (`SweepRun.work`: one evaluation of the loss and its gradient costs n·P multiply-adds), and
/// divides the work left by the work done per second.
public struct SweepProgress: Sendable, Equatable {
    /// Runs of this shard in all.
    public var total: Int
    /// Runs found finished in the store when this invocation started.
    public var alreadyDone: Int
    /// Runs finished by this invocation, and of those, the ones decided above double.
    public var finished = 0
    public var escalated = 0
    public var failed = 0
    public var seconds = 0.0
    /// Work (`SweepRun.work`) of the runs this invocation finished or failed, and of the runs
    /// still pending.
    public var workDone = 0.0
    public var workRemaining: Double

    /// Progress before the first run ends; `workRemaining` defaults to one unit per pending run
    /// (the ETA is then runs left ÷ runs per second).
    public init(total: Int, alreadyDone: Int, workRemaining: Double? = nil) {
        self.total = total
        self.alreadyDone = alreadyDone
        self.workRemaining = workRemaining ?? Double(total - alreadyDone)
    }

    public var done: Int { alreadyDone + finished }
    public var remaining: Int { total - done - failed }
    /// Runs per second in this invocation (nil before the first finishes).
    public var rate: Double? { finished > 0 && seconds > 0 ? Double(finished) / seconds : nil }
    /// Seconds left at this invocation's work rate (nil before the first run ends, or when none
    /// is left).
    public var eta: Double? {
        guard remaining > 0, workDone > 0, seconds > 0 else { return nil }
        return workRemaining * seconds / workDone
    }

    /// "37/120 done (24 before), 1.52 runs/s, 3 escalated, 0 failed, ETA 55 s".
    public var line: String {
        var s = "\(done)/\(total) done"
        if alreadyDone > 0 { s += " (\(alreadyDone) before)" }
        s += ", " + (rate.map { String(format: "%.3g runs/s", $0) } ?? "– runs/s")
        s += ", \(escalated) escalated, \(failed) failed"
        if let eta { s += ", ETA " + SweepProgress.duration(eta) }
        return s
    }

    static func duration(_ s: Double) -> String {
        if s < 90 { return String(format: "%.0f s", s) }
        if s < 5400 { return String(format: "%.0f min", s / 60) }
        return String(format: "%.1f h", s / 3600)
    }
}
