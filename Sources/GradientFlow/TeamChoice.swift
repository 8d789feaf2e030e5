/// Whether the next `TaylorJets.compute` runs its levels on the `LevelTeam` or on the calling
/// thread alone, chosen from the measured cost of the computes so far.
///
/// On an idle machine the team computes a step's jets in about 0.55–0.6 of one thread's time
/// (`flowverify-bench N jets`); when another process holds a core, a helper that the kernel has
/// descheduled stalls every phase, and the team can take longer than one thread. The bits are the
/// same either way (`TaylorJets`), so the choice may follow the clock:
/// - the first two computes run on the team (the first, which also touches the registers' memory
///   and wakes the helpers, is not measured);
/// - while the helpers keep up (the caller's wait for them, `LevelTeam.wait`, under
///   `keepingUp` of its own work) and the team has not been measured dearer, the team again:
///   on an idle machine, without ever paying for a compute alone;
/// - otherwise the cheaper of the two by an exponential average of seconds per K² (the cost of
///   an order-K compute grows like K²), the first time alone, and the other one every
///   `exploreEvery`-th compute so that a change in the machine's load is noticed.
@usableFromInline
struct TeamChoice: Sendable {
    /// Every this many computes the choice that is not the cheaper one is measured again.
    @usableFromInline static let exploreEvery = 32
    /// The weight of a new measurement in the averages.
    @usableFromInline static let weight = 0.5
    /// Seconds per K² of the computes on the team and alone (nil: not measured yet).
    @usableFromInline private(set) var teamCost: Double?
    @usableFromInline private(set) var soloCost: Double?
    @usableFromInline private(set) var computes = 0
    /// The caller's wait for its helpers over its own work, in the last compute on the team.
    @usableFromInline private(set) var waitShare = 0.0
    /// A wait share under this: the helpers kept up.
    @usableFromInline static let keepingUp = 0.5

    @usableFromInline init() {}

    /// True if the next compute should run on the team.
    @inlinable var usesTeam: Bool {
        guard let team = teamCost else { return true }
        if waitShare < Self.keepingUp, soloCost.map({ team <= $0 }) ?? true { return true }
        guard let solo = soloCost else { return false }
        let teamIsCheaper = team <= solo
        return computes % Self.exploreEvery == 0 ? !teamIsCheaper : teamIsCheaper
    }

    /// Records a compute of order K that took `seconds` on the team (`team`, with the caller's
    /// `waitShare`) or alone.
    @inlinable
    mutating func record(team: Bool, seconds: Double, order K: Int, waitShare: Double = 0) {
        computes += 1
        guard computes > 1 else { return }
        let cost = seconds / Double(Swift.max(1, K * K))
        guard cost.isFinite, cost >= 0 else { return }
        if team { self.waitShare = waitShare.isFinite ? waitShare : .infinity }
        func average(_ old: Double?) -> Double { old.map { $0 + Self.weight * (cost - $0) } ?? cost }
        if team { teamCost = average(teamCost) } else { soloCost = average(soloCost) }
    }
}
