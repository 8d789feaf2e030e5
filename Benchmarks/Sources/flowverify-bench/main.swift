// flowverify-bench: costs of the multiprecision core as ratios against baselines measured in
// the same run (interleaved rounds, best of each), so machine noise cancels.
//
//   fma  256 bits: x.fma(x, a, c) through the Swift in-place API  vs  mpfr_fma in a C loop
//   tanh 256 bits: y.tanh(x); x.tanh(y)                            vs  mpfr_tanh in a C loop
//   tanh 160 bits, the same chain (fv_tanh_rndn, Sources/CTanh)    vs  mpfr_tanh in a C loop
//   generic Double dot+tanh kernel                                 vs  hand-written Double
//   operator API (allocating) a*b+c                                vs  in-place fma
//   compiled 1,000-node arithmetic expression, 256 bits             vs  tree-walking evaluation
//   automatic method, d 50 m 20 n 200 double to t = 400              vs  --method taylor
//   collocation tail with mixed fixed-point iterates, 128 bits      vs  the plain iteration
//   P2 at 256 bits, the collocation's loops on 2 workers            vs  1 worker (same bits)
//   P1 at 256, 1,024, 2,048 bits, the Taylor jets on 2 workers      vs  1 worker (same bits)
//   the same at 512 bits while a spinning thread holds one core      vs  1 worker, same core busy
//   P1's jets at 512 bits on 2 workers, team or alone by cost, busy  vs  the team on every compute
//   recovery verdict on a P2-size cell and on nsep-quick's         vs  plain double integrations;
//     m 2 d 3 n 5 (16 draws each), double fast path: runs per second per core, and the share
//     of draws escalated with their cost
import Foundation
import GradientFlow
import MPFRBaseline
import MultiPrecision
import Symbolic
import Synchronization
import TwoLayerNet

#if canImport(Glibc)
import Glibc
#endif

struct Comparison {
    var name: String
    var baselineName: String
    var target: Double?
    var run: () -> Double        // seconds for one round of the measured code
    var baseline: () -> Double   // seconds for one round of the baseline
    /// Rounds for this comparison (nil: the command line's count).
    var rounds: Int? = nil
}

func seconds(_ body: () -> Void) -> Double {
    let clock = ContinuousClock()
    let d = clock.measure(body)
    return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
}

/// Best of `rounds` interleaved runs of each side.
func measure(_ c: Comparison, rounds: Int) -> (Double, Double) {
    var best = (Double.infinity, Double.infinity)
    for _ in 0..<rounds {
        best.1 = min(best.1, c.baseline())
        best.0 = min(best.0, c.run())
    }
    return best
}

let p256 = try! Precision(bits: 256)
let n = 200_000

func fmaComparison() -> Comparison {
    let x = BigFloat(Rational(numerator: 1, denominator: 3), precision: p256)
    let a = BigFloat(Rational(numerator: 999, denominator: 1000), precision: p256)
    let c = BigFloat(Rational(numerator: 1, denominator: 7), precision: p256)
    return Comparison(
        name: "BigFloat.fma in place, 256 bits", baselineName: "mpfr_fma, C loop", target: 1.15,
        run: { seconds { var x = x; for _ in 0..<n { x.fma(x, a, c) } } },
        baseline: { seconds { baseline_fma_chain(x.mpfr, a.mpfr, c.mpfr, n) } })
}

/// y.tanh(x); x.tanh(y) at `bits` against the same chain of mpfr_tanh calls in C: tanh of a
/// changing argument (from 1/3 down to about 0.01 over the chain). At 256 bits the Swift layer's
/// cost over MPFR's; at 160 bits the fast path's (`fv_tanh_rndn`) against MPFR's.
func tanhComparison(bits: Int, target: Double) -> Comparison {
    let p = try! Precision(bits: bits)
    let x = BigFloat(Rational(numerator: 1, denominator: 3), precision: p)
    let y = BigFloat(precision: p)
    let m = n / 10
    return Comparison(
        name: "BigFloat.tanh in place, \(bits) bits", baselineName: "mpfr_tanh, C loop", target: target,
        run: { seconds { var x = x, y = y; for _ in stride(from: 0, to: m, by: 2) { y.tanh(x); x.tanh(y) } } },
        baseline: { seconds { baseline_tanh_chain(x.mpfr, y.mpfr, m) } })
}

