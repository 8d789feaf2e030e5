import ArgumentParser

/// `flowverify sweep`: threshold maps. `run` is the default, so `flowverify sweep SPEC.json
/// --store FILE.sqlite` runs a sweep.
struct SweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Run a grid of recovery runs into a resumable SQLite store, merge stores, report thresholds, write Slurm scripts.",
        discussion: """
            A sweep file (schema in sweeps/README.md) is a problem template plus grid axes (m, d, n, \
            ε, bias, activation, initialization family), seeds and a recovery policy. Every grid \
            point × seed pair is one run, named by the SHA-256 of its instantiated problem, policy \
            and tool version, and decided by the certified recovery verdict.
            """,
        subcommands: [SweepRunCommand.self, SweepMergeCommand.self, SweepReportCommand.self, SweepSlurmCommand.self],
        defaultSubcommand: SweepRunCommand.self
    )
}
