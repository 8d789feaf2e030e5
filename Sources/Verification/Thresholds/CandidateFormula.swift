/// The candidate formulas for the thresholds (proofs/claim-09.md, "Statement" and "What can be
/// derived" 6): n_opt = d + 1 (d + 2 with bias); for n_sep the open candidates 2d + 1, m + d,
/// m + 2d − 1, the parameter count P = m(d + 1 + b), which the early sweeps suggested, and
/// m(d + b) + 1 = P − (m − 1), which the closed ranges of nsep-law suggest (proofs/claim-09.md,
/// "Measured: nsep-law, m = 1 … 4, all passes").
public struct CandidateFormula: Sendable, Equatable {
    public enum Quantity: String, Sendable, Codable { case nOpt = "n_opt", nSep = "n_sep" }
    public enum Judgement: String, Sendable, Codable { case holds, fails, undecided }
    /// How a formula's value follows from the group.
    enum Expression: Sendable, Equatable {
        /// A linear form in m, d and b.
        case linear(SampleSizeExpression)
        /// The network's parameter count P = m(d + 1 + b) (`TwoLayerNetwork.parameterCount`).
        case parameterCount
        /// P − (m − 1) = m(d + b) + 1: the first layer's m(d + b) parameters and one output weight.
        case parameterCountLessOutputs
    }

    public var quantity: Quantity
    public var formula: String
    let expression: Expression

    public static let all: [CandidateFormula] = [
        CandidateFormula(.nOpt, "d + 1 + b"),
        CandidateFormula(.nSep, "2d + 1"), CandidateFormula(.nSep, "m + d"), CandidateFormula(.nSep, "m + 2d - 1"),
        CandidateFormula(.nSep, "m(d + 1 + b)", .parameterCount),
        CandidateFormula(.nSep, "m(d + b) + 1", .parameterCountLessOutputs),
    ]

    /// The n_sep candidates.
    public static var separation: [CandidateFormula] { all.filter { $0.quantity == .nSep } }

    init(_ quantity: Quantity, _ formula: String) {
        self.init(quantity, formula, .linear(SampleSizeExpression(formula)!))
    }

    init(_ quantity: Quantity, _ formula: String, _ expression: Expression) {
        self.quantity = quantity
        self.formula = formula
        self.expression = expression
    }

    public func value(m: Int, d: Int, bias: Bool) -> Int {
        switch expression {
        case .linear(let e): e.value(m: m, d: d, bias: bias)
        case .parameterCount: m * (d + 1 + (bias ? 1 : 0))
        case .parameterCountLessOutputs: m * (d + (bias ? 1 : 0)) + 1
        }
    }

    public func value(_ g: GroupKey) -> Int { value(m: g.width, d: g.inputDimension, bias: g.bias) }
}
