import Foundation

/// What every check is told: the working precision, the ladder, how thorough to be.
public struct CheckContext: Sendable {
    /// The working precision of the claim's main runs (default 256 bits).
    public var precision: Rung
    /// The precision ladder (default `Rung.defaultLadder`; `Rung.quickLadder` when quick).
    public var ladder: [Rung]
    /// `--quick`: fewer ε rungs, seeds and sample sizes; same checks, wider margins for nothing.
    public var quick: Bool
    /// One line of progress (the CLI prints it on stderr).
    public var progress: @Sendable (String) -> Void

    /// Without a ladder: `Rung.quickLadder` when quick, else `Rung.defaultLadder` (as `verify`).
    public init(precision: Rung = Rung(bits: 256), ladder: [Rung]? = nil, quick: Bool = false,
                progress: @escaping @Sendable (String) -> Void = { _ in }) {
        self.precision = precision
        self.ladder = ladder ?? (quick ? Rung.quickLadder : Rung.defaultLadder)
        self.quick = quick
        self.progress = progress
    }
}

/// What a check found: comparisons (each with its verdict), figures, notes, and its ladder. A
/// claim with several readings (`Reading`) puts each reading's comparisons in `readings`; the
/// report lists them after `comparisons`.
public struct ClaimOutcome: Sendable {
    public var comparisons: [Comparison] = []
    public var readings: [Reading.Draft] = []
    public var figures: [Figure] = []
    public var notes: [String] = []
    public var ladder: LadderResult?
    public init() {}
}

/// A claim of proofs/THEORY.md §3 with its numerical check (the registry's element).
public protocol ClaimCheck: Sendable {
    var info: ClaimInfo { get }
    /// Relative cost, for scheduling the most expensive claims first on the cores.
    var cost: Double { get }
    /// Why the check follows no quantity up the precision ladder, if it does not.
    var withoutLadder: String? { get }
    func check(_ context: CheckContext) throws -> ClaimOutcome
}

extension ClaimCheck {
    public var cost: Double { 1 }
    public var withoutLadder: String? { nil }

    /// The reason shared by the checks whose runs go to convergence (claims 8–11).
    static var convergedRunsReason: String {
        "its runs go to convergence, where the flow is stiff and degenerate; they run in double, and recovery is judged by the certified verdict (proofs/recovery.md), which escalates a run double cannot decide (claims 7–9) or leaves it undecided; a ladder would repeat every run at every rung, and these checks make dozens to hundreds of runs to convergence, each far dearer above double (the costs are measured in the README, \"Integrating one problem\")"
    }
}
