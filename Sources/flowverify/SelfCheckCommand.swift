import ArgumentParser
import Foundation
import MultiPrecision

struct SelfCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "selfcheck",
        abstract: "Print a table of precision self-checks of the multiprecision core.",
        discussion: """
            Compares MPFR's constants and functions with independent series summed in this \
            tool's own arithmetic (32 guard bits), and checks the decimal round trip, at each \
            precision. Exits 0 if every check holds, 1 otherwise, 64 for bad arguments.
            """
    )

    @Option(name: .long, parsing: .upToNextOption,
            help: ArgumentHelp("Precisions in bits (2...\(CommandLimits.maximumPrecisionBits)), comma- or space-separated.", valueName: "bits"))
    var precisions: [String] = ["53,113,256,1024,4096"]

    func parsedPrecisions() throws -> [Precision] {
        try precisions.flatMap { $0.split(separator: ",") }.map { text in
            guard let p = try CommandLimits.precision(String(text), option: "--precisions") else {
                throw ValidationError("--precisions: 'double' is not a number of bits (use 53)")
            }
            return p
        }
    }

    func validate() throws { _ = try parsedPrecisions() }

    func run() throws {
        let rows = SelfCheck.run(precisions: try parsedPrecisions())
        let width = max(5, rows.map(\.check.count).max() ?? 0)
        func pad(_ s: String, _ n: Int) -> String { s + String(repeating: " ", count: max(0, n - s.count)) }
        func lpad(_ s: String, _ n: Int) -> String { String(repeating: " ", count: max(0, n - s.count)) + s }
        print(pad("check", width), lpad("bits", 6), lpad("digits", 9), lpad("needed", 8), "  result")
        for r in rows {
            print(pad(r.check, width), lpad(String(r.precision.bits), 6),
                  lpad(String(format1(r.digits)), 9), lpad(format1(r.required), 8),
                  r.passed ? "  ok" : "  FAIL")
        }
        let failed = rows.filter { !$0.passed }.count
        print(failed == 0 ? "all \(rows.count) checks hold" : "\(failed) of \(rows.count) checks FAIL")
        if failed > 0 { throw ExitCode(1) }
    }

    private func format1(_ x: Double) -> String { String(format: "%.1f", x) }
}
