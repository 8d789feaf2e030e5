import Foundation

/// Where a sweep invocation stands: runs of this shard already in the store, runs finished now,
/// failures and escalations (runs the double fast path could not decide), and the wall time,
/// from which the rate and the ETA follow.
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

    public var done: Int { alreadyDone + finished }
    public var remaining: Int { total - done - failed }
    /// Runs per second in this invocation (nil before the first finishes).
    public var rate: Double? { finished > 0 && seconds > 0 ? Double(finished) / seconds : nil }

    /// "37/120 done (24 before), 1.52 runs/s, 3 escalated, 0 failed, ETA 55 s".
    public var line: String {
        var s = "\(done)/\(total) done"
        if alreadyDone > 0 { s += " (\(alreadyDone) before)" }
        s += ", " + (rate.map { String(format: "%.3g runs/s", $0) } ?? "– runs/s")
        s += ", \(escalated) escalated, \(failed) failed"
        if let rate, remaining > 0 { s += ", ETA " + SweepProgress.duration(Double(remaining) / rate) }
        return s
    }

    static func duration(_ s: Double) -> String {
        if s < 90 { return String(format: "%.0f s", s) }
        if s < 5400 { return String(format: "%.0f min", s / 60) }
        return String(format: "%.1f h", s / 3600)
    }
}