/// The Swift layer over MPFR's tanh (256 bits: no fast path).
func tanhComparison() -> Comparison { tanhComparison(bits: 256, target: 1.15) }

/// The fast path at 160 bits (the 128-bit rung's state, with its 32 guard bits): at most half
/// of mpfr_tanh's time.
func tanh160Comparison() -> Comparison { tanhComparison(bits: 160, target: 0.5) }

@inlinable func dotTanh<S: Scalar>(_ w: [S], _ v: [S], into r: inout S) {
    r.set(0)
    for i in w.indices { r.fma(w[i], v[i], r) }
    r.tanh(r)
}

func genericComparison() -> Comparison {
    var rng = SeededGenerator(seed: 1)
    let w = (0..<64).map { _ in rng.nextUnitDouble() - 0.5 }
    let v = (0..<64).map { _ in rng.nextUnitDouble() - 0.5 }
    var sink = 0.0
    return Comparison(
        name: "generic Scalar dot+tanh, Double", baselineName: "hand-written Double", target: 1.15,
        run: { seconds { for _ in 0..<n / 10 { var r = 0.0; dotTanh(w, v, into: &r); sink += r } } },
        baseline: { seconds {
            for _ in 0..<n / 10 {
                var acc = 0.0
                for i in w.indices { acc = acc.addingProduct(w[i], v[i]) }
                sink += Glibc.tanh(acc)
            }
        } })
}

func operatorComparison() -> Comparison {
    let a = BigFloat(Rational(numerator: 1, denominator: 3), precision: p256)
    let b = BigFloat(Rational(numerator: 2, denominator: 7), precision: p256)
    let c = BigFloat(Rational(numerator: 5, denominator: 11), precision: p256)
    let r = BigFloat(precision: p256)
    return Comparison(
        name: "operator r.set(a*b+c), allocating", baselineName: "in-place r.fma(a, b, c)", target: nil,
        run: { seconds { var r = r; for _ in 0..<n { r.set(a * b + c) } } },
        baseline: { seconds { var r = r; for _ in 0..<n { r.fma(a, b, c) } } })
}

/// A ~1,000-node polynomial in x, y with exact rational coefficients (the shape of a flow
/// field's algebra), evaluated by its compiled register tape and by walking the tree.
func expressionComparison() -> Comparison {
    var rng = SeededGenerator(seed: 3)
    func r() -> Rational { Rational(numerator: Int(rng.next() % 19) - 9, denominator: Int(rng.next() % 7) + 1) }
    var terms: [Expr] = []
    var size = 0
    while size < 1000 {
        let t = Expr.product([.constant(r()), .variable(rng.next() & 1 == 0 ? "x" : "y"),
                              .pow(.variable("x") + .constant(r()), Int(rng.next() % 3) + 1), .variable("y") + .constant(r())])
        terms.append(t)
        size += t.size
    }
    let e = Expr.sum(terms)
    let tape = try! CompiledExpression<BigFloat>(e, variables: ["x", "y"], precision: p256)
    let inputs = [BigFloat(0.375, precision: p256), BigFloat(-1.25, precision: p256)]
    let values = ["x": inputs[0], "y": inputs[1]]
    let m = 20
    return Comparison(
        name: "compiled \(e.size)-node expression, 256 bits", baselineName: "tree-walking Expr.evaluate", target: nil,
        run: { seconds { for _ in 0..<m { tape.run(inputs) } } },
        baseline: { seconds { for _ in 0..<m { _ = try! e.evaluate(at: values, precision: p256) as BigFloat } } })
}

