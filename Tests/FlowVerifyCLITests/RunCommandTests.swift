import Foundation
import Testing

/// `flowverify run` as a user meets it: a process, its exit code, its standard error, and the
/// files it leaves behind.
@Suite("flowverify run")
struct RunCommandTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    func flowverify(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let dir = Bundle.main.executableURL?.deletingLastPathComponent() ?? Bundle.main.bundleURL
        let process = Process()
        process.executableURL = dir.appendingPathComponent("flowverify")
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }

    static var p1: String { (try? String(contentsOf: repository.appendingPathComponent("problems/P1.json"), encoding: .utf8)) ?? "" }

    /// Bad problem files: (file text, the field the message must name).
    static let badFiles: [(String, String)] = [
        (p1.replacingOccurrences(of: "\"initialization\"", with: "\"initialisation\""), "initialization"),
        (p1.replacingOccurrences(of: "\"1e-30\"", with: "\"1e-3o\""), "initialization.scale"),
        (p1.replacingOccurrences(of: "\"inputDimension\": \"5\"", with: "\"inputDimension\": \"4\""), "target.inputWeights"),
        (p1.replacingOccurrences(of: "\"n\": \"8\"", with: "\"n\": \"0\""), "data.gaussian.n"),
        (p1.replacingOccurrences(of: "\"1e-30\"", with: "\"0\""), "initialization.scale"),
        (p1.replacingOccurrences(of: "\"tanh\"", with: "\"sigmoidish\""), "network.activation"),
        ("{ not json", "JSON"),
    ]

    @Test("bad problem files exit ≥ 64 with one line naming the field, and write nothing",
          arguments: badFiles.indices)
    func badProblemFile(_ index: Int) throws {
        let (text, field) = Self.badFiles[index]
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("flowverify-bad-\(index)-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let problem = dir.appendingPathComponent("problem.json"), out = dir.appendingPathComponent("run.json")
        try text.write(to: problem, atomically: true, encoding: .utf8)
        let r = try flowverify(["run", problem.path, "--precision", "double", "--out", out.path, "--quiet"])
        #expect(r.status >= 64)
        let lines = r.stderr.split(separator: "\n")
        #expect(lines.count == 1, "\(r.stderr)")
        #expect(r.stderr.contains(field), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }

    @Test("an unreadable problem file is an input error too")
    func unreadable() throws {
        let r = try flowverify(["run", "/nonexistent/problem.json", "--quiet"])
        #expect(r.status >= 64)
        #expect(r.stderr.contains("/nonexistent/problem.json"))
    }

    @Test("a run writes a record whose final loss matches its final state")
    func goodRun() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("flowverify-run-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("run.json")
        let problem = Self.repository.appendingPathComponent("problems/P1.json").path
        let r = try flowverify(["run", problem, "--precision", "double", "--until", "50", "--out", out.path, "--quiet"])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: out)) as? [String: Any]
        let record = try #require(json)
        #expect(record["status"] as? String == "reached-time")
        #expect(Double(record["finalTime"] as? String ?? "") == 50)
        let state = (record["finalState"] as? [String] ?? []).compactMap(Double.init)
        #expect(state.count == 12)
        // The recorded imbalance agrees with C_k = a_k² − ‖w_k‖² recomputed here from the
        // recorded final state (proofs/THEORY.md §2).
        let c = (record["imbalanceAtEnd"] as? [String] ?? []).compactMap(Double.init)
        for k in 0..<2 {
            let block = Array(state[(k * 6)..<(k * 6 + 6)])
            let expected = block[0] * block[0] - block[1...].reduce(0) { $0 + $1 * $1 }
            #expect(abs(c[k] - expected) <= 1e-12 * max(1, abs(expected)))
        }
        let provenance = record["provenance"] as? [String: Any]
        #expect(provenance?["precision"] as? String == "double")
        #expect((provenance?["mpfr"] as? String)?.isEmpty == false)
    }
}
