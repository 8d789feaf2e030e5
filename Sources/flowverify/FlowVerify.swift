import ArgumentParser
import MultiPrecision

@main
struct FlowVerify: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "flowverify",
            abstract: "Check the claims of arXiv:2405.13787 (single-neuron target, small initialization) numerically at arbitrary precision.",
            version: """
                flowverify \(LibraryVersions.flowverify)
                GMP \(LibraryVersions.gmp)
                MPFR \(LibraryVersions.mpfr)
                MPFI \(LibraryVersions.mpfi)
                """,
            subcommands: [VerifyCommand.self, RunCommand.self, ProblemCommand.self, SelfCheckCommand.self, SymbolicCommand.self, SweepCommand.self]
        )
    }
}
