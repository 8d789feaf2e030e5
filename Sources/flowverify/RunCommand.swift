import ArgumentParser
import Foundation
import GradientFlow
import MultiPrecision
import TwoLayerNet

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Integrate the gradient flow of a problem file and write the run as JSON.",
        discussion: """
            The problem file's schema is in problems/README.md; every number is a decimal string. \
            The run record holds trajectory samples, events (escape at ‖θ‖ = δ, convergence), the \
            final state as full-precision decimal strings, the final loss, the population risk, \
            C(θ) at start, escape and end, the work done and provenance. Exit codes: 0 the run \
            reached its horizon or converged; 2 a guard ended it first (not converged); 1 the \
            integration failed; 64 and above bad input (nothing is written).
            """
    )

    @OptionGroup var input: ProblemInput

    @Option(help: ArgumentHelp("Integrate to flow time T, or until 'converged' (overrides the file).", valueName: "converged|T"))
    var until: String?

    @Option(help: ArgumentHelp("Write the run record here (atomically); without it, print it.", valueName: "RUN.json"))
    var out: String?

    @Option(help: ArgumentHelp("Integrator: automatic (Taylor, implicit extrapolation when stiff), taylor, explicit or implicit (extrapolation).", valueName: "method"))
    var method: String = "automatic"

    @Option(help: ArgumentHelp("Local tolerance 2^-bits relative to ‖θ‖ (default: tied to the precision).", valueName: "bits"))
    var toleranceBits: Int?

    @Flag(help: "No progress on standard error.")
    var quiet = false

    func validate() throws {
        guard FlowOptions.MethodChoice(rawValue: method) != nil else {
            throw ValidationError("--method: \"\(method)\" is not one of automatic, taylor, explicit, implicit")
        }
        if let t = until, t != "converged", (try? BigFloat(parsing: t, precision: .double)).map({ !($0 > BigFloat(0)) }) ?? true {
            throw ValidationError("--until: \"\(t)\" is neither a positive time nor 'converged'")
        }
    }

    func run() throws {
        let spec = try input.load()
        let problem = input.problem
        var options = ProblemRun.options(for: spec, until: until)
        options.method = FlowOptions.MethodChoice(rawValue: method)!
        options.toleranceBits = toleranceBits
        let display = Progress()
        let progress: ((FlowProgress) -> Void)? = quiet ? nil : { display.report($0) }
        let record: RunRecord
        do {
            record = try ProblemRun.run(spec, precision: try input.workingPrecision(), options: options,
                                        problemFile: problem, progress: progress)
        } catch let error as ProblemError {
            throw InputError("\(problem): \(error)")
        } catch let error as FlowError {
            throw InputError("\(problem): \(error)")
        }
        if !quiet, isatty(2) != 0 { FileHandle.standardError.write(Data("\n".utf8)) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let json = try encoder.encode(record)
        if let out {
            do { try json.write(to: URL(fileURLWithPath: out), options: .atomic) } catch {
                throw InputError("cannot write \(out): \(error.localizedDescription)")
            }
            func short(_ text: String) -> String {
                (try? BigFloat(parsing: text, precision: .double)).map { $0.decimal(significantDigits: 6) } ?? text
            }
            print("\(record.status): t = \(short(record.finalTime)), loss = \(short(record.finalLoss)), \(record.work.acceptedSteps) steps, \(String(format: "%.2f", record.work.wallSeconds)) s → \(out)")
        } else {
            print(String(decoding: json, as: UTF8.self))
        }
        switch record.status {
        case "reached-time", "converged": return
        case let s where s.hasPrefix("not-converged"): throw ExitCode(2)
        default: throw ExitCode(1)
        }
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
