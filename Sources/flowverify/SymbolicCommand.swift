import ArgumentParser
import MultiPrecision
import Symbolic

/// `flowverify symbolic …`: the symbolic layer's derivations, printed exactly.
struct SymbolicCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "symbolic",
        abstract: "Print exact series of the activation and the derived gradient-flow equations.",
        subcommands: [SymbolicSeriesCommand.self, SymbolicFlowCommand.self]
    )
}

/// A bad input on the command line: exit code 64 (EX_USAGE) through the common error path.
private func usageFailure(_ message: String) -> CommandFailure { .usage(message) }

private func parseCount(_ text: String, _ flag: String, range: ClosedRange<Int>) throws -> Int {
    guard let v = Int(text.trimmingCharacters(in: " ")), range.contains(v) else {
        throw usageFailure("--\(flag): \"\(DecimalSyntax.excerpt(text))\" is not a whole number in \(range.lowerBound)...\(range.upperBound)")
    }
    return v
}

private func parseActivation(_ text: String) throws -> SymbolicActivation {
    do { return try SymbolicActivation(parsing: text) } catch {
        throw usageFailure("--activation \"\(DecimalSyntax.excerpt(text))\": \(error)")
    }
}

private extension String {
    func trimmingCharacters(in set: Character) -> String {
        var s = Substring(self)
        while s.first == set { s = s.dropFirst() }
        while s.last == set { s = s.dropLast() }
        return String(s)
    }
}

struct SymbolicSeriesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "series",
        abstract: "Print the Taylor series of σ, σ' and σ(u) − uσ'(u) (claim 2) with exact coefficients.",
        discussion: """
            The activation is a name (tanh, linear, relu, leakyrelu:SLOPE, sigmoid) or an \
            expression in x, e.g. "x + x^3/10". Coefficients are exact rationals when they are \
            rational, exact symbolic constants otherwise (e.g. at --at 1/2). Exit codes: 0 \
            printed; 64 bad arguments, including an expression beyond the symbolic layer's \
            limits (size, exponent, constant size) or a series beyond its work budget.
            """
    )

    @Option(help: ArgumentHelp("Activation name or expression in x.", valueName: "name|expr"))
    var activation: String = "tanh"

    @Option(help: ArgumentHelp("Highest power kept (0...200).", valueName: "n"))
    var order: String = "9"

    @Option(help: ArgumentHelp("Expansion point, an exact rational (\"0\", \"1/2\", \"0.25\"; negative as --at=-1/2).", valueName: "u0"))
    var at: String = "0"

    @Flag(help: "Print LaTeX instead of plain text.")
    var latex = false

    /// The most expression nodes a printed series may have: printing a series whose symbolic
    /// coefficients fill gigabytes took minutes after its expansion had finished in budget.
    static let maximumPrintedNodes = 100_000

    static func checkPrintable(_ s: PowerSeries<Expr>) throws(SymbolicError) {
        let nodes = s.coefficients.reduce(0) { $0 &+ $1.size }
        guard nodes <= maximumPrintedNodes else {
            throw .limitExceeded("the series' coefficients have \(nodes) expression nodes, more than the \(maximumPrintedNodes) this command prints; lower the order")
        }
    }

    func run() throws {
        let sigma = try parseActivation(activation)
        let n = try parseCount(order, "order", range: 0...200)
        let point: Rational
        do { point = try Rational(parsing: at) } catch { throw usageFailure("--at \"\(DecimalSyntax.excerpt(at))\": \(error)") }
        let x = SymbolicActivation.variableName
        let rows: [(String, String, Expr)] = [
            ("σ(u)", "\\sigma(u)", sigma.expression),
            ("σ'(u)", "\\sigma'(u)", sigma.derivative()),
            ("σ(u) - uσ'(u)", "\\sigma(u) - u\\,\\sigma'(u)", sigma.imbalanceDrift),
        ]
        var lines: [(String, String)] = []
        let budget = SeriesBudget()  // one budget for the whole command
        for (plain, tex, e) in rows {
            let body: String
            do {
                if let s = try? e.rationalSeries(in: x, at: point, order: n, budget: budget) {
                    body = s.text(variable: "u", at: .constant(point), latex: latex)
                } else {
                    let s = try e.series(in: x, at: Expr.constant(point), order: n, budget: budget)
                    try Self.checkPrintable(s)
                    body = s.text(variable: "u", at: .constant(point), latex: latex)
                }
            } catch {
                throw usageFailure("series of \(plain) for activation \"\(DecimalSyntax.excerpt(activation))\" at u = \(DecimalSyntax.excerpt(point.description)): \(error)")
            }
            lines.append((latex ? tex : plain, body))
        }
        if latex {
            print("% activation \(sigma.name): \\sigma(x) = \(sigma.expression.latex); expansion at u = \(point)")
            printAligned(lines)
        } else {
            print("# activation \(sigma.name): σ(x) = \(sigma.expression); expansion at u = \(point)")
            let width = lines.map(\.0.count).max() ?? 0
            for (lhs, rhs) in lines {
                print(lhs + String(repeating: " ", count: width - lhs.count) + " = " + rhs)
            }
        }
    }
}