/// The automatic method against the Taylor method alone on a model whose stiff methods' dense
/// P × P algebra (P = 1020) costs far more than its explicit steps: P1's family at d = 50,
/// m = 20, n = 200 in double, to t = 400 (the stiffness policy must not take the slow path).
func automaticMethodComparison() -> Comparison {
    let spec = try! ProblemSpec(json: Data("""
        { "name": "d50-m20-n200", "network": { "width": "20", "inputDimension": "50", "activation": "tanh" },
          "data": { "gaussian": { "n": "200", "seed": "1" } },
          "initialization": { "scale": "1e-30", "gaussian": { "seed": "2", "layerScaleRatio": "1" } },
          "integration": { "until": "400" } }
        """.utf8))
    func run(_ method: FlowOptions.MethodChoice) -> Double {
        var options = ProblemRun.options(for: spec, until: nil)
        options.method = method
        let record = try! ProblemRun.run(spec, precision: nil, options: options)
        precondition(record.status == .reachedTime, "d50 \(method.rawValue): \(record.status)")
        return record.work.wallSeconds
    }
    return Comparison(
        name: "automatic method, d50 m20 n200 double", baselineName: "--method taylor, same problem", target: 1.5,
        run: { run(.automatic) }, baseline: { run(.taylor) }, rounds: 3)
}

/// An nsep-law draw of the kind a sweep escalates (tanh, no bias, Gaussian data and
/// initialization), integrated at 128 bits from its start to t = `until` (1e12, as an escalated
/// attempt is) or convergence: its tail is degenerate (the limit is not a strict minimum).
struct DegenerateTail {
    let width: Int, dimension: Int, n: Int, scale: String, dataSeed: Int, initializationSeed: Int
    var until = "1e12"

    var name: String { "m\(width) d\(dimension) n\(n)" }

    /// The wall seconds of one integration with `configure` applied to the options (`setting`
    /// names it in the printed line of work).
    func run(_ setting: String, _ configure: (inout FlowOptions) -> Void) -> Double {
        let spec = try! ProblemSpec(json: Data("""
            { "name": "degenerate-tail", "network": { "width": "\(width)", "inputDimension": "\(dimension)", "activation": "tanh", "bias": false },
              "data": { "gaussian": { "n": "\(n)", "seed": "\(dataSeed)" } },
              "initialization": { "scale": "\(scale)", "gaussian": { "seed": "\(initializationSeed)", "layerScaleRatio": "1" } },
              "integration": { "until": "\(until)", "stopWhenConverged": true } }
            """.utf8))
        var options = ProblemRun.options(for: spec, until: nil)
        configure(&options)
        let record = try! ProblemRun.run(spec, precision: try! Precision(bits: 128), options: options)
        print("  (m = \(width), d = \(dimension), n = \(n), ε = \(scale), \(setting): \(record.status), "
              + "\(record.work.acceptedSteps) steps, \(record.work.rejectedSteps) rejected, "
              + "\(record.work.fieldEvaluations) field evaluations, \(String(format: "%.1f", record.work.wallSeconds)) s)")
        return record.work.wallSeconds
    }
}

/// The collocation's fixed-point iteration mixed (`AndersonMixing`, depth 4, the default)
/// against the plain iteration. On the first draw (m = 2, d = 3, n = 6) the plain iteration
/// stalls on long steps; the second (n = 7, ε = 1e-30) is one where mixing costs more than it saves.
func collocationMixingComparison(_ draw: DegenerateTail, target: Double?) -> Comparison {
    Comparison(name: "collocation mixed, \(draw.name) 128b", baselineName: "plain fixed-point iteration", target: target,
               run: { draw.run("mixing 4") { $0.collocationMixing = 4 } },
               baseline: { draw.run("mixing 0") { $0.collocationMixing = 0 } }, rounds: 1)
}
let collocationMixingComparisons = [
    { collocationMixingComparison(DegenerateTail(width: 2, dimension: 3, n: 6, scale: "1e-6", dataSeed: 134, initializationSeed: 35), target: 1) },
    { collocationMixingComparison(DegenerateTail(width: 2, dimension: 3, n: 7, scale: "1e-30", dataSeed: 135, initializationSeed: 36), target: nil) },
]

