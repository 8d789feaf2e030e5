import Testing
import TwoLayerNet
@testable import Verification

/// The n_sep candidates' values (`CandidateFormula`), against the network's own parameter count
/// and the linear forms written out.
@Suite("candidate formulas")
struct CandidateFormulaTests {
    @Test("m(d + 1 + b) is the network's parameter count, m(d + b) + 1 that less m − 1; the linear candidates are their forms")
    func values() {
        let p = CandidateFormula.separation.first { $0.formula == "m(d + 1 + b)" }!
        let linear = Dictionary(uniqueKeysWithValues: CandidateFormula.separation.map { ($0.formula, $0) })
        for m in 1...8 { for d in 1...10 { for bias in [false, true] {
            let network = TwoLayerNetwork(width: m, inputDimension: d, hasBias: bias)
            #expect(p.value(m: m, d: d, bias: bias) == network.parameterCount, "m = \(m), d = \(d), bias \(bias)")
            #expect(linear["m(d + b) + 1"]!.value(m: m, d: d, bias: bias) == network.parameterCount - (m - 1))
            #expect(linear["2d + 1"]!.value(m: m, d: d, bias: bias) == 2 * d + 1)
            #expect(linear["m + d"]!.value(m: m, d: d, bias: bias) == m + d)
            #expect(linear["m + 2d - 1"]!.value(m: m, d: d, bias: bias) == m + 2 * d - 1)
        } } }
        #expect(CandidateFormula.separation.count == 5 && CandidateFormula.all.filter { $0.quantity == .nOpt }.count == 1)
    }
}
