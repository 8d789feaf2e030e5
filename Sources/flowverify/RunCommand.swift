import ArgumentParser
import Foundation
import GradientFlow
import MultiPrecision
import Reports
import TwoLayerNet

/// `--method` lists the integrator's choices in --help, whatever cases the engine defines.
extension FlowOptions.MethodChoice: ExpressibleByArgument {}
extension CollocationNewtonMode: ExpressibleByArgument {}

/// `--until converged|T`: T finite and positive within Double's range, parsed once here.
extension ProblemSpec.Horizon: ExpressibleByArgument {
    public init?(argument: String) {
        if argument == "converged" { self = .converged; return }
        guard let t = try? DecimalNumber(argument), t.isPositive, t.doubleValue.isFinite else { return nil }
        self = .time(t, stopWhenConverged: false)
    }
}

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Integrate the gradient flow of a problem file and write the run as JSON.",
        discussion: """
            The problem file's schema is in problems/README.md; every number is a decimal string. \
            The run record holds trajectory samples, events (escape at ‖θ‖ = δ, convergence), the \
            final state as full-precision decimal strings, the final loss, the population risk, \
            C(θ) at start, escape and end, the work done and provenance. A run whose final state, \
            loss or risk is not finite fails (status failed-non-finite-…, exit 1). \
            \(ExitStatus.helpText) On 64, 65 and 73 nothing is written.
            """
    )

    @OptionGroup var input: ProblemInput

    @Option(help: ArgumentHelp("Integrate to flow time T (finite, positive, within Double's range), or until 'converged' (overrides the file).", valueName: "converged|T"))
    var until: ProblemSpec.Horizon?

    @Option(help: ArgumentHelp("Write the run record here (atomically; only a regular file is replaced); without it, print it.", valueName: "RUN.json"))
    var out: String?

    @Option(help: ArgumentHelp("Integrator: automatic (Taylor, implicit extrapolation or collocation when stiff), or one method forced: taylor (hand-written activations), explicit (midpoint extrapolation), implicit-midpoint or implicit-euler (linearly implicit extrapolation), collocation (multiple precision only)."))
    var method: FlowOptions.MethodChoice = .automatic

    @Option(help: ArgumentHelp("Local tolerance 2^-bits relative to ‖θ‖: 8...52 in double, 8...p+32 at p bits (default: tied to the precision).", valueName: "bits"))
    var toleranceBits: Int?

    @Option(help: ArgumentHelp("Wall-clock guard in seconds (1...1000000): past it the run ends as not-converged-wall-clock-limit, exit 2.", valueName: "seconds"))
    var timeLimit: Int = 3_600

    @Option(help: ArgumentHelp("When the exponential collocation corrects its fixed-point iteration by Newton's method: automatic (from the first accepted step whose iteration contracted by less than \(CollocationNewtonMode.activation) per update), off, or on (from the first step).", valueName: "mode"))
    var collocationNewton: CollocationNewtonMode = FlowOptions().collocationNewton

    @Option(help: ArgumentHelp("Past iterates the collocation's fixed-point iteration mixes (Anderson mixing), 0...16; 0: the plain iteration.", valueName: "depth"))
    var collocationMixing: Int = FlowOptions().collocationMixing

    @Option(help: ArgumentHelp("The contraction per update the collocation's step-size control aims its iteration at, 0 ≤ c < 1; 0: the error estimate alone.", valueName: "c"))
    var collocationContraction: Double = FlowOptions().collocationContraction

    @Option(help: ArgumentHelp("Threads at multiple precision, 1...64, for the exponential collocation of the stiff tail and (at most the active cores) for the Taylor jets: the results are the same bits for any number. Default: the active cores, at most 8.", valueName: "n"))
    var workers: Int = min(8, ProcessInfo.processInfo.activeProcessorCount)

    @Flag(help: "No progress on standard error.")
    var quiet = false

    func validate() throws {
        guard (1...64).contains(workers) else { throw ValidationError("--workers: \(workers) is outside 1...64") }
        guard (0...16).contains(collocationMixing) else {
            throw ValidationError("--collocation-mixing: \(collocationMixing) is outside 0...16")
        }
        guard collocationContraction >= 0, collocationContraction < 1 else {
            throw ValidationError("--collocation-contraction: \(collocationContraction) is outside 0 ≤ c < 1")
        }
        guard (1...1_000_000).contains(timeLimit) else {
            throw ValidationError("--time-limit: \(timeLimit) is outside 1...1000000 seconds")
        }
        if let bits = toleranceBits {
            let top = try input.workingPrecision().map { $0.bits + 32 } ?? 52
            guard (8...top).contains(bits) else {
                throw ValidationError("--tolerance-bits: \(bits) is outside 8...\(top) at this precision")
            }
        }
    }

    func run() throws {
        let spec = try input.load()
        let precision = try input.workingPrecision()
        try input.checkMemory(spec, jetOrder: jetOrder(precision), denseMatrices: denseMatrices(precision),
                              collocationDegree: precision.flatMap { mayCollocate ? FlowOptions.collocationDegree(for: $0) : nil },
                              workers: workers)
        let outURL = out.map { URL(fileURLWithPath: $0) }
        if let outURL {
            do { try OutputFile.check(outURL) } catch { throw CommandFailure.output(error.description) }
        }
        var options = ProblemRun.options(for: spec, until: until)
        options.method = method
        options.toleranceBits = toleranceBits
        options.maximumWallSeconds = Double(timeLimit)
        options.workers = workers
        options.collocationNewton = collocationNewton
        options.collocationMixing = collocationMixing
        options.collocationContraction = collocationContraction
        let record = try integrate(spec, precision, options)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let json = try encoder.encode(record)
        if let outURL {
            do { try OutputFile.write(json, to: outURL) } catch { throw CommandFailure.output(error.description) }
            print("\(record.status.rawValue): t = \(short(record.finalTime)), loss = \(short(record.finalLoss)), \(record.work.acceptedSteps) steps, \(String(format: "%.2f", record.work.wallSeconds)) s → \(outURL.path)")
        } else {
            print(String(decoding: json, as: UTF8.self))
        }
        switch record.status {
        case let status where status.isComplete: return
        case let status where status.isIncomplete: throw ExitCode(2)
        case .nonFinite(let quantity, let time):
            throw CommandFailure.failed("the run's \(quantity.rawValue) is not finite at t = \(time) (status \(record.status.rawValue))")
        default: throw CommandFailure.failed("the integration failed: \(record.status.rawValue) at t = \(short(record.finalTime))")
        }
    }

    /// The integration itself; a problem that cannot be instantiated at this precision is
    /// bad input (65).
    private func integrate(_ spec: ProblemSpec, _ precision: Precision?, _ options: FlowOptions) throws -> RunRecord {
        let display = Progress()
        let progress: ((FlowProgress) -> Void)? = quiet ? nil : { display.report($0) }
        defer { if !quiet, isatty(2) != 0 { FileHandle.standardError.write(Data("\n".utf8)) } }
        let name = DecimalSyntax.excerpt(input.problem)
        do {
            return try ProblemRun.run(spec, precision: precision, options: options, problemFile: input.problem, progress: progress)
        } catch let error as ProblemError {
            throw CommandFailure.input("\(name): \(error)")
        } catch let error as FlowError {
            throw CommandFailure.input("\(name): \(error)")
        }
    }

    /// The Taylor order the tolerance implies (its jets are the largest per-sample buffers).
    private func jetOrder(_ p: Precision?) -> Int {
        TaylorStepSize.order(toleranceBits: toleranceBits ?? p.map { $0.bits + 32 } ?? 47) + 1
    }

    /// Dense P × P matrices the integrator allocates: the Jacobian in the working scalar and in
    /// Double, the extrapolation stepper's Jacobian and LU factors; exponential collocation
    /// (automatic or forced, at multiple precision) adds its Jacobian, its eigendecomposition's
    /// four (A, Q and two products of its start in Double) and that start's matrices in Double
    /// (`SymmetricEigensystem`; five P × P doubles, counted as one).
    private func denseMatrices(_ p: Precision?) -> Int { 4 + (p != nil && mayCollocate ? 6 : 0) }

    /// The method may take exponential collocation steps (at multiple precision).
    private var mayCollocate: Bool { method == .automatic || method == .exponentialCollocation }

    private func short(_ text: String) -> String {
        (try? BigFloat(parsing: text, precision: .double)).map { $0.decimal(significantDigits: 6) } ?? DecimalSyntax.excerpt(text)
    }
}

/// Progress on standard error: one line rewritten in place on a terminal, a line every 10 s
/// otherwise (logs, Slurm).
final class Progress: @unchecked Sendable {
    private var last = ContinuousClock.now
    private let terminal = isatty(2) != 0

    func report(_ p: FlowProgress) {
        let now = ContinuousClock.now
        if !terminal, now - last < .seconds(10) { return }
        last = now
        let line = String(format: "t = %-12.6g loss = %-12.4g steps = %-7d %@", p.time, p.loss, p.steps, p.method)
        FileHandle.standardError.write(Data((terminal ? "\r" + line : line + "\n").utf8))
    }
}
