import MultiPrecision
import Testing
@testable import Symbolic

/// The derived flow field and Jacobian against proofs/THEORY.md §1 written out by hand:
///
///   a_k' = −(1/n) Σ_i e_i σ(u_ik),   w_kj' = −(a_k/n) Σ_i e_i σ'(u_ik) x_ij,
///
/// and the loss Hessian (the Jacobian is its negative):
///
///   ∂²L/∂a_k∂a_l   = (1/n) Σ_i σ(u_ik) σ(u_il)
///   ∂²L/∂a_k∂w_lj  = (1/n) Σ_i [σ(u_ik) a_l σ'(u_il) x_ij + δ_kl e_i σ'(u_ik) x_ij]
///   ∂²L/∂w_kj∂w_lj' = (1/n) Σ_i [a_k a_l σ'(u_ik) σ'(u_il) x_ij x_ij' + δ_kl a_k e_i σ''(u_ik) x_ij x_ij']
@Suite("Two-layer model: derived field and Jacobian vs proofs/THEORY.md §1")
struct TwoLayerFlowTests {
    /// σ, σ', σ'' written by hand, at BigFloat.
    struct HandActivation {
        let name: String
        let symbolic: SymbolicActivation
        let f: (BigFloat) -> (BigFloat, BigFloat, BigFloat)
    }

    static func hand(_ which: String, _ p: Precision) throws -> HandActivation {
        let one = BigFloat(1, precision: p), two = BigFloat(2, precision: p)
        switch which {
        case "tanh":
            return HandActivation(name: which, symbolic: .tanh) { u in
                let t = BigFloat.tanh(u), d = one - t * t
                return (t, d, -(two * t * d))
            }
        case "linear":
            return HandActivation(name: which, symbolic: .linear) { u in (u, one, BigFloat(0, precision: p)) }
        default:  // "x + x^3/10": σ' = 1 + 3x²/10, σ'' = 3x/5
            let ten = BigFloat(10, precision: p), three = BigFloat(3, precision: p), five = BigFloat(5, precision: p)
            return HandActivation(name: which, symbolic: try SymbolicActivation(parsing: which)) { u in
                (u + u * u * u / ten, one + three * u * u / ten, three * u / five)
            }
        }
    }

    @Test("field and Jacobian at p = 256 to 2^(−p+8)", arguments: [
        ("tanh", 3, 3, 4), ("tanh", 2, 2, 3), ("tanh", 1, 1, 1), ("linear", 2, 3, 4), ("linear", 3, 1, 2),
        ("x + x^3/10", 3, 2, 3), ("x + x^3/10", 2, 3, 4),
    ])
    func fieldAndJacobian(activation: String, m: Int, d: Int, n: Int) throws {
        let p = try Precision(bits: 256)
        let act = try Self.hand(activation, p)
        let model = try TwoLayerFlow(activation: act.symbolic, width: m, inputDimension: d, sampleCount: n)
        #expect(model.parameters.count == m * (d + 1))
        let field = model.field()
        let J = model.jacobian(of: field)
        let P = model.parameters.count
        let variables = model.parameters + model.dataVariables
        let tape = try CompiledExpression<BigFloat>(field + J.flatMap { $0 }, variables: variables, precision: p)

        var rng = SeededGenerator(seed: UInt64(m * 100 + d * 10 + n))
        func draw() -> BigFloat { BigFloat(rng.nextUnitDouble() * 2 - 1, precision: p) }
        var tolerance = BigFloat(1, precision: p)
        tolerance.scale(tolerance, byPowerOfTwo: -p.bits + 8)

        for _ in 0..<3 {
            let a = (0..<m).map { _ in draw() }
            let w = (0..<m).map { _ in (0..<d).map { _ in draw() } }
            let x = (0..<n).map { _ in (0..<d).map { _ in draw() } }
            let y = (0..<n).map { _ in draw() }
            var values: [String: BigFloat] = [:]
            for k in 0..<m {
                values["a_\(k + 1)"] = a[k]
                for j in 0..<d { values["w_\(k + 1)_\(j + 1)"] = w[k][j] }
            }
            for i in 0..<n {
                values["y_\(i + 1)"] = y[i]
                for j in 0..<d { values["x_\(i + 1)_\(j + 1)"] = x[i][j] }
            }
            tape.run(variables.map { values[$0]! })

            // proofs/THEORY.md §1 by hand.
            let zero = BigFloat(0, precision: p), nB = BigFloat(n, precision: p)
            var s = [[BigFloat]](), s1 = [[BigFloat]](), s2 = [[BigFloat]]()
            var e = [BigFloat]()
            for i in 0..<n {
                var row = [BigFloat](), row1 = [BigFloat](), row2 = [BigFloat]()
                var f = zero
                for k in 0..<m {
                    var u = zero
                    for j in 0..<d { u = u + w[k][j] * x[i][j] }
                    let (v, v1, v2) = act.f(u)
                    row.append(v); row1.append(v1); row2.append(v2)
                    f = f + a[k] * v
                }
                s.append(row); s1.append(row1); s2.append(row2)
                e.append(f - y[i])
            }
            var handField = [BigFloat](), index: [(isA: Bool, k: Int, j: Int)] = []
            for k in 0..<m {
                var ga = zero
                for i in 0..<n { ga = ga + e[i] * s[i][k] }
                handField.append(-(ga / nB)); index.append((true, k, -1))
                for j in 0..<d {
                    var gw = zero
                    for i in 0..<n { gw = gw + e[i] * s1[i][k] * x[i][j] }
                    handField.append(-(a[k] * gw / nB)); index.append((false, k, j))
                }
            }
            func hessian(_ P1: (isA: Bool, k: Int, j: Int), _ P2: (isA: Bool, k: Int, j: Int)) -> BigFloat {
                var acc = zero
                for i in 0..<n {
                    let t: BigFloat
                    switch (P1.isA, P2.isA) {
                    case (true, true):
                        t = s[i][P1.k] * s[i][P2.k]
                    case (true, false), (false, true):
                        let (ak, wl) = P1.isA ? (P1, P2) : (P2, P1)
                        var v = s[i][ak.k] * a[wl.k] * s1[i][wl.k] * x[i][wl.j]
                        if ak.k == wl.k { v = v + e[i] * s1[i][ak.k] * x[i][wl.j] }
                        t = v
                    case (false, false):
                        var v = a[P1.k] * a[P2.k] * s1[i][P1.k] * s1[i][P2.k] * x[i][P1.j] * x[i][P2.j]
                        if P1.k == P2.k { v = v + a[P1.k] * e[i] * s2[i][P1.k] * x[i][P1.j] * x[i][P2.j] }
                        t = v
                    }
                    acc = acc + t
                }
                return acc / nB
            }
            let one = BigFloat(1, precision: p)
            func close(_ a: BigFloat, _ b: BigFloat) -> Bool {
                BigFloat.abs(a - b) <= tolerance * max(one, BigFloat.abs(b))
            }
            for q in 0..<P {
                #expect(close(tape.output(q), handField[q]), "\(activation) field[\(model.parameters[q])]")
            }
            for q in 0..<P {
                for r in 0..<P {
                    let derived = tape.output(P + q * P + r)
                    let expected = -hessian(index[q], index[r])
                    #expect(close(derived, expected), "\(activation) J[\(model.parameters[q]), \(model.parameters[r])]")
                }
            }
        }
    }

