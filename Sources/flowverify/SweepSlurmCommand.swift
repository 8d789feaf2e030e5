import ArgumentParser
import Reports
import Foundation
import Sweeps

struct SweepSlurmCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "slurm",
        abstract: "Write Slurm scripts for a sweep: a job array (task i runs shard i/N), a merge job, a submit script.",
        discussion: """
            Writes SCRIPT (the sbatch job array: task i runs `sweep run --shard i/N` into \
            DIR/shard-i-of-N.sqlite), SCRIPT with -merge.sbatch (merges into DIR/merged.sqlite \
            and writes DIR/report) and SCRIPT with -submit.sh, which queues the array and then \
            the merge with --dependency=afterok on the array. Paths in the scripts are absolute; \
            the binary and the sweep file must be reachable from the compute nodes. Exit codes: \
            0 written; 64 bad arguments; 65 a bad sweep file or an unwritable path.
            """
    )

    @Argument(help: "The sweep file.")
    var spec: String

    @Option(help: ArgumentHelp("Array tasks (shards).", valueName: "N"))
    var array: Int

    @Option(help: ArgumentHelp("Slurm partition.", valueName: "P"))
    var partition: String?

    @Option(help: ArgumentHelp("Slurm time limit per task (e.g. 02:00:00).", valueName: "T"))
    var time: String?

    @Option(help: ArgumentHelp("Runs at once per task (= --cpus-per-task).", valueName: "J"))
    var jobs: Int = 1

    @Option(help: ArgumentHelp("Directory of the stores and logs.", valueName: "DIR"))
    var storeDir: String = "sweep-stores"

    @Option(help: ArgumentHelp("The array script to write (the merge and submit scripts go beside it).", valueName: "SCRIPT"))
    var out: String = "sweep.sbatch"

    @Option(help: ArgumentHelp("The flowverify binary the jobs run (default: this one).", valueName: "PATH"))
    var flowverify: String?

    func validate() throws {
        guard array >= 1, array <= 100_000 else { throw ValidationError("--array: \(array) is not in 1 … 100000") }
        guard jobs >= 1, jobs <= 4096 else { throw ValidationError("--jobs: \(jobs) is not in 1 … 4096") }
        // #SBATCH lines are not shell: a path there must be one plain word.
        if storeDir.contains(where: { $0.isWhitespace || $0 == "%" || $0 == "\"" || $0 == "'" }) {
            throw ValidationError("--store-dir: \"\(storeDir)\" must not contain spaces, quotes or %")
        }
    }

    func run() throws {
        let (sweep, grid) = try SweepInput.load(spec)
        func absolute(_ p: String) -> String { URL(fileURLWithPath: p).standardizedFileURL.path }
        let binary = absolute(flowverify ?? CommandLine.arguments[0])
        let base = out.hasSuffix(".sbatch") ? String(out.dropLast(7)) : out
        let script = SlurmScript(sweepName: sweep.name, flowverify: binary, spec: absolute(spec), storeDirectory: absolute(storeDir),
                                 tasks: array, jobs: jobs, partition: partition, time: time)
        let arrayPath = absolute(out), mergePath = absolute(base + "-merge.sbatch"), submitPath = absolute(base + "-submit.sh")
        let scripts = [(arrayPath, script.array), (mergePath, script.merge),
                       (submitPath, script.submit(arrayScript: arrayPath, mergeScript: mergePath))]
        do {
            try FileManager.default.createDirectory(atPath: absolute(storeDir) + "/logs", withIntermediateDirectories: true)
            for (path, _) in scripts { try OutputFile.check(URL(fileURLWithPath: path)) }
            for (path, text) in scripts {
                try OutputFile.write(Data(text.utf8), to: URL(fileURLWithPath: path))
                try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
            }
        } catch {
            throw CommandFailure.output("cannot write the Slurm scripts: \(error)")
        }
        print("\(grid.runs.count) runs in \(array) array tasks (about \(grid.runs.count / array + (grid.runs.count % array == 0 ? 0 : 1)) each)")
        print("array: \(arrayPath)\nmerge: \(mergePath)\nsubmit: \(submitPath)  (run it on the login node)")
    }
}
