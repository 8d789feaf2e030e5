/// One reading of a claim whose statement admits several (claim 10: per direction, convergence,
/// averaged over directions; proofs/claim-10.md "Statement"), with its own verdict.
///
/// A check that names readings assigns each of its comparisons to one of them. The reading's
/// verdict combines its comparisons (`Verdict.combining`), and the claim's verdict combines the
/// readings' verdicts by the same rule (`Reading.rule`), so a reading that fails makes the claim
/// fail; `Reading.summary` says which reading decided it, so that a claim's "fails" is never read
/// as a verdict on a reading that did not fail.
public struct Reading: Codable, Sendable, Equatable {
    /// "10a": the claim's id and a letter, as proofs/claim-NN.md names the reading.
    public var id: String
    /// A few words ("per direction, monotone").
    public var title: String
    /// One sentence: what the reading asserts.
    public var meaning: String
    /// Combined from its comparisons.
    public var verdict: Verdict
    /// Indices of its comparisons in the claim's `comparisons`.
    public var comparisons: [Int]

    public init(id: String, title: String, meaning: String, verdict: Verdict, comparisons: [Int]) {
        self.id = id
        self.title = title
        self.meaning = meaning
        self.verdict = verdict
        self.comparisons = comparisons
    }

    /// What a check hands over: the reading without its verdict and its comparisons themselves.
    public struct Draft: Sendable {
        public var id: String
        public var title: String
        public var meaning: String
        public var comparisons: [Comparison]

        public init(id: String, title: String, meaning: String, comparisons: [Comparison]) {
            self.id = id
            self.title = title
            self.meaning = meaning
            self.comparisons = comparisons
        }
    }

    /// The rule that turns readings into the claim's verdict, in words (for the report).
    public static let rule = "A claim with several readings holds if every reading holds and fails if any reading fails (undecided otherwise); each reading's verdict is shown beside the claim's."

    /// Readings from drafts whose comparisons start at `offset` in the claim's list.
    static func numbered(_ drafts: [Draft], from offset: Int) -> [Reading] {
        var next = offset
        return drafts.map { d in
            defer { next += d.comparisons.count }
            return Reading(id: d.id, title: d.title, meaning: d.meaning,
                           verdict: Verdict.combining(d.comparisons.map(\.verdict)),
                           comparisons: Array(next..<(next + d.comparisons.count)))
        }
    }

    /// The sentence that says which readings decided the claim's verdict: "Fails in reading 10a
    /// (per direction, monotone); 10b (convergence) holds; 10c (averaged) is undecided."
    public static func summary(_ readings: [Reading], claimVerdict: Verdict) -> String? {
        guard !readings.isEmpty else { return nil }
        func named(_ r: Reading) -> String { "\(r.id) (\(r.title))" }
        func stated(_ r: Reading) -> String { "\(named(r)) \(r.verdict == .undecided ? "is undecided" : r.verdict.rawValue)" }
        let deciding = readings.filter { $0.verdict == claimVerdict }
        let others = readings.filter { $0.verdict != claimVerdict }
        guard !deciding.isEmpty else {
            return "\(claimVerdict.rawValue.capitalized) by comparisons outside the readings; " + readings.map(stated).joined(separator: "; ") + "."
        }
        let plural = deciding.count == 1 ? "" : "s"
        let head: String
        switch claimVerdict {
        case .fails: head = "Fails in reading\(plural) "
        case .undecided: head = "Undecided in reading\(plural) "
        case .holds: head = "Holds in every reading: "
        }
        var sentence = head + deciding.map(named).joined(separator: ", ")
        if !others.isEmpty { sentence += " only; " + others.map(stated).joined(separator: "; ") }
        return sentence + "."
    }
}
