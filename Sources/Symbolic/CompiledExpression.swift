import MultiPrecision

/// A reusable evaluator: one or more expressions (e.g. the flow field −∇L of proofs/THEORY.md §1
/// and its Jacobian) compiled to a flat instruction tape over registers preallocated at a
/// fixed precision. Evaluation walks the tape with the in-place API (`x.add(a, b)`,
/// `x.fma(a, b, c)`, `x.tanh(a)`, …): no parsing, no tree walk, no dictionary and no
/// allocation per call. Common subexpressions (structurally equal subtrees, across all the
/// expressions) are computed once; rational constants, π and e are rounded once, at compile
/// time.
///
/// Rounding: each instruction rounds once to nearest; `c·x + acc` in a sum is one fused
/// multiply-add, `x/y` one division. Results therefore agree with the tree-walking
/// `Expr.evaluate` to within a few units in the last place, not bit for bit.
///
/// Not thread-safe: the registers are state. Use one instance per thread.
public final class CompiledExpression<S: Scalar> {
    /// The input variables, in the order `run(_:)` expects their values.
    public let variables: [String]
    /// The working precision of every register.
    public let precision: Precision
    /// The number of compiled expressions.
    public var outputCount: Int { outputs.count }
    /// The number of instructions executed per evaluation.
    public var instructionCount: Int { program.count }
    /// The number of registers (inputs, constants, intermediates).
    public var registerCount: Int { registers.count }

    private var registers: [S]
    private let program: [TapeInstruction]
    private let outputs: [Int]
    private let zero: Int, one: Int

    /// Compiles `expressions` with inputs `variables` at `precision`.
    /// - Throws: `SymbolicError.unboundVariable` for a variable not in `variables`.
    public init(_ expressions: [Expr], variables: [String], precision: Precision) throws(SymbolicError) {
        self.variables = variables
        self.precision = precision
        var builder = Builder(variables: variables)
        var outs: [Int] = []
        for e in expressions { outs.append(try builder.emit(e)) }
        program = builder.program
        outputs = outs
        zero = builder.zeroRegister
        one = builder.oneRegister
        var regs: [S] = []
        regs.reserveCapacity(builder.registerCount)
        for i in 0..<builder.registerCount {
            switch builder.constants[i] {
            case .some(.rational(let r)): regs.append(S(r, precision: precision))
            case .some(.pi): regs.append(ScalarConstants.pi(S.self, precision: precision))
            case .some(.e): regs.append(ScalarConstants.e(S.self, precision: precision))
            case .some(.nan): regs.append(S(0, precision: precision) / S(0, precision: precision))
            case .none: regs.append(S(0, precision: precision))
            }
        }
        registers = regs
    }

    /// Compiles one expression.
    public convenience init(_ expression: Expr, variables: [String], precision: Precision) throws(SymbolicError) {
        try self.init([expression], variables: variables, precision: precision)
    }