struct SymbolicFlowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "flow",
        abstract: "Print the gradient-flow equations θ' = −∇L of the two-layer model, derived symbolically.",
        discussion: """
            The model of proofs/THEORY.md §1: f(x) = Σ_k a_k σ(w_kᵀx), L = (1/2n) Σ_i e_i². The \
            equations are printed with the abbreviations u_i_k = w_kᵀx_i and \
            e_i = f(x_i) − y_i. Data are symbolic (x_i_j, y_i) unless --inputs is given, in which \
            case y_i = σ(x_i1) (teacher a* = 1, w* = e_1). Exit codes: 0 printed; 64 bad \
            arguments (including an expression beyond the symbolic layer's limits).
            """
    )

    @Option(help: ArgumentHelp("Activation name or expression in x.", valueName: "name|expr"))
    var activation: String = "tanh"

    @Option(help: ArgumentHelp("Width m (1...8).", valueName: "m"))
    var m: String = "2"

    @Option(help: ArgumentHelp("Input dimension d (1...8).", valueName: "d"))
    var d: String = "2"

    @Option(help: ArgumentHelp("Sample count n (1...16).", valueName: "n"))
    var n: String = "3"

    @Option(help: ArgumentHelp("Exact inputs: n rows separated by ';', d entries by ',' (e.g. \"1,0;0,1;1,1/2\").", valueName: "rows"))
    var inputs: String?

    @Flag(help: "Give each neuron a bias b_k, as an extra input coordinate 1 (b_k is w_k_{d+1}).")
    var bias = false

    @Flag(help: "Also print the nonzero entries of the Jacobian −∇²L.")
    var jacobian = false

    @Flag(help: "Print LaTeX instead of plain text.")
    var latex = false

    func run() throws {
        let sigma = try parseActivation(activation)
        let m = try parseCount(self.m, "m", range: 1...8)
        let d = try parseCount(self.d, "d", range: 1...8)
        let n = try parseCount(self.n, "n", range: 1...16)
        var data = TwoLayerFlow.Data.symbolic
        if let text = inputs {
            let rows = text.split(separator: ";", omittingEmptySubsequences: false)
            guard rows.count == n else { throw usageFailure("--inputs: \(rows.count) rows given, --n is \(n)") }
            var xs: [[Expr]] = []
            for (i, row) in rows.enumerated() {
                let entries = row.split(separator: ",", omittingEmptySubsequences: false)
                guard entries.count == d else {
                    throw usageFailure("--inputs: row \(i + 1) has \(entries.count) entries, --d is \(d)")
                }
                var r: [Expr] = []
                for entry in entries {
                    let t = String(entry).trimmingCharacters(in: " ")
                    do { r.append(.constant(try Rational(parsing: t))) } catch {
                        throw usageFailure("--inputs: row \(i + 1): \"\(DecimalSyntax.excerpt(t))\" is not an exact number")
                    }
                }
                xs.append(r)
            }
            let wStar = (1...d).map { Expr.constant(Rational($0 == 1 ? 1 : 0)) }
            data = .teacher(inputs: xs, outputWeight: .one, inputWeights: wStar)
        }
        let model: TwoLayerFlow
        do {
            model = try TwoLayerFlow(activation: sigma, width: m, inputDimension: d, sampleCount: n, data: data, bias: bias)
        } catch { throw usageFailure("\(error)") }
        let field = model.field()

        var lines: [(String, Expr)] = []
        let tex = latex
        func name(_ v: String) -> String { tex ? Expr.variable(v).latex : v }
        /// a_1 → \dot{a}_{1}
        func dotted(_ v: String) -> String {
            let parts = v.split(separator: "_")
            return "\\dot{\(parts[0])}" + (parts.count > 1 ? "_{" + parts.dropFirst().joined(separator: ",") + "}" : "")
        }
        for i in 0..<n {
            for k in 0..<m {
                let u = model.preactivations[i][k]
                if case .variable = u.kind { continue }
                lines.append((name("u_\(i + 1)_\(k + 1)"), u))
            }
        }
        for i in 0..<n {
            lines.append((name("e_\(i + 1)"), model.abbreviated(model.residuals[i], residuals: false)))
        }
        lines.append((tex ? "L" : "L", model.abbreviated(model.loss)))
        for (p, v) in model.parameters.enumerated() {
            lines.append((tex ? dotted(v) : v + "'", model.abbreviated(field[p])))
        }
        if jacobian {
            let J = model.jacobian(of: field)
            for p in 0..<J.count {
                for q in p..<J.count where !J[p][q].isZero {
                    let a = model.parameters[p], b = model.parameters[q]
                    let lhs = tex ? "\\frac{\\partial \(dotted(a))}{\\partial \(name(b))}" : "d(\(a)')/d(\(b))"
                    lines.append((lhs, model.abbreviated(J[p][q])))
                }
            }
        }
        let dataText: String = (inputs == nil ? "symbolic data x_i_j, y_i" : "given inputs, teacher y_i = σ(x_i_1)")
            + (bias ? "; bias b_k = w_k_\(d + 1) (input coordinate \(d + 1) is 1)" : "")
        if tex {
            print("% gradient flow of the two-layer model (proofs/THEORY.md §1), \\sigma(x) = \(sigma.expression.latex), m = \(m), d = \(d), n = \(n), \(dataText)")
            printAligned(lines.map { ($0.0, $0.1.latex) })
        } else {
            print("# gradient flow θ' = -∇L of the two-layer model (proofs/THEORY.md §1), derived symbolically")
            print("# σ(x) = \(sigma.expression); m = \(m), d = \(d), n = \(n); \(dataText)")
            for (lhs, rhs) in lines { print("\(lhs) = \(rhs)") }
        }
    }
}

/// Prints `lhs = rhs` rows as one LaTeX `aligned` environment.
func printAligned(_ rows: [(String, String)]) {
    print("\\begin{aligned}")
    for (k, (lhs, rhs)) in rows.enumerated() {
        print("\(lhs) &= \(rhs)" + (k + 1 < rows.count ? " \\\\" : ""))
    }
    print("\\end{aligned}")
}