/// The collocation's step-size control limited by the iteration's contraction
/// (`FlowOptions.collocationContraction`, 0.1, the default) against the error estimate alone
/// (0): the first draw as in the mixing comparison, the second an m = 3, d = 2, n = 7 draw that
/// reaches the flow-time guard undecided.
func collocationContractionComparison(_ draw: DegenerateTail, target: Double?) -> Comparison {
    Comparison(name: "contraction-limited steps, \(draw.name)", baselineName: "error estimate alone", target: target,
               run: { draw.run("contraction target 0.1") { $0.collocationContraction = 0.1 } },
               baseline: { draw.run("contraction target 0") { $0.collocationContraction = 0 } }, rounds: 1)
}
let collocationContractionComparisons = [
    { collocationContractionComparison(DegenerateTail(width: 2, dimension: 3, n: 6, scale: "1e-6", dataSeed: 134, initializationSeed: 35), target: 1) },
    { collocationContractionComparison(DegenerateTail(width: 3, dimension: 2, n: 7, scale: "1e-6", dataSeed: 127, initializationSeed: 28), target: 1) },
]

/// The collocation's Newton correction turned on automatically (`CollocationNewtonMode`, the
/// default) against the mixed iteration alone: a saddle-re-decision draw (m = 3, d = 3, n = 10,
/// ε = 1e-30) to t = 3e16, where the plain iteration's contraction caps the steps, and the
/// first contraction draw to 1e12, where the correction turns on in the degenerate tail.
func collocationNewtonComparison(_ draw: DegenerateTail, target: Double?) -> Comparison {
    Comparison(name: "Newton-corrected, \(draw.name) to \(draw.until)", baselineName: "mixed iteration alone", target: target,
               run: { draw.run("newton automatic") { $0.collocationNewton = .automatic } },
               baseline: { draw.run("newton off") { $0.collocationNewton = .off } }, rounds: 1)
}
/// The collocation's Jacobi eigendecompositions started from eigenvectors found in Double
/// (`FlowOptions.eigensystemStartsInDouble`, the default; `SymmetricEigensystem`) against from
/// the identity: an escalated draw of the nsep-law m = 4 pilot (d = 6, n = 18, ε = 1e-6) at 128
/// bits to 1e12, and P2 at 256 bits to 1e6 (P = 12: its eigendecompositions are a small part
/// of its time, so the ratio is for information), whose final states are compared (the largest
/// difference relative to the state's largest entry is printed; the bench fails above 2^−240).
func eigensystemStartComparison(_ draw: DegenerateTail) -> Comparison {
    Comparison(name: "Jacobi started in double, \(draw.name)", baselineName: "from the identity", target: 1,
               run: { draw.run("start in double") { $0.eigensystemStartsInDouble = true } },
               baseline: { draw.run("start from the identity") { $0.eigensystemStartsInDouble = false } }, rounds: 1)
}
func p2EigensystemStartComparison() -> Comparison {
    var states: [Bool: [String]] = [:]
    func run(_ inDouble: Bool) -> Double {
        let (seconds, state) = runP2(inDouble ? "start in double" : "start from the identity") { $0.eigensystemStartsInDouble = inDouble }
        states[inDouble] = state
        if let other = states[!inDouble] {
            let p = try! Precision(bits: 256)
            let a = state.map { try! BigFloat(parsing: $0, precision: p, rounding: .toNearest) }
            let b = other.map { try! BigFloat(parsing: $0, precision: p, rounding: .toNearest) }
            let size = a.map { BigFloat.abs($0) }.max()!
            let difference = zip(a, b).map { BigFloat.abs($0 - $1) }.max()! / size
            print("  (final states: largest difference \(difference.decimal(significantDigits: 3)) of the largest entry)")
            if difference > BigFloat(Rational.pow(Rational(2), -240), precision: p) { print("  FINAL STATES DIFFER"); exit(1) }
        }
        return seconds
    }
    return Comparison(name: "Jacobi started in double, P2 256b to 1e6", baselineName: "from the identity", target: nil,
                      run: { run(true) }, baseline: { run(false) }, rounds: 1)
}
let eigensystemStartComparisons = [
    { eigensystemStartComparison(DegenerateTail(width: 4, dimension: 6, n: 18, scale: "1e-6", dataSeed: 101, initializationSeed: 2)) },
    p2EigensystemStartComparison,
]