    /// Evaluates every compiled expression at `inputs` (one value per variable, rounded to
    /// `precision` on entry); read the results with `output(_:)`.
    @_specialize(where S == BigFloat)
    @_specialize(where S == Double)
    public func run(_ inputs: [S]) {
        precondition(inputs.count == variables.count, "expected \(variables.count) inputs")
        let zero = self.zero, one = self.one
        registers.withUnsafeMutableBufferPointer { r in
            for i in inputs.indices { r[i].set(inputs[i]) }
            for op in program {
                switch op {
                case .copy(let d, let a): r[d].set(r[a])
                case .add(let d, let a, let b): r[d].add(r[a], r[b])
                case .sub(let d, let a, let b): r[d].sub(r[a], r[b])
                case .mul(let d, let a, let b): r[d].mul(r[a], r[b])
                case .div(let d, let a, let b): r[d].div(r[a], r[b])
                case .fma(let d, let a, let b, let c): r[d].fma(r[a], r[b], r[c])
                case .neg(let d, let a): r[d].neg(r[a])
                case .sqr(let d, let a): r[d].sqr(r[a])
                case .sqrt(let d, let a): r[d].sqrt(r[a])
                case .recip(let d, let a): r[d].div(r[one], r[a])
                case .powInt(let d, let a, let n, let s):
                    r[s].set(r[a])
                    r[d].set(1)
                    var k = n.magnitude
                    while k > 0 {
                        if k & 1 == 1 { r[d].mul(r[d], r[s]) }
                        k >>= 1
                        if k > 0 { r[s].sqr(r[s]) }
                    }
                    if n < 0 { r[d].div(r[one], r[d]) }
                case .powReal(let d, let a, let e):
                    r[d].log(r[a]); r[d].mul(r[d], r[e]); r[d].exp(r[d])
                case .exp(let d, let a): r[d].exp(r[a])
                case .log(let d, let a): r[d].log(r[a])
                case .tanh(let d, let a): r[d].tanh(r[a])
                case .sinh(let d, let a): r[d].sinh(r[a])
                case .cosh(let d, let a): r[d].cosh(r[a])
                case .sech(let d, let a): r[d].cosh(r[a]); r[d].div(r[one], r[d])
                case .relu(let d, let a):
                    if r[a] > r[zero] || r[a].isNaN { r[d].set(r[a]) } else { r[d].set(0) }
                case .leakyRelu(let d, let a, let s):
                    if r[a] > r[zero] || r[a].isNaN { r[d].set(r[a]) } else { r[d].mul(r[a], r[s]) }
                case .abs(let d, let a): r[d].abs(r[a])
                case .heaviside(let d, let a):
                    if r[a].isNaN { r[d].set(r[a]) } else { r[d].set(r[a] > r[zero] ? 1 : 0) }
                case .sign(let d, let a):
                    if r[a].isNaN { r[d].set(r[a]) } else { r[d].set(r[a] > r[zero] ? 1 : (r[a] < r[zero] ? -1 : 0)) }
                }
            }
        }
    }

    /// The k-th result of the last `run`. For `BigFloat` this is the register itself (shared
    /// storage, overwritten by the next run): copy it to keep it.
    public func output(_ k: Int) -> S { registers[outputs[k]] }

    /// Runs and returns the first result (a register for `BigFloat`; see `output(_:)`).
    public func evaluate(_ inputs: [S]) -> S {
        run(inputs)
        return output(0)
    }

    /// Runs and writes every result into `results` (which must hold `outputCount` registers
    /// of the caller's own), allocating nothing.
    public func evaluate(_ inputs: [S], into results: inout [S]) {
        run(inputs)
        for k in outputs.indices { results[k].set(registers[outputs[k]]) }
    }
}

// MARK: Code generation

/// One instruction of a `CompiledExpression` tape (register indices).
enum TapeInstruction {
    case copy(Int, Int)
    case add(Int, Int, Int), sub(Int, Int, Int), mul(Int, Int, Int), div(Int, Int, Int)
    /// d ← a·b + c
    case fma(Int, Int, Int, Int)
    case neg(Int, Int), sqr(Int, Int), sqrt(Int, Int), recip(Int, Int)
    /// d ← a^n (n ≠ 0, 1), scratch register s
    case powInt(Int, Int, Int, Int)
    /// d ← exp(r·log a), r in register
    case powReal(Int, Int, Int)
    case exp(Int, Int), log(Int, Int), tanh(Int, Int), sinh(Int, Int), cosh(Int, Int), sech(Int, Int)
    case relu(Int, Int), leakyRelu(Int, Int, Int), abs(Int, Int), heaviside(Int, Int), sign(Int, Int)
}


private enum ConstantValue { case rational(Rational), pi, e, nan }

private struct Builder {
    var program: [TapeInstruction] = []
    var constants: [ConstantValue?] = []
    var registerCount = 0
    var variableRegister: [String: Int] = [:]
    var memo: [Expr: Int] = [:]
    var rationalRegister: [Rational: Int] = [:]
    var zeroRegister = 0, oneRegister = 0
    var piRegister: Int?, eRegister: Int?, nanRegister: Int?

    init(variables: [String]) {
        for v in variables {
            let r = newRegister()
            if variableRegister[v] == nil { variableRegister[v] = r }
        }
        zeroRegister = constant(Rational(0))
        oneRegister = constant(Rational(1))
    }

