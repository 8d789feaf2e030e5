import Foundation
@testable import Sweeps
import Testing

@Suite("Slurm scripts and progress lines")
struct SlurmScriptTests {
    static let script = SlurmScript(sweepName: "law", flowverify: "/opt/fv/flowverify", spec: "/data/it's.json",
                                    storeDirectory: "/shared/law", tasks: 4, jobs: 2, partition: "short q", time: "01:00:00")

    @Test("the array runs shard i/N of N into its own store; the merge takes all N stores; the submit waits afterok")
    func scripts() {
        let s = Self.script
        #expect(s.array.hasPrefix("#!/bin/bash\n"))
        #expect(s.array.contains("#SBATCH --array=1-4\n"))
        #expect(s.array.contains("#SBATCH --cpus-per-task=2\n"))
        #expect(s.array.contains("#SBATCH --partition=short_q\n"), "a partition with a space is not one word")
        #expect(s.array.contains("--shard $i/4 --jobs 2"))
        #expect(s.array.contains(#"'/data/it'\''s.json'"#), "the spec path is shell-quoted")
        for i in 1...4 { #expect(s.merge.contains("'/shared/law/shard-\(i)-of-4.sqlite'")) }
        #expect(!s.merge.contains("shard-5-of-4"))
        #expect(s.merge.contains("sweep report '/shared/law/merged.sqlite'"))
        let submit = s.submit(arrayScript: "/shared/a.sbatch", mergeScript: "/shared/m.sbatch")
        #expect(submit.contains("--dependency=afterok:$array '/shared/m.sbatch'"))
    }

    @Test("the generated scripts are valid bash")
    func bashSyntax() throws {
        let dir = try SweepFixtures.directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        for (name, text) in [("a", Self.script.array), ("m", Self.script.merge), ("s", Self.script.submit(arrayScript: "/x", mergeScript: "/y"))] {
            let url = dir.appendingPathComponent(name + ".sh")
            try text.write(to: url, atomically: true, encoding: .utf8)
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/bin/bash")
            p.arguments = ["-n", url.path]
            try p.run()
            p.waitUntilExit()
            #expect(p.terminationStatus == 0, "\(name)")
        }
    }

    @Test("progress: done/total, rate, escalations and ETA from the counts")
    func progressLine() {
        var p = SweepProgress(total: 100, alreadyDone: 20)
        #expect(p.line == "20/100 done (20 before), – runs/s, 0 escalated, 0 failed")
        p.finished = 30
        p.escalated = 3
        p.seconds = 15
        p.workDone = 30   // one unit per run: the ETA is runs left ÷ runs per second
        p.workRemaining = 50
        #expect(p.rate == 2)
        #expect(p.line == "50/100 done (20 before), 2 runs/s, 3 escalated, 0 failed, ETA 25 s")
        p.finished = 80
        #expect(p.remaining == 0 && !p.line.contains("ETA"))
    }

    @Test("ETA: the work left at the work rate, not the runs left at the run rate")
    func etaWeighsWork() {
        // Two runs of work 1 done in 4 s; two left of work 5 each: 10 units at 0.5 per second.
        var p = SweepProgress(total: 4, alreadyDone: 0, workRemaining: 12)
        p.finished = 2
        p.workDone = 2
        p.workRemaining = 10
        p.seconds = 4
        #expect(p.rate == 0.5)
        #expect(p.eta == 20)
        #expect(p.line.hasSuffix("ETA 20 s"))
    }
}
