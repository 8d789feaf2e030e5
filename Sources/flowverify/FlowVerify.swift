import ArgumentParser
import Foundation
import MultiPrecision
import Reports

@main
struct FlowVerify: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "flowverify",
            abstract: "Check the claims of arXiv:2405.13787 (single-neuron target, small initialization) numerically at arbitrary precision.",
            discussion: ExitStatus.helpText,
            version: """
                flowverify \(LibraryVersions.flowverify)
                GMP \(LibraryVersions.gmp)
                MPFR \(LibraryVersions.mpfr)
                MPFI \(LibraryVersions.mpfi)
                """,
            subcommands: [VerifyCommand.self, RunCommand.self, RecoveryCommand.self, ProblemCommand.self, SelfCheckCommand.self, SymbolicCommand.self, SweepCommand.self]
        )
    }

    /// Parses, runs, and maps any error to its message and exit code through the one error
    /// path of all commands (`reportFailure(_:)`; the codes are listed in `ExitStatus`).
    static func main() {
        var code: Int32 = 0
        OutputFile.prepareForInterrupts()
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            code = reportFailure(error)
        }
        fflush(nil)
        Glibc.exit(code)
    }
}
