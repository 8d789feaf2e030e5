import Foundation
import Testing

/// `flowverify recovery PROBLEM.json RUN.json` as a user meets it: a run integrated with
/// `flowverify run`, then judged; exit codes, messages, and what it writes.
@Suite("flowverify recovery")
struct RecoveryCommandTests {
    /// One neuron, d = 2, n = 4: converges to a strict minimum within seconds at 128 bits.
    static func problem(dataSeed: Int) -> String {
        #"{"data":{"gaussian":{"n":"4","seed":"\#(dataSeed)"}},"initialization":{"gaussian":{"layerScaleRatio":"1","seed":"2"},"scale":"1e-6"},"#
            + #""network":{"activation":"tanh","bias":false,"inputDimension":"2","width":"1"}}"#
    }

    /// A scratch directory with problem.json (data seed 7) and other.json (data seed 8).
    static func scratch() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fv-recovery-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try problem(dataSeed: 7).write(to: dir.appendingPathComponent("problem.json"), atomically: true, encoding: .utf8)
        try problem(dataSeed: 8).write(to: dir.appendingPathComponent("other.json"), atomically: true, encoding: .utf8)
        return dir
    }

    static func outcome(_ url: URL) throws -> String? {
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any]
        return object?["outcome"] as? String
    }

    @Test("a converged run is judged at its precision; the exit code follows the outcome (0 decided, 2 undecided); a run stopped at t = 5 is undecided")
    func judged() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let problem = dir.appendingPathComponent("problem.json").path
        for (until, name) in [("converged", "run"), ("5", "early")] {
            let run = dir.appendingPathComponent("\(name).json"), verdict = dir.appendingPathComponent("\(name)-verdict.json")
            let r = try FlowVerifyProcess.run(["run", problem, "--precision", "128", "--until", until, "--out", run.path, "--quiet"])
            #expect(r.status == 0, "\(r.stderr)")
            let v = try FlowVerifyProcess.run(["recovery", problem, run.path, "--out", verdict.path])
            let outcome = try Self.outcome(verdict)
            #expect(v.status == (outcome == "undecided" ? 2 : 0), "\(v.stdout) \(v.stderr)")
            #expect(v.stdout.hasPrefix("\(outcome ?? "?") at 128 bits"), "\(v.stdout)")
            #expect(outcome == (until == "5" ? "undecided" : "recovered"), "\(v.stdout)")
        }
    }

    @Test("refusals: a run of another problem, a FIFO, a file that is not a run record, a missing one, a problem above --memory-limit exit 65 with one line; a directory as --out exits 73; --out naming an input is a usage error; nothing is written")
    func refusals() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let problem = dir.appendingPathComponent("problem.json").path, run = dir.appendingPathComponent("run.json").path
        let out = dir.appendingPathComponent("verdict.json")
        #expect(try FlowVerifyProcess.run(["run", problem, "--until", "1", "--out", run, "--quiet"]).status == 0)
        let fifo = dir.appendingPathComponent("fifo").path
        #expect(mkfifo(fifo, 0o600) == 0)
        try Self.problem(dataSeed: 7).replacingOccurrences(of: #""width":"1""#, with: #""width":"3000""#)
            .write(to: dir.appendingPathComponent("wide.json"), atomically: true, encoding: .utf8)
        let notRecord = dir.appendingPathComponent("not-a-record.json")
        try #"{"status": 3}"#.write(to: notRecord, atomically: true, encoding: .utf8)
        let cases: [([String], Int32, String)] = [
            (["recovery", dir.appendingPathComponent("other.json").path, run, "--out", out.path], 65, "not of this problem"),
            (["recovery", problem, fifo, "--out", out.path], 65, "not a regular file"),
            (["recovery", problem, notRecord.path, "--out", out.path], 65, "field "),
            (["recovery", problem, dir.appendingPathComponent("missing.json").path, "--out", out.path], 65, "missing.json"),
            (["recovery", problem, run, "--out", dir.path], 73, dir.lastPathComponent),
            (["recovery", dir.appendingPathComponent("wide.json").path, run, "--memory-limit", "1M", "--out", out.path], 65, "above the limit"),
        ]
        for (arguments, status, text) in cases {
            let r = try FlowVerifyProcess.run(arguments, timeoutSeconds: 60)
            #expect(r.status == status, "\(arguments.last ?? ""): \(r.stderr)")
            #expect(r.stderr.split(separator: "\n").count == 1 && r.stderr.contains(text), "\(r.stderr)")
            #expect(!FileManager.default.fileExists(atPath: out.path))
        }
        // --out naming an input (directly or through a symbolic link) is a usage error, and the input is left as it was.
        let before = try Data(contentsOf: URL(fileURLWithPath: run))
        let link = dir.appendingPathComponent("link.json").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: run)
        for target in [run, link, problem] {
            let r = try FlowVerifyProcess.run(["recovery", problem, run, "--out", target], timeoutSeconds: 60)
            #expect(r.status == 64 && r.stderr.contains("the verdict would replace it"), "\(target): \(r.stderr)")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: run)) == before)
        var isDirectory: ObjCBool = false
        #expect(FileManager.default.fileExists(atPath: dir.path, isDirectory: &isDirectory) && isDirectory.boolValue)
    }
}
