import ArgumentParser
import Foundation
import GradientFlow
import MultiPrecision
import Reports
import Verification

struct RecoveryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recovery",
        abstract: "Judge a finished run: recovered, not recovered or undecided, by the sweeps' rule.",
        discussion: """
            Applies the recovery rule of proofs/recovery.md to the end state of RUN.json, written \
            by `flowverify run` on PROBLEM.json, at the run's own precision, with the tail rates \
            fitted on the record's samples: for example a sweep run that reached the flow-time \
            guard at a saddle, integrated on with `flowverify run PROBLEM.json --precision 128 \
            --until 1e19 --out RUN.json` (`flowverify sweep` stores each run's problem). The \
            record must be of this problem: same data and initialization, and the same loss at \
            its end state. Prints the verdict (JSON: outcome, reason, evidence), or writes it to \
            --out. Exit codes: 0 decided (recovered or not recovered), 2 undecided, 64 bad \
            command line, 65 bad input (a problem file or run record that cannot be read, a \
            failed run, a record of another problem, a problem above --memory-limit), 73 --out \
            cannot be written (checked before the work).
            """
    )

    @Argument(help: ArgumentHelp("The problem file the run integrated.", valueName: "PROBLEM.json"))
    var problem: String

    @Argument(help: ArgumentHelp("The run record (flowverify run --out).", valueName: "RUN.json"))
    var record: String

    @Option(help: ArgumentHelp("Refuse (exit 65) a problem whose memory estimate at the run's precision exceeds this (bytes, or with K, M, G, T; default: half the physical memory, at most half of ulimit -v).", valueName: "size"))
    var memoryLimit: String?

    @Option(help: ArgumentHelp("Write the verdict here (atomically; only a regular file is replaced); without it, print it.", valueName: "VERDICT.json"))
    var out: String?

    func validate() throws {
        if let memoryLimit { _ = try CommandLimits.memorySize(memoryLimit) }
        if let out {
            let target = URL(fileURLWithPath: out).resolvingSymlinksInPath().path
            for (name, input) in [("the run record", record), ("the problem file", problem)]
            where URL(fileURLWithPath: input).resolvingSymlinksInPath().path == target {
                throw ValidationError("--out: \(DecimalSyntax.excerpt(out)) is \(name); the verdict would replace it")
            }
        }
    }

    func run() throws {
        let outURL = out.map { URL(fileURLWithPath: $0) }
        if let outURL {
            do { try OutputFile.check(outURL) } catch { throw CommandFailure.output(error.description) }
        }
        let spec = try ProblemInput.load(problem)
        let runRecord: RunRecord, precision: Precision?
        do {
            runRecord = try RunRecord(contentsOf: record)
            precision = try runRecord.workingPrecision()
        } catch { throw CommandFailure.input(error.description) }
        // The rule's Hessian and model Jacobian are dense matrices beside the problem's data.
        try ProblemInput.checkMemory(spec, file: problem, precision: precision, memoryLimit: memoryLimit, denseMatrices: 3)
        let verdict: RecoveryVerdict
        do { verdict = try RecoveryVerdict.decide(record: runRecord, spec: spec) } catch {
            throw CommandFailure.input("\(DecimalSyntax.excerpt(record)): \(error)")
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let json = try encoder.encode(verdict)
        if let outURL {
            do { try OutputFile.write(json, to: outURL) } catch { throw CommandFailure.output(error.description) }
            print("\(verdict.outcome.rawValue) at \(verdict.evidence.decidingBits == 53 ? "double" : "\(verdict.evidence.decidingBits) bits") → \(outURL.path)")
        } else {
            print(String(decoding: json, as: UTF8.self))
        }
        if verdict.outcome == .undecided { throw ExitCode(2) }
    }
}
