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
    /// The claim's comparisons: its own, then each reading's in turn.
    public var comparisons: [Comparison]
    /// The readings with their verdicts (nil when the claim names none; `Reading`).
    public var readings: [Reading]?
    /// Which readings decided the verdict, in one sentence (nil without readings).
    public var verdictSummary: String?
    public var figures: [Figure]
    public var notes: [String]
    public var ladder: LadderResult?
    public var seconds: Double

    public init(claim: ClaimInfo, outcome: ClaimOutcome, precision: Rung, seconds: Double) {
        self.claim = claim
        // Every comparison counts once, in the claim or in one reading, so combining them all
        // is `Reading.rule`: a failing reading fails the claim.
        let comparisons = outcome.comparisons + outcome.readings.flatMap(\.comparisons)
        let verdict = Verdict.combining(comparisons.map(\.verdict))
        self.comparisons = comparisons
        self.verdict = verdict
        if !outcome.readings.isEmpty {
            let readings = Reading.numbered(outcome.readings, from: outcome.comparisons.count)
            self.readings = readings
            verdictSummary = Reading.summary(readings, claimVerdict: verdict)
        }
        marginDigits = comparisons.filter { $0.verdict == verdict }.compactMap(\.marginDigits).min()
        digits = comparisons.compactMap(\.agreementDigits).min()
        self.precision = precision.isDouble ? "double" : String(precision.bits)
        figures = outcome.figures
        notes = outcome.notes
        ladder = outcome.ladder
        self.seconds = seconds
    }
}