    mutating func newRegister(_ c: ConstantValue? = nil) -> Int {
        constants.append(c)
        registerCount += 1
        return registerCount - 1
    }

    mutating func constant(_ r: Rational) -> Int {
        if let k = rationalRegister[r] { return k }
        let k = newRegister(.rational(r))
        rationalRegister[r] = k
        return k
    }

    mutating func emit(_ e: Expr) throws(SymbolicError) -> Int {
        if let k = memo[e] { return k }
        let k: Int
        switch e.kind {
        case .constant(let r): k = constant(r)
        case .pi:
            if piRegister == nil { piRegister = newRegister(.pi) }
            k = piRegister!
        case .e:
            if eRegister == nil { eRegister = newRegister(.e) }
            k = eRegister!
        case .undefined:
            if nanRegister == nil { nanRegister = newRegister(.nan) }
            k = nanRegister!
        case .variable(let name):
            guard let r = variableRegister[name] else { throw .unboundVariable(name) }
            k = r
        case .sum(let ts):
            var acc = try emit(ts[0])
            for t in ts.dropFirst() {
                let d = newRegister()
                if case .product(let fs) = t.kind, fs.count == 2, case .constant(let c) = fs[0].kind {
                    let x = try emit(fs[1])
                    program.append(.fma(d, constant(c), x, acc))
                } else {
                    program.append(.add(d, acc, try emit(t)))
                }
                acc = d
            }
            k = acc
        case .product(let fs):
            var coefficient = Rational(1)
            var numerator: [Expr] = [], denominator: [Expr] = []
            for f in fs {
                if case .constant(let c) = f.kind { coefficient = c; continue }
                if case .power(let b, let r) = f.kind, r.signum < 0 {
                    denominator.append(.power(b, -r))
                } else {
                    numerator.append(f)
                }
            }
            var num: Int? = nil
            for f in numerator {
                let x = try emit(f)
                if let a = num {
                    let d = newRegister(); program.append(.mul(d, a, x)); num = d
                } else { num = x }
            }
            var den: Int? = nil
            for f in denominator {
                let x = try emit(f)
                if let a = den {
                    let d = newRegister(); program.append(.mul(d, a, x)); den = d
                } else { den = x }
            }
            var result: Int
            if let n = num, let dn = den {
                result = newRegister(); program.append(.div(result, n, dn))
            } else if let n = num {
                result = n
            } else {
                result = newRegister(); program.append(.recip(result, den!))
            }
            if coefficient == Rational(-1) {
                let d = newRegister(); program.append(.neg(d, result)); result = d
            } else if coefficient != Rational(1) {
                let d = newRegister(); program.append(.mul(d, constant(coefficient), result)); result = d
            }
            k = result
        case .power(let b, let r):
            let x = try emit(b)
            k = newRegister()
            if let n = r.intValue {
                switch n {
                case 2: program.append(.sqr(k, x))
                case -1: program.append(.recip(k, x))
                default: program.append(.powInt(k, x, n, newRegister()))
                }
            } else if let (a, q) = r.intParts, q == 2 {
                if a == 1 {
                    program.append(.sqrt(k, x))
                } else {
                    let s = newRegister()
                    program.append(.sqrt(s, x))
                    program.append(.powInt(k, s, a, newRegister()))
                }
            } else {
                program.append(.powReal(k, x, constant(r)))
            }
        case .apply(let f, let a):
            let x = try emit(a)
            k = newRegister()
            switch f {
            case .exp: program.append(.exp(k, x))
            case .log: program.append(.log(k, x))
            case .tanh: program.append(.tanh(k, x))
            case .sinh: program.append(.sinh(k, x))
            case .cosh: program.append(.cosh(k, x))
            case .sech: program.append(.sech(k, x))
            case .relu: program.append(.relu(k, x))
            case .leakyRelu(let s): program.append(.leakyRelu(k, x, constant(s)))
            case .abs: program.append(.abs(k, x))
            case .heaviside: program.append(.heaviside(k, x))
            case .sign: program.append(.sign(k, x))
            }
        }
        memo[e] = k
        return k
    }
}
