import ArgumentParser
import Foundation
import MultiPrecision
import TwoLayerNet

/// The options and input handling shared by the commands that read a problem file.
struct ProblemInput: ParsableArguments {
    @Argument(help: "The problem file (JSON; schema in problems/README.md).")
    var problem: String

    @Option(help: ArgumentHelp("Working precision: a number of bits (2 or more) or 'double'.", valueName: "bits|double"))
    var precision: String = "double"

    /// The working precision; nil for the Double fast path.
    func workingPrecision() throws -> Precision? {
        if precision == "double" { return nil }
        guard let bits = Int(precision) else { throw ValidationError("--precision: \"\(precision)\" is neither a number of bits nor 'double'") }
        do { return try Precision(bits: bits) } catch { throw ValidationError("--precision: \(error)") }
    }

    func validate() throws { _ = try workingPrecision() }

    /// The problem file, with expression activations through the symbolic layer. A bad file is
    /// an input error: one line naming the field, exit code 65.
    func load() throws -> ProblemSpec {
        do {
            return try ProblemSpec(contentsOf: problem, expressionActivation: { try SymbolicExpressionActivation(parsing: $0) })
        } catch {
            throw InputError("\(problem): \(error)")
        }
    }
}

/// Bad input: prints a one-line message on standard error and returns exit code 65
/// (EX_DATAERR) to throw; nothing is written.
func InputError(_ message: String) -> ExitCode {
    FileHandle.standardError.write(Data("error: \(message)\n".utf8))
    return ExitCode(65)
}
