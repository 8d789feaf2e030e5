/// The three-valued outcome of a check at the precision it ran at (proofs/THEORY.md §3: "a
/// three-valued verdict (holds / fails / undecided at this precision)").
public enum Verdict: String, Codable, Sendable, CaseIterable, Comparable {
    /// The measured quantity lies inside the claim's bound by more than its numerical uncertainty.
    case holds
    /// The numerical uncertainty straddles the bound: more precision or a tighter tolerance
    /// would be needed to decide.
    case undecided
    /// The measured quantity lies outside the bound by more than its numerical uncertainty.
    case fails

    /// A claim's verdict from its checks' verdicts: fails if any fails, holds if all hold,
    /// undecided otherwise (and for no checks at all: nothing was decided).
    public static func combining<C: Collection>(_ verdicts: C) -> Verdict where C.Element == Verdict {
        if verdicts.isEmpty { return .undecided }
        return verdicts.max()!
    }

    /// The process exit code of a whole run (proofs/DESIGN.md "Exit codes"): 0 all hold, 1 any fails,
    /// 2 only undecided ones remain besides holds.
    public var exitCode: Int32 {
        switch self {
        case .holds: return 0
        case .fails: return 1
        case .undecided: return 2
        }
    }

    public static func < (a: Verdict, b: Verdict) -> Bool { a.rank < b.rank }
    private var rank: Int {
        switch self {
        case .holds: return 0
        case .undecided: return 1
        case .fails: return 2
        }
    }
}