    @Test("exact data and a teacher: y_i = a* σ(w*ᵀx_i) enters exactly; the field vanishes at θ = θ*")
    func teacherData() throws {
        let inputs: [[Expr]] = [[1, 0], [.constant(Rational(numerator: 1, denominator: 2)), 2], [-1, 1]]
        let model = try TwoLayerFlow(activation: .tanh, width: 1, inputDimension: 2, sampleCount: 3,
                                     data: .teacher(inputs: inputs, outputWeight: 1, inputWeights: [1, 0]))
        #expect(model.dataVariables.isEmpty)
        let atTarget = model.field().map { $0.substituting(["a_1": 1, "w_1_1": 1, "w_1_2": 0]) }
        #expect(atTarget.allSatisfy { $0.isZero })
        #expect(model.abbreviated(model.field()[0]).freeVariables.contains("e_1"))
        #expect(throws: SymbolicError.self) {
            try TwoLayerFlow(activation: .tanh, width: 0, inputDimension: 2, sampleCount: 3)
        }
    }

    @Test("claim 1: the derived dC_k/dt is exactly 0 for linear σ and matches −(2a_k/n) Σ e_i[σ − uσ'] for tanh and relu")
    func imbalanceRate() throws {
        let linear = try TwoLayerFlow(activation: .linear, width: 2, inputDimension: 3, sampleCount: 4)
        #expect(linear.imbalanceRate(1).expanded().isZero)
        #expect(linear.imbalanceRate(2).expanded().isZero)
        let p = try Precision(bits: 256)
        for act in [SymbolicActivation.tanh, .relu, try SymbolicActivation(parsing: "x + x^3/10")] {
            let model = try TwoLayerFlow(activation: act, width: 2, inputDimension: 2, sampleCount: 3)
            let field = model.field()
            var rng = SeededGenerator(seed: 42)
            var values: [String: BigFloat] = [:]
            for v in model.parameters + model.dataVariables { values[v] = BigFloat(rng.nextUnitDouble() * 2 - 1, precision: p) }
            for k in 1...2 {
                let derived: BigFloat = try model.imbalanceRate(k, field: field).evaluate(at: values, precision: p)
                // Claim 1, evaluated independently of the derivation.
                let drift = act.imbalanceDrift
                var claim = BigFloat(0, precision: p)
                for i in 0..<3 {
                    let e: BigFloat = try model.residuals[i].evaluate(at: values, precision: p)
                    let u: BigFloat = try model.preactivations[i][k - 1].evaluate(at: values, precision: p)
                    claim = claim + e * (try drift.evaluate(at: ["x": u], precision: p))
                }
                let a = values["a_\(k)"]!
                claim = -(BigFloat(2, precision: p) * a * claim / BigFloat(3, precision: p))
                var tol = BigFloat(1, precision: p)
                tol.scale(tol, byPowerOfTwo: -240)
                #expect(BigFloat.abs(derived - claim) <= tol, "\(act.name), k = \(k)")
            }
        }
    }

    @Test("bias as an extra input coordinate 1")
    func bias() throws {
        let model = try TwoLayerFlow(activation: .tanh, width: 2, inputDimension: 2, sampleCount: 2, bias: true)
        #expect(model.inputDimension == 3 && model.parameters.count == 8)
        #expect(model.preactivations[0][1] == Expr.variable("w_2_1") * .variable("x_1_1") + .variable("w_2_2") * .variable("x_1_2") + .variable("w_2_3"))
    }
}
