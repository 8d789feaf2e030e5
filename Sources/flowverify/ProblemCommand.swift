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
            round-trip decimal string, for notebooks and independent integrators. \
            \(ExitStatus.helpText)
            """
    )

    @OptionGroup var input: ProblemInput

    func run() throws {
        let spec = try input.load()
        try input.checkMemory(spec)
        let export: ProblemExport
        do {
            if let p = try input.workingPrecision() {
                export = try spec.instantiate(precision: p, as: BigFloat.self).export
            } else {
                export = try spec.instantiate(precision: .double, as: Double.self).export
            }
        } catch let error as ProblemError {
            throw CommandFailure.input("\(DecimalSyntax.excerpt(input.problem)): \(error)")
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        print(String(decoding: try encoder.encode(export), as: UTF8.self))
    }
}
