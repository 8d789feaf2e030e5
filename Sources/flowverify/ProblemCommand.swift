import ArgumentParser
import Foundation
import MultiPrecision
import TwoLayerNet

struct ProblemCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "problem",
        abstract: "Print a problem file instantiated at a precision: data, labels and θ(0) in full.",
        discussion: """
            The output (JSON) is exactly what a run at that precision integrates, every number a \
            round-trip decimal string, for notebooks and independent integrators. Exit code 65 \
            for a bad problem file (one line naming the field).
            """
    )

    @Argument(help: "The problem file (JSON).")
    var problem: String

    @Option(help: ArgumentHelp("Working precision: a number of bits (2 or more) or 'double'.", valueName: "bits|double"))
    var precision: String = "double"

    func run() throws {
        let spec: ProblemSpec
        do {
            spec = try ProblemSpec(contentsOf: problem, expressionActivation: { try SymbolicExpressionActivation(parsing: $0) })
        } catch {
            throw InputError("\(problem): \(error)")
        }
        let export: ProblemExport
        do {
            if precision == "double" {
                export = try spec.instantiate(precision: .double, as: Double.self).export
            } else {
                guard let bits = Int(precision), let p = try? Precision(bits: bits) else {
                    throw ValidationError("--precision: \"\(precision)\" is neither a legal number of bits nor 'double'")
                }
                export = try spec.instantiate(precision: p, as: BigFloat.self).export
            }
        } catch let error as ProblemError {
            throw InputError("\(problem): \(error)")
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        print(String(decoding: try encoder.encode(export), as: UTF8.self))
    }
}
