import MultiPrecision
import Testing
@testable import Symbolic

@Suite("Evaluation: intervals and compiled tapes")
struct EvaluationTests {
    @Test("interval evaluation at p = 256 encloses the 1024-bit point value (1,000 inputs)")
    func intervalEnclosure() throws {
        let p = try Precision(bits: 256), p4 = try Precision(bits: 1024)
        var gen = RandomExpressions(seed: 77)
        var count = 0
        for _ in 0..<50 {
            let f = gen.expression(depth: 4)
            for _ in 0..<20 {
                // Rational inputs p/q are not representable in binary: the input intervals are
                // genuine enclosures, the 1024-bit reference is rounded from the same rationals.
                let xr = Rational(numerator: gen.int(-1500...1500), denominator: gen.int(1...999))
                let yr = Rational(numerator: gen.int(-1500...1500), denominator: gen.int(1...999))
                let xq = Rational.abs(xr) > Rational(numerator: 3, denominator: 2) ? xr / 1000 : xr
                let yq = Rational.abs(yr) > Rational(numerator: 3, denominator: 2) ? yr / 1000 : yr
                let box = try f.enclosure(at: ["x": Interval(xq, precision: p), "y": Interval(yq, precision: p)], precision: p)
                let point: BigFloat = try f.evaluate(at: ["x": BigFloat(xq, precision: p4), "y": BigFloat(yq, precision: p4)],
                                                      precision: p4)
                #expect(box.isValid && point.isFinite, "\(f) at (\(xq), \(yq))")
                #expect(box.contains(point), "\(f) at (\(xq), \(yq)): \(box) ∌ \(point.decimal(significantDigits: 40))")
                // …and is tight: at most 2^(−200) relative (each of the ≲ 100 operations widens
                // by a few ulps at 256 bits), so a loose enclosure cannot pass.
                var bound = BigFloat(1, precision: p)
                bound.scale(bound, byPowerOfTwo: -200)
                #expect(box.width <= bound * max(BigFloat(1, precision: p), BigFloat(BigFloat.abs(point), precision: p)), "\(f): width \(box.width.decimal(significantDigits: 3))")
                count += 1
            }
        }
        #expect(count == 1000)
    }

    @Test("interval of π, e and the piecewise-linear functions")
    func intervalBasics() throws {
        let p = try Precision(bits: 128)
        let x = Expr.variable("x")
        let box = Interval(lower: BigFloat(-1, precision: p), upper: BigFloat(2, precision: p), precision: p)
        let r = try Expr.relu(x).enclosure(at: ["x": box], precision: p)
        #expect(r.lower.isZero && r.upper == BigFloat(2, precision: p))
        let l = try Expr.leakyRelu(x, slope: Rational(numerator: 1, denominator: 4)).enclosure(at: ["x": box], precision: p)
        #expect(l.lower == BigFloat(-0.25, precision: p) && l.upper == BigFloat(2, precision: p))
        let pi = try Expr.pi.enclosure(at: [:], precision: p)
        #expect(pi.contains(BigFloat.pi(precision: try Precision(bits: 512))))
    }

    @Test("the compiled tape agrees with tree evaluation (BigFloat 256 bits and Double)")
    func compiledMatchesTree() throws {
        let p = try Precision(bits: 256)
        var gen = RandomExpressions(seed: 5)
        let exprs = (0..<40).map { _ in gen.expression(depth: 5) }
        let tape = try CompiledExpression<BigFloat>(exprs, variables: ["x", "y"], precision: p)
        let tapeD = try CompiledExpression<Double>(exprs, variables: ["x", "y"], precision: .double)
        var tol = BigFloat(1, precision: p)
        tol.scale(tol, byPowerOfTwo: -236)
        for _ in 0..<10 {
            let xv = gen.coordinate(), yv = gen.coordinate()
            tape.run([BigFloat(xv, precision: p), BigFloat(yv, precision: p)])
            tapeD.run([xv, yv])
            for (k, e) in exprs.enumerated() {
                let tree: BigFloat = try e.evaluate(at: ["x": BigFloat(xv, precision: p), "y": BigFloat(yv, precision: p)], precision: p)
                let fast = tape.output(k)
                let scale = max(BigFloat(1, precision: p), BigFloat.abs(tree))
                #expect(BigFloat.abs(tree - fast) <= tol * scale, "\(e)")
                let d = tapeD.output(k)
                #expect(Swift.abs(d - tree.doubleValue) <= 1e-10 * Swift.max(1, Swift.abs(d)), "\(e) (Double)")
            }
        }
        #expect(throws: SymbolicError.unboundVariable("y")) {
            try CompiledExpression<Double>(Expr.variable("y"), variables: ["x"], precision: .double)
        }
    }

    @Test("a 1,000-node expression compiles once and re-evaluates to the tree value")
    func largeExpressionTape() throws {
        let p = try Precision(bits: 256)
        var gen = RandomExpressions(seed: 11)
        var terms: [Expr] = []
        var size = 0
        while size < 1000 {
            let t = gen.expression(depth: 5)
            terms.append(t)
            size += t.size
        }
        let big = Expr.sum(terms)
        #expect(big.size >= 900)
        let tape = try CompiledExpression<BigFloat>(big, variables: ["x", "y"], precision: p)
        let inputs = [BigFloat(0.375, precision: p), BigFloat(-1.25, precision: p)]
        let first = tape.evaluate(inputs).copy()
        let clock = ContinuousClock()
        let runs = 200
        let elapsed = clock.measure {
            for _ in 0..<runs { tape.run(inputs) }
        }
        #expect(tape.output(0) == first)
        let tree: BigFloat = try big.evaluate(at: ["x": inputs[0], "y": inputs[1]], precision: p)
        var tol = BigFloat(1, precision: p)
        tol.scale(tol, byPowerOfTwo: -230)
        #expect(BigFloat.abs(tree - first) <= tol * max(BigFloat(1, precision: p), BigFloat.abs(tree)))
        // An arithmetic-only polynomial of ~1,000 nodes (the shape of a flow field's algebra).
        var poly: [Expr] = []
        var polySize = 0
        while polySize < 1000 {
            let t = Expr.product([.constant(gen.rational()), .variable(gen.int(0...1) == 0 ? "x" : "y"),
                                  .pow(.variable("x") + .constant(gen.rational()), gen.int(1...3)),
                                  .variable("y") + .constant(gen.rational())])
            poly.append(t)
            polySize += t.size
        }
        let polyTape = try CompiledExpression<BigFloat>(Expr.sum(poly), variables: ["x", "y"], precision: p)
        let polyElapsed = clock.measure { for _ in 0..<runs { polyTape.run(inputs) } }
        print("arithmetic tape (\(Expr.sum(poly).size) nodes, \(polyTape.instructionCount) instructions): \(polyElapsed / runs) per evaluation")
        let transcendental = try CompiledExpression<BigFloat>(Expr.tanh(.variable("x")), variables: ["x"], precision: p)
        let tanhElapsed = clock.measure { for _ in 0..<runs { transcendental.run([inputs[0]]) } }
        print("one tanh instruction at 256 bits: \(tanhElapsed / runs)")
        print("1,000-node tape (\(big.size) nodes, \(tape.instructionCount) instructions): \(elapsed / runs) per evaluation at 256 bits (this test build)")
    }
}