/// P1 or P2 (problems/P1.json: ε = 1e-30 to t = 400; problems/P2.json: ε = 1e-6 to t = 1e6 or
/// convergence) at `bits` to `until`, with `configure` applied to the options (`setting` names it
/// in the printed line of work): the wall seconds and the final state.
func runProblem(_ name: String, bits: Int, until: String, _ setting: String,
                _ configure: (inout FlowOptions) -> Void) -> (seconds: Double, state: [String]) {
    let spec = problemSpec(name, until: until)
    var options = ProblemRun.options(for: spec, until: nil)
    configure(&options)
    let record = try! ProblemRun.run(spec, precision: try! Precision(bits: bits), options: options)
    print("  (\(name), \(bits) bits to \(until), \(setting): \(record.status), \(record.work.acceptedSteps) steps, "
          + "\(record.work.fieldEvaluations) field evaluations, \(String(format: "%.1f", record.work.wallSeconds)) s)")
    return (record.work.wallSeconds, record.finalState)
}

/// The spec of P1 or P2 to `until` (`runProblem`).
func problemSpec(_ name: String, until: String) -> ProblemSpec {
    let scale = name == "P1" ? "1e-30" : "1e-6"
    return try! ProblemSpec(json: Data("""
        { "name": "\(name)", "network": { "width": "2", "inputDimension": "5", "activation": "tanh", "bias": false },
          "target": { "outputWeight": "1", "inputWeights": ["1", "0", "0", "0", "0"] },
          "data": { "gaussian": { "n": "8", "d": "5", "seed": "1" } },
          "initialization": { "scale": "\(scale)", "gaussian": { "seed": "2", "layerScaleRatio": "1" } },
          "integration": { "until": "\(until)", "stopWhenConverged": \(name == "P2") } }
        """.utf8))
}

/// P2 at 256 bits to t = 1e6 (`runProblem`).
func runP2(_ setting: String, _ configure: (inout FlowOptions) -> Void) -> (seconds: Double, state: [String]) {
    runProblem("P2", bits: 256, until: "1e6", setting, configure)
}

/// P2 with the Newton correction forced on against off: its tail's iteration contracts fast,
/// so `.automatic` leaves it off; this measures why.
func p2NewtonComparison() -> Comparison {
    Comparison(name: "Newton forced on, P2 256b to 1e6", baselineName: "off (what automatic does)", target: nil,
               run: { runP2("newton on") { $0.collocationNewton = .on }.seconds },
               baseline: { runP2("newton off") { $0.collocationNewton = .off }.seconds }, rounds: 1)
}

/// P2 with the collocation's loops on 2 threads (`FlowOptions.workers`) against 1; the final
/// states must be the same bits (`CollocationLanes`), and the bench fails if they are not.
func p2WorkersComparison() -> Comparison {
    var states: [Int: [String]] = [:]
    func run(_ workers: Int) -> Double {
        let (seconds, state) = runP2("\(workers) workers") { $0.workers = workers }
        if let first = states[3 - workers], first != state { print("  FINAL STATES DIFFER between 1 and 2 workers"); exit(1) }
        states[workers] = state
        return seconds
    }
    return Comparison(name: "collocation on 2 workers, P2 256b", baselineName: "1 worker, same bits", target: 0.9,
                      run: { run(2) }, baseline: { run(1) })
}

