/// The candidate formulas for the thresholds (proofs/claim-09.md): n_opt = d + 1 (d + 2 with
/// bias), and for n_sep the open candidates 2d + 1, m + d, m + 2d − 1.
public struct CandidateFormula: Sendable, Equatable {
    public enum Quantity: String, Sendable, Codable { case nOpt = "n_opt", nSep = "n_sep" }
    public enum Judgement: String, Sendable, Codable { case holds, fails, undecided }

    public var quantity: Quantity
    public var formula: String
    let expression: SampleSizeExpression

    public static let all: [CandidateFormula] = [
        CandidateFormula(.nOpt, "d + 1 + b"),
        CandidateFormula(.nSep, "2d + 1"), CandidateFormula(.nSep, "m + d"), CandidateFormula(.nSep, "m + 2d - 1"),
    ]

    init(_ quantity: Quantity, _ formula: String) {
        self.quantity = quantity
        self.formula = formula
        expression = SampleSizeExpression(formula)!
    }

    public func value(_ g: GroupKey) -> Int { expression.value(m: g.width, d: g.inputDimension, bias: g.bias) }
}
