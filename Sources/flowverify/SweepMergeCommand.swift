import ArgumentParser
import Foundation
import Sweeps

struct SweepMergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Merge run stores into one (idempotent).",
        discussion: """
            Every run of every input goes into OUT once. A run already in OUT with the same \
            results (all columns but wall time, host and finish time) is skipped, so merging \
            again changes nothing; a run with different results in two stores is an error \
            naming its hash, and nothing of that input is merged. Exit codes: 0 merged; 64 bad \
            arguments; 65 a bad store or a conflict.
            """
    )

    @Argument(help: ArgumentHelp("The merged store (created when absent).", valueName: "OUT.sqlite"))
    var output: String

    @Argument(help: ArgumentHelp("The stores to merge in.", valueName: "IN.sqlite"))
    var inputs: [String]

    func validate() throws {
        guard !inputs.isEmpty else { throw ValidationError("give at least one input store") }
        let out = URL(fileURLWithPath: output).standardizedFileURL.path
        if inputs.contains(where: { URL(fileURLWithPath: $0).standardizedFileURL.path == out }) {
            throw ValidationError("the output \(output) is also an input")
        }
    }

    func run() throws {
        for path in inputs where !FileManager.default.fileExists(atPath: path) {
            throw CommandFailure.input("store \(path): no such file")
        }
        let stores = try inputs.map { try SweepInput.open($0, readOnly: true) }
        let out = try SweepInput.open(output)
        do {
            let s = try StoreMerge.merge(into: out, from: stores)
            try out.checkpoint()
            print("merged \(inputs.count) store\(inputs.count == 1 ? "" : "s") into \(output): \(s.added) runs added, \(s.alreadyPresent) already there")
        } catch {
            throw CommandFailure.input("\(error)")
        }
    }
}