/// The Taylor jets' levels on 2 threads (`TaylorJets.threadCount`, from `FlowOptions.workers`)
/// against 1, P1 at `bits` to `until`; the final states must be the same bits, and the bench
/// fails if they are not.
func jetsWorkersComparison(bits: Int, until: String) -> Comparison {
    var states: [Int: [String]] = [:]
    func run(_ workers: Int) -> Double {
        let (seconds, state) = runProblem("P1", bits: bits, until: until, "\(workers) workers") { $0.workers = workers }
        if let first = states[3 - workers], first != state { print("  FINAL STATES DIFFER between 1 and 2 workers"); exit(1) }
        states[workers] = state
        return seconds
    }
    return Comparison(name: "jets on 2 workers, P1 \(bits)b to \(until)", baselineName: "1 worker, same bits", target: 0.9,
                      run: { run(2) }, baseline: { run(1) }, rounds: bits > 1024 ? 1 : nil)
}
let jetsWorkersComparisons = [
    { jetsWorkersComparison(bits: 256, until: "400") }, { jetsWorkersComparison(bits: 1024, until: "400") },
    { jetsWorkersComparison(bits: 2048, until: "50") },
]

/// A thread of this process that spins until it is stopped, as another process that holds a
/// core of this 2-core machine.
final class BusyCore: Sendable {
    let stopping = Atomic<Bool>(false)
    let stopped = DispatchSemaphore(value: 0)

    init() { Thread { [self] in spin() }.start() }

    private func spin() {
        while !stopping.load(ordering: .relaxed) {}
        stopped.signal()
    }

    func stop() {
        stopping.store(true, ordering: .relaxed)
        stopped.wait()
    }
}

/// Runs `body` while a `BusyCore` spins.
func whileACoreIsBusy<T>(_ body: () -> T) -> T {
    let core = BusyCore()
    defer { core.stop() }
    return body()
}

/// 40 computes of P1's jets at 512 bits (order 179, at θ̂₀, the unscaled initial direction) on
/// 2 workers while a core is busy, each compute on the team or alone by measured cost
/// (`TeamChoice`), against the team on every compute: what the choice saves.
func busyCoreTeamChoiceComparison() -> Comparison {
    let p = try! Precision(bits: 512)
    let problem: Problem<BigFloat> = try! problemSpec("P1", until: "400").instantiate(precision: p)
    let order = TaylorStepSize.order(toleranceBits: p.bits)
    func computes(byCost: Bool) -> Double {
        var jets = TaylorJets(network: problem.network, data: problem.data, precision: p, threadCount: 2)
        jets.truncatesCoefficients = true
        jets.choosesTeamByCost = byCost
        return whileACoreIsBusy { seconds { for _ in 0..<40 { jets.compute(at: problem.initialDirection, order: order) } } }
    }
    return Comparison(name: "jets by cost, 1 core busy, 512b", baselineName: "the team on every compute", target: 0.95,
                      run: { computes(byCost: true) }, baseline: { computes(byCost: false) })
}

/// `jetsWorkersComparison` at 512 bits while a core is busy: each compute of the jets runs on
/// the team or on the caller alone, whichever has been cheaper (`TeamChoice`), so 2 workers
/// should cost about what 1 costs (a team that waits on a descheduled helper costs more).
func busyCoreJetsComparison() -> Comparison {
    var c = jetsWorkersComparison(bits: 512, until: "400")
    c.name = "jets on 2 workers, 1 core busy, P1 512b"
    c.target = 1.1
    let run = c.run, baseline = c.baseline
    c.run = { whileACoreIsBusy(run) }
    c.baseline = { whileACoreIsBusy(baseline) }
    return c
}

let collocationNewtonComparisons = [
    { collocationNewtonComparison(DegenerateTail(width: 3, dimension: 3, n: 10, scale: "1e-30", dataSeed: 108, initializationSeed: 9,
                                                 until: "3e16"), target: 1) },
    { collocationNewtonComparison(DegenerateTail(width: 2, dimension: 3, n: 6, scale: "1e-6", dataSeed: 134, initializationSeed: 35), target: nil) },
    p2NewtonComparison,
]

