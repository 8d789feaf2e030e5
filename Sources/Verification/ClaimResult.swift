/// A claim's entry in the report: the registry's statement, the verdict and what it rests on.
public struct ClaimResult: Codable, Sendable {
    public var claim: ClaimInfo
    public var verdict: Verdict
    /// The smallest margin among the comparisons that decided the verdict (orders of magnitude).
    public var marginDigits: Double?
    /// The fewest digits of agreement with a reference among the comparisons (nil: none had one).
    public var digits: Double?
    /// The working precision of the main runs ("double" or bits).
    public var precision: String
    public var comparisons: [Comparison]
    public var figures: [Figure]
    public var notes: [String]
    public var ladder: LadderResult?
    public var seconds: Double

    public init(claim: ClaimInfo, outcome: ClaimOutcome, precision: Rung, seconds: Double) {
        self.claim = claim
        let comparisons = outcome.comparisons, verdict = Verdict.combining(outcome.comparisons.map(\.verdict))
        self.comparisons = comparisons
        self.verdict = verdict
        marginDigits = comparisons.filter { $0.verdict == verdict }.compactMap(\.marginDigits).min()
        digits = comparisons.compactMap(\.agreementDigits).min()
        self.precision = precision.isDouble ? "double" : String(precision.bits)
        figures = outcome.figures
        notes = outcome.notes
        ladder = outcome.ladder
        self.seconds = seconds
    }
}
