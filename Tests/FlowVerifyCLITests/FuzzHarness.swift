import Foundation
import MultiPrecision

/// Runs `flowverify` on generated cases in fresh processes, each under `timeout` and an
/// address-space cap (`ulimit -v`), and checks: no signal, no hang past the timeout, an exit
/// code in the documented set, no output file (and no temporary) after a refusal (64, 65, 73),
/// and no success (0) whose run record holds a non-finite state, loss or risk.
struct FuzzHarness {
    static let documentedCodes: Set<Int32> = [0, 1, 2, 64, 65, 73]
    static let refusals: Set<Int32> = [64, 65, 73]

    let binary: URL
    let timeoutSeconds: Int
    let memoryCapKiB: Int
    var parallel = 2

    init(binary: URL, timeoutSeconds: Int, memoryCapKiB: Int, parallel: Int = 2) throws {
        guard FileManager.default.isExecutableFile(atPath: binary.path) else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: binary.path])
        }
        self.binary = binary
        self.timeoutSeconds = timeoutSeconds
        self.memoryCapKiB = memoryCapKiB
        self.parallel = parallel
    }

    enum Kind: String, CaseIterable { case problemFile = "problem files", commandLine = "command lines", expression = "expressions" }

    struct Summary {
        var cases: [Kind: Int] = [:]
        var codes: [Int32: Int] = [:]
        var crashes = 0, hangs = 0, undocumented = 0, writtenOnRefusal = 0, nanSuccesses = 0
        var failures: [String] = []
        var seconds = 0.0

        var report: String {
            let kinds = Kind.allCases.map { "\($0.rawValue) \(cases[$0] ?? 0)" }.joined(separator: ", ")
            let codeText = codes.keys.sorted().map { "\($0): \(codes[$0]!)" }.joined(separator: ", ")
            return """
                fuzz: \(kinds); \(String(format: "%.0f", seconds)) s
                fuzz: crashes \(crashes), hangs \(hangs), undocumented exit codes \(undocumented), \
                output written on refusal \(writtenOnRefusal), NaN successes \(nanSuccesses)
                fuzz: exit codes \(codeText)
                """
        }
    }

    /// Cases start ..< start + n of each kind.
    func campaign(generator: FuzzGenerator, casesPerKind n: Int, start: Int) throws -> Summary {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("flowverify-fuzz-\(UUID())")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        let p1 = try Data(contentsOf: FlowVerifyProcess.repository.appendingPathComponent("problems/P1.json"))
        let jobs = Kind.allCases.flatMap { kind in (start..<(start + n)).map { (kind, $0) } }
        final class Box: @unchecked Sendable { var summary = Summary() }
        let lock = NSLock(), box = Box()
        let clock = ContinuousClock(), began = clock.now
        DispatchQueue.concurrentPerform(iterations: parallel) { worker in
            for (j, (kind, i)) in jobs.enumerated() where j % parallel == worker {
                let result = runCase(kind, i, generator, root.appendingPathComponent("w\(worker)-\(j)"), p1)
                lock.lock()
                defer { lock.unlock() }
                var summary = box.summary
                defer { box.summary = summary }
                summary.cases[kind, default: 0] += 1
                summary.codes[result.code, default: 0] += 1
                if let failure = result.failure {
                    summary.failures.append("\(kind.rawValue) #\(i): \(failure)")
                    switch result.category {
                    case .crash: summary.crashes += 1
                    case .hang: summary.hangs += 1
                    case .undocumented: summary.undocumented += 1
                    case .written: summary.writtenOnRefusal += 1
                    case .nan: summary.nanSuccesses += 1
                    case nil: break
                    }
                }
                let done = summary.cases.values.reduce(0, +)
                if done % 500 == 0 || done == jobs.count {
                    let line = "fuzz: \(done)/\(jobs.count) cases, \(summary.failures.count) failing, \((clock.now - began).components.seconds) s\n"
                    FileHandle.standardError.write(Data(line.utf8))
                }
            }
        }
        box.summary.seconds = Double((clock.now - began).components.seconds)
        return box.summary
    }

    enum Category { case crash, hang, undocumented, written, nan }
    struct CaseResult { var code: Int32; var failure: String?; var category: Category? }

    /// Why the run record at `url` does not show a finite run, or nil when it does: its final
    /// loss, state and population risk are all finite numbers in the tool's own grammar
    /// (`DecimalSyntax`, exact at any exponent, so 1e-400 is finite and "inf" is not). A success
    /// with no readable record fails too.
    static func nonFiniteRecord(at url: URL) -> String? {
        guard let data = try? Data(contentsOf: url),
              let record = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            return "exit 0 without a readable run record"
        }
        let texts = [record["finalLoss"] as? String ?? "nan"] + (record["finalState"] as? [String] ?? ["nan"])
            + [(record["populationRisk"] as? [String: Any])?["value"] as? String ?? "nan"]
        let finite = texts.allSatisfy { text in
            (try? DecimalSyntax(text, allowSpecial: true)).map { $0.special == nil } ?? false
        }
        return finite ? nil : "exit 0 with a non-finite record"
    }

    func arguments(_ kind: Kind, _ i: Int, _ g: FuzzGenerator, _ dir: URL, _ p1: Data) throws -> [String] {
        let problem = dir.appendingPathComponent("problem.json"), out = dir.appendingPathComponent("out.json").path
        switch kind {
        case .problemFile:
            try g.problemCase(i).write(to: problem)
            return ["run", problem.path, "--precision", i % 10 == 9 ? "128" : "double", "--until", "1", "--out", out, "--quiet",
                    "--time-limit", String(timeoutSeconds / 2)]
        case .commandLine:
            try p1.write(to: problem)
            return g.commandCase(i, problem: problem.path, out: out)
        case .expression:
            return ["symbolic", "series", "--activation", g.expressionCase(i), "--order", String(i % 13)]
        }
    }

    func runCase(_ kind: Kind, _ i: Int, _ g: FuzzGenerator, _ dir: URL, _ p1: Data) -> CaseResult {
        do {
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: dir) }
            let args = try arguments(kind, i, g, dir, p1)
            let code = try FlowVerifyProcess.run(args, binary: binary, timeoutSeconds: timeoutSeconds, memoryCapKiB: memoryCapKiB).status
            let out = dir.appendingPathComponent("out.json")
            let leftovers = (try? FileManager.default.contentsOfDirectory(atPath: dir.path))?.filter { $0.hasPrefix(".") } ?? []
            // 124: the timeout's TERM ended it; 137: its KILL, 5 s later.
            if code == 124 || code == 137 { return CaseResult(code: code, failure: "hang past \(timeoutSeconds) s", category: .hang) }
            if code > 128 { return CaseResult(code: code, failure: "signal \(code - 128)", category: .crash) }
            if !Self.documentedCodes.contains(code) { return CaseResult(code: code, failure: "exit code \(code)", category: .undocumented) }
            if !leftovers.isEmpty { return CaseResult(code: code, failure: "temporary files left: \(leftovers)", category: .written) }
            if Self.refusals.contains(code), FileManager.default.fileExists(atPath: out.path) {
                return CaseResult(code: code, failure: "out.json written on exit \(code)", category: .written)
            }
            if code == 0, kind == .problemFile, let failure = Self.nonFiniteRecord(at: out) {
                return CaseResult(code: code, failure: failure, category: .nan)
            }
            return CaseResult(code: code, failure: nil, category: nil)
        } catch {
            return CaseResult(code: -1, failure: "harness: \(error)", category: .undocumented)
        }
    }
}