// flowverify-bench [ROUNDS] [recovery | mixing | contraction | newton | eigen | workers | jets | busy]:
// "recovery" runs the recovery-cell benchmark alone, "mixing" the collocation-mixing comparison
// alone, "contraction" the collocation step-control comparison alone, "newton" the collocation's
// Newton correction alone, "eigen" its eigendecompositions started in double alone, "workers" P2 on
// 2 threads against 1, "jets" P1's Taylor jets on 2 threads against 1 at 256, 1,024 and 2,048
// bits, "busy" the same at 512 bits while a spinning thread holds a core, and the jets' choice
// by cost against the team on every compute, "tanh" the two tanh comparisons (256 and 160 bits).
let roundsArgument = CommandLine.arguments.dropFirst().first
let rounds = roundsArgument.map { Int($0) ?? 0 } ?? 15
guard rounds >= 1 else {
    FileHandle.standardError.write(Data("flowverify-bench: ROUNDS must be a positive integer, not '\(roundsArgument ?? "")'\n".utf8))
    exit(64)
}
let only = CommandLine.arguments.dropFirst(2).first
/// The modes that run some comparisons alone (no recovery cells after them).
let collocationModes: Set = ["mixing", "contraction", "newton", "eigen", "workers", "jets", "busy", "tanh"]
let modes = collocationModes.union(["recovery"])
if let only, !modes.contains(only) {
    // An unknown mode must not fall through to the whole bench (an hour on this machine).
    FileHandle.standardError.write(Data("flowverify-bench: unknown mode '\(only)' (one of \(modes.sorted().joined(separator: ", ")))\n".utf8))
    exit(64)
}
print("flowverify-bench: \(rounds) interleaved rounds, best of each; MPFR \(LibraryVersions.mpfr)")
print("measured".padding(toLength: 40, withPad: " ", startingAt: 0), "baseline".padding(toLength: 28, withPad: " ", startingAt: 0), "ratio", " target")
/// One line of the table; false when the ratio is over the comparison's target.
@discardableResult
func printRow(_ c: Comparison, ratio: Double) -> Bool {
    let verdict = c.target.map { ratio <= $0 ? "≤ \($0) ok" : "> \($0) OVER" } ?? "(information)"
    print(c.name.padding(toLength: 40, withPad: " ", startingAt: 0),
          c.baselineName.padding(toLength: 28, withPad: " ", startingAt: 0),
          String(format: "%.3f", ratio), " ", verdict)
    return c.target.map { ratio <= $0 } ?? true
}

var failed = false
let comparisons: [() -> Comparison] = only == "recovery" ? [] : only == "mixing" ? collocationMixingComparisons
    : only == "contraction" ? collocationContractionComparisons : only == "newton" ? collocationNewtonComparisons
    : only == "eigen" ? eigensystemStartComparisons : only == "tanh" ? [tanhComparison, tanh160Comparison]
    : only == "workers" ? [p2WorkersComparison] : only == "jets" ? jetsWorkersComparisons
    : only == "busy" ? [busyCoreJetsComparison, busyCoreTeamChoiceComparison]
    : [fmaComparison, tanhComparison, tanh160Comparison, genericComparison, operatorComparison, expressionComparison,
       automaticMethodComparison] + collocationMixingComparisons + collocationContractionComparisons + collocationNewtonComparisons
       + eigensystemStartComparisons + [p2WorkersComparison] + jetsWorkersComparisons + [busyCoreJetsComparison, busyCoreTeamChoiceComparison]
for c in comparisons.map({ $0() }) {
    let (t, b) = measure(c, rounds: min(rounds, c.rounds ?? rounds))
    if !printRow(c, ratio: t / b) { failed = true }
    if c.name.hasPrefix("compiled") { print("  (the compiled tape: \(String(format: "%.1f", t / 20 * 1e6)) µs per evaluation)") }
    if c.name.hasPrefix("automatic") { print("  (best run: automatic \(String(format: "%.2f", t)) s, taylor \(String(format: "%.2f", b)) s)") }
}
for cell in collocationModes.contains(only ?? "") ? [] : RecoveryCellBenchmark.cells { cell.run(rounds: min(rounds, 5)) }
exit(failed ? 1 : 0)
