/// What a claim of proofs/THEORY.md §3 says, independent of any run: the registry entry's static part.
public struct ClaimInfo: Codable, Sendable, Equatable {
    /// Where the statement comes from (proofs/THEORY.md's tags).
    public enum Status: String, Codable, Sendable {
        case derived
        case paper
        case paperAndDerived = "paper+derived"
        case paperEmpirical = "paper-empirical"
        case derivedExact = "derived-exact"
    }

    /// 1 … 12, proofs/THEORY.md §3's numbering.
    public var id: Int
    public var title: String
    public var status: Status
    /// The statement as tested (the exact reading, where the paper's is unknown).
    public var statement: String
    /// The symbolic form, as LaTeX (rendered in the HTML report), where there is one.
    public var latex: String?
    public var hypotheses: [String]
    /// proofs/claim-NN.md: the derivation, or the reading tested and why.
    public var proofFile: String
    /// The quantities compared, in words.
    public var quantities: [String]

    public init(id: Int, title: String, status: Status, statement: String, latex: String? = nil,
                hypotheses: [String], quantities: [String]) {
        self.id = id
        self.title = title
        self.status = status
        self.statement = statement
        self.latex = latex
        self.hypotheses = hypotheses
        self.proofFile = ClaimInfo.proofFile(id)
        self.quantities = quantities
    }

    public static func proofFile(_ id: Int) -> String {
        "proofs/claim-\(id < 10 ? "0" : "")\(id).md"
    }

    /// "claim-01": the id as reports and file names spell it.
    public var key: String { "claim-\(id < 10 ? "0" : "")\(id)" }
}