/// The flowverify binary in a fresh process, under `timeout` and an address-space cap.
enum FlowVerifyProcess {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// The binary of the build the tests run in (next to the test bundle: debug under `swift test`,
    /// release under `make test`).
    static var binary: URL {
        let dir = Bundle.main.executableURL?.deletingLastPathComponent() ?? Bundle.main.bundleURL
        return dir.appendingPathComponent("flowverify")
    }

    /// Runs `binary arguments`; status 124 means the timeout ended it, 128 + s a signal s.
    static func run(_ arguments: [String], binary: URL = binary, timeoutSeconds: Int = 300, memoryCapKiB: Int = 8 << 20,
                    directory: URL? = nil) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "ulimit -v \(memoryCapKiB); exec timeout -k 5 \(timeoutSeconds) \"$@\"", "sh", binary.path] + arguments
        if let directory { process.currentDirectoryURL = directory }
        let outFile = FileManager.default.temporaryDirectory.appendingPathComponent("fv-out-\(UUID())")
        let errFile = FileManager.default.temporaryDirectory.appendingPathComponent("fv-err-\(UUID())")
        defer { try? FileManager.default.removeItem(at: outFile); try? FileManager.default.removeItem(at: errFile) }
        for file in [outFile, errFile] where !FileManager.default.createFile(atPath: file.path, contents: nil) {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: file.path])
        }
        process.standardOutput = try FileHandle(forWritingTo: outFile)
        process.standardError = try FileHandle(forWritingTo: errFile)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        let status = process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
        return (status, String(decoding: (try? Data(contentsOf: outFile)) ?? Data(), as: UTF8.self),
                String(decoding: (try? Data(contentsOf: errFile)) ?? Data(), as: UTF8.self))
    }
}
