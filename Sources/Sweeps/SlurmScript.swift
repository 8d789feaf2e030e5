/// The Slurm job scripts of a sweep: a job array whose task i runs shard i/N into its own
/// store, a merge job (merge, then report) and a submit script that queues the merge with
/// an `afterok` dependency on the whole array, so it starts only when every task succeeded.
public struct SlurmScript: Sendable {
    public var sweepName: String
    /// Absolute paths: the flowverify binary, the sweep file, the directory of the stores.
    public var flowverify: String
    public var spec: String
    public var storeDirectory: String
    public var tasks: Int
    public var jobs: Int
    public var partition: String?
    public var time: String?

    public init(sweepName: String, flowverify: String, spec: String, storeDirectory: String, tasks: Int, jobs: Int,
                partition: String?, time: String?) {
        self.sweepName = sweepName; self.flowverify = flowverify; self.spec = spec; self.storeDirectory = storeDirectory
        self.tasks = tasks; self.jobs = jobs; self.partition = partition; self.time = time
    }

    /// The store of array task i.
    public func shardStore(_ i: Int) -> String { "\(storeDirectory)/shard-\(i)-of-\(tasks).sqlite" }
    public var mergedStore: String { "\(storeDirectory)/merged.sqlite" }

    func header(_ name: String, log: String) -> [String] {
        var h = ["#!/bin/bash", "#SBATCH --job-name=\(SlurmScript.token(name))", "#SBATCH --output=\(storeDirectory)/logs/\(log)",
                 "#SBATCH --ntasks=1", "#SBATCH --cpus-per-task=\(jobs)"]
        if let partition { h.append("#SBATCH --partition=\(SlurmScript.token(partition))") }
        if let time { h.append("#SBATCH --time=\(SlurmScript.token(time))") }
        return h
    }

    /// The job array: task i runs shard i/N.
    public var array: String {
        (header("fv-\(sweepName)", log: "shard-%a.log") + [
            "#SBATCH --array=1-\(tasks)",
            "set -euo pipefail",
            "i=${SLURM_ARRAY_TASK_ID:?not inside a Slurm array task}",
            "exec \(SlurmScript.quoted(flowverify)) sweep run \(SlurmScript.quoted(spec)) --store \(SlurmScript.quoted(storeDirectory))/shard-$i-of-\(tasks).sqlite --shard $i/\(tasks) --jobs \(jobs)",
        ]).joined(separator: "\n") + "\n"
    }

    /// The merge job: every shard's store into merged.sqlite, then the report.
    public var merge: String {
        (header("fv-\(sweepName)-merge", log: "merge.log") + [
            "set -euo pipefail",
            "\(SlurmScript.quoted(flowverify)) sweep merge \(SlurmScript.quoted(mergedStore)) " + (1...tasks).map { SlurmScript.quoted(shardStore($0)) }.joined(separator: " "),
            "\(SlurmScript.quoted(flowverify)) sweep report \(SlurmScript.quoted(mergedStore)) --out \(SlurmScript.quoted(storeDirectory + "/report"))",
        ]).joined(separator: "\n") + "\n"
    }

    /// Submits the array, then the merge with `--dependency=afterok:<array job>`; prints both ids.
    public func submit(arrayScript: String, mergeScript: String) -> String {
        """
        #!/bin/bash
        # Queues the sweep \(sweepName): \(tasks) array tasks, then the merge once all of them succeeded.
        set -euo pipefail
        mkdir -p \(SlurmScript.quoted(storeDirectory + "/logs"))
        array=$(sbatch --parsable \(SlurmScript.quoted(arrayScript)))
        array=${array%%;*}
        merge=$(sbatch --parsable --dependency=afterok:$array \(SlurmScript.quoted(mergeScript)))
        merge=${merge%%;*}
        echo "array job $array, merge job $merge"

        """
    }

    /// A single-quoted shell word.
    static func quoted(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }

    /// A value for an #SBATCH line (no shell there): letters, digits and -_.:+ only.
    static func token(_ s: String) -> String {
        String(s.map { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.:+".contains($0)) ? $0 : "_" })
    }
}
