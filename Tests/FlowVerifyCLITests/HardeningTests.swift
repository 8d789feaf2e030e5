import Foundation
import Testing
@testable import flowverify
@testable import GradientFlow

/// Every example of the hardening report, as a user meets it: a fresh process, its exit code,
/// its one-line message, and what it leaves on disk. Unless stated, the command line is
/// `run FILE --precision double --until 1 --out o.json`.
@Suite("hardening")
struct HardeningTests {
    static var p1: String { (try? String(contentsOf: FlowVerifyProcess.repository.appendingPathComponent("problems/P1.json"), encoding: .utf8)) ?? "" }

    /// A fresh directory, removed afterwards.
    static func withDirectory<T>(_ body: (URL) throws -> T) throws -> T {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("flowverify-hardening-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        return try body(dir)
    }

    /// Runs `run FILE --precision double --until 1 --out o.json` on P1 with `from` replaced by
    /// `to`; returns the result and whether o.json exists afterwards.
    static func runMutated(_ from: String, _ to: String, command: String = "run", extra: [String] = [],
                           replacing second: (String, String)? = nil) throws -> (status: Int32, stderr: String, written: Bool) {
        try withDirectory { dir in
            var text = p1.replacingOccurrences(of: from, with: to)
            if let (a, b) = second { text = text.replacingOccurrences(of: a, with: b) }
            #expect(text != p1, "the mutation \(from) applies")
            let problem = dir.appendingPathComponent("problem.json"), out = dir.appendingPathComponent("o.json")
            try text.write(to: problem, atomically: true, encoding: .utf8)
            let args = command == "run"
                ? ["run", problem.path, "--precision", "double", "--until", "1", "--out", out.path, "--quiet"] + extra
                : [command, problem.path] + extra
            let r = try FlowVerifyProcess.run(args, timeoutSeconds: 120)
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasPrefix(".") }
            #expect(leftovers.isEmpty, "temporary files left: \(leftovers)")
            return (r.status, r.stderr, FileManager.default.fileExists(atPath: out.path))
        }
    }

    /// Problem files that must be refused with 65, one short line naming the field, nothing written.
    static let refusedFiles: [(from: String, to: String, field: String)] = [
        ("\"width\": \"2\"", "\"width\": \"9223372036854775807\"", "network.width"),
        ("\"inputDimension\": \"5\"", "\"inputDimension\": \"9223372036854775807\"", "network.inputDimension"),
        ("\"inputDimension\": \"5\"", "\"inputDimension\": \"4611686018427387904\"", "network.inputDimension"),
        ("\"n\": \"8\"", "\"n\": \"1000000000\"", "data.gaussian.n"),
        ("\"width\": \"2\"", "\"width\": \"3000\"", "network.width"),
        ("\"1e-30\"", "\"1e308\"", "initialization.scale"),
        ("\"activation\": \"tanh\"", "\"activation\": \"expression\", \"expression\": \"log(x)\"", "network.expression"),
        ("\"until\": \"400\" }", "\"until\": \"400\", \"stopWhenConverged\": 1 }", "integration.stopWhenConverged"),
        ("\"until\": \"400\" }", "\"until\": \"400\", }", "line 10, column"),
        ("\"layerScaleRatio\": \"1\"", "\"layerScaleRatio\": \"1e-300\"", "initialization.gaussian.layerScaleRatio"),
        ("\"until\": \"400\"", "\"until\": \"1e309\"", "integration.until"),
        ("\"name\": \"P1\",", "\"name\": \"P1\",,", "line 2, column"),
        ("\"seed\": \"1\"", "\"seed\": \"\(String(repeating: "9", count: 10_000_000))\"", "data.gaussian.seed"),
        ("\"1e-30\"", "\"\(String(repeating: "1", count: 10_000_000))x\"", "initialization.scale"),
        ("\"1e-30\"", "\"1e-1000001\"", "initialization.scale"),
    ]

    @Test("refused problem files: exit 65, one short line naming the field, nothing written", arguments: refusedFiles.indices)
    func refusedFile(_ k: Int) throws {
        let c = Self.refusedFiles[k]
        let r = try Self.runMutated(c.from, c.to)
        #expect(r.status == 65, "\(r.stderr.prefix(300))")
        #expect(r.stderr.contains(c.field), "\(r.stderr.prefix(300))")
        #expect(r.stderr.split(separator: "\n").count == 1 && r.stderr.count <= 300, "\(r.stderr.prefix(300))")
        #expect(!r.written)
    }

    @Test("width 3000 names the estimate and the limit; a file with an explicit direction and a huge width fails in `problem` too")
    func sizes() throws {
        let r = try Self.runMutated("\"width\": \"2\"", "\"width\": \"3000\"")
        #expect(r.stderr.contains("GiB") && r.stderr.contains("--memory-limit"), "\(r.stderr)")
        let explicit = try Self.runMutated("\"width\": \"2\"", "\"width\": \"9223372036854775807\"", command: "problem",
                                           replacing: ("\"gaussian\": { \"seed\": \"2\", \"layerScaleRatio\": \"1\" }",
                                                       "\"explicit\": { \"direction\": [\"1\", \"2\"] }"))
        #expect(explicit.status == 65 && explicit.stderr.contains("network.width"), "\(explicit.stderr)")
        let huge = try Self.runMutated("\"width\": \"2\"", "\"width\": \"9223372036854775807\"", command: "problem")
        #expect(huge.status == 65 && huge.stderr.contains("network.width"), "\(huge.stderr)")
        // A tiny --memory-limit refuses even P1, and says so.
        let tight = try Self.runMutated("\"name\": \"P1\"", "\"name\": \"P1-tight\"", extra: ["--memory-limit", "1M", "--precision", "1024"])
        #expect(tight.status == 65 && tight.stderr.contains("above the limit 1.0 MiB"), "\(tight.stderr)")
        // The collocation's workers each hold a loss kernel: 64 of them at n = 2000 are most of
        // the estimate, one is not.
        let workers = ["--memory-limit", "1M", "--precision", "256"]
        let many = try Self.runMutated("\"n\": \"8\"", "\"n\": \"2000\"", extra: workers + ["--workers", "64"])
        #expect(many.status == 65 && many.stderr.contains("mostly the collocation workers' loss kernels"), "\(many.stderr)")
        let one = try Self.runMutated("\"n\": \"8\"", "\"n\": \"2000\"", extra: workers + ["--workers", "1"])
        #expect(one.status == 65 && !one.stderr.contains("collocation workers"), "\(one.stderr)")
        // Forced collocation counts what it allocates (its moments are most of P1 at 256 bits);
        // forced Taylor holds none of it.
        let collocation = try Self.runMutated("\"name\": \"P1\"", "\"name\": \"P1-tight\"", extra: workers + ["--method", "collocation"])
        #expect(collocation.status == 65 && collocation.stderr.contains("mostly the collocation moments"), "\(collocation.stderr)")
        let taylor = try Self.runMutated("\"name\": \"P1\"", "\"name\": \"P1-tight\"", extra: workers + ["--method", "taylor"])
        #expect(taylor.status == 65 && !taylor.stderr.contains("collocation"), "\(taylor.stderr)")
    }

    @Test("bad numeric options exit 64 with a message naming the option", arguments: [
        ["--until", "inf"], ["--until", "1e309"], ["--until", "-1"], ["--until", "0"], ["--until", "nan"],
        ["--tolerance-bits", "0"], ["--tolerance-bits=-1"], ["--tolerance-bits", "10000"], ["--tolerance-bits", "9223372036854775807"],
        ["--precision", "10000000"], ["--precision", "9223372036854775551"], ["--precision", "1"], ["--precision", "4097"], ["--time-limit", "0"],
        ["--method", "fast"], ["--memory-limit", "0"], ["--memory-limit", "12Q"],
        ["--workers", "0"], ["--workers", "65"], ["--collocation-mixing", "17"], ["--collocation-mixing=-1"],
        ["--collocation-contraction", "1"], ["--collocation-contraction", "nan"], ["--collocation-contraction=-0.5"],
        ["--collocation-newton", "sometimes"],
    ])
    func badOptions(_ option: [String]) throws {
        let r = try Self.withDirectory { dir in
            let out = dir.appendingPathComponent("o.json")
            let r = try FlowVerifyProcess.run(["run", FlowVerifyProcess.repository.appendingPathComponent("problems/P1.json").path,
                                               "--out", out.path, "--quiet"] + option, timeoutSeconds: 60)
            #expect(!FileManager.default.fileExists(atPath: out.path))
            return r
        }
        #expect(r.status == 64, "\(r.stderr)")
        #expect(r.stderr.contains(option[0].split(separator: "=")[0]), "\(r.stderr)")
    }

    @Test("the largest documented precision, 4096 bits, runs (P1 to t = 1e-3, a looser tolerance to keep the test short); 4097 is refused")
    func maximumPrecisionRuns() throws {
        let p1 = FlowVerifyProcess.repository.appendingPathComponent("problems/P1.json").path
        let r = try FlowVerifyProcess.run(["run", p1, "--precision", "4096", "--until", "1e-3", "--tolerance-bits", "64", "--quiet"], timeoutSeconds: 600)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("\"status\" : \"reached-time\""))
        #expect(r.stdout.contains("\"precision\" : \"4096\""))
        let over = try FlowVerifyProcess.run(["run", p1, "--precision", "4097"], timeoutSeconds: 60)
        #expect(over.status == 64 && over.stderr.contains("2...4096"), "\(over.stderr)")
    }

    @Test("symbolic expressions beyond the limits exit 64 with a message, in bounded time", arguments: [
        ["--activation", "exp(exp(exp(x)))", "--order", "100"], ["--activation", "sigmoid(sigmoid(x))", "--order", "100"],
        ["--activation", "((2^4096)^4096)^4096"], ["--activation", "(1e10000)^4096"], ["--activation", "((x^4096)^4096)^4096"],
        ["--activation", String(repeating: "x+", count: 20_000) + "x"],
        // Found by `make fuzz` (hangs past 120 s): constants growing to millions of bits, and a
        // series expanded in budget whose printing took minutes.
        ["--activation", "(-3 + 1e-10000 + log(1e10000 + 1 * x) * --1/2)^100", "--order", "8"],
        ["--activation", "sqrt(((exp(1e-10000 + x + sign(1)))^-1)^-1 + sigmoid((-sech(x) + log(1/2 / 2^4096))^x))", "--order", "9"],
    ])
    func symbolicLimits(_ args: [String]) throws {
        let began = Date()
        let r = try FlowVerifyProcess.run(["symbolic", "series"] + args, timeoutSeconds: 120)
        #expect(r.status == 64, "\(r.stderr.prefix(300))")
        #expect(r.stderr.hasPrefix("error: ") && r.stderr.split(separator: "\n").count == 1 && r.stderr.count <= 300, "\(r.stderr.prefix(300))")
        #expect(Date().timeIntervalSince(began) < 90)
    }

    @Test("an expression beyond the limits in a problem file exits 65 naming network.expression")
    func symbolicLimitInFile() throws {
        let r = try Self.runMutated("\"activation\": \"tanh\"", "\"activation\": \"expression\", \"expression\": \"(1e10000)^4096\"")
        #expect(r.status == 65 && r.stderr.contains("network.expression"), "\(r.stderr)")
    }

    /// A FIFO, a symbolic link to /dev/null, a directory and a character device made here
    /// (mknod; the same kind of node as /dev/full, without touching the machine's own) are
    /// never replaced: exit 73 before the work, the node unchanged.
    @Test("--out refuses anything but a regular file, before the work", arguments: ["fifo", "symlink", "directory", "device"])
    func outNotRegular(_ kind: String) throws {
        try Self.withDirectory { dir in
            let out = dir.appendingPathComponent("o.json")
            switch kind {
            case "fifo": #expect(mkfifo(out.path, 0o644) == 0)
            case "symlink": try FileManager.default.createSymbolicLink(atPath: out.path, withDestinationPath: "/dev/null")
            case "directory": try FileManager.default.createDirectory(at: out, withIntermediateDirectories: false)
            default:
                if mknod(out.path, S_IFCHR | 0o666, dev_t((1 << 8) | 7)) != 0 { return }  // not root: nothing to test
            }
            let before = try FileManager.default.attributesOfItem(atPath: out.path)[.type] as? FileAttributeType
            let r = try FlowVerifyProcess.run(["run", FlowVerifyProcess.repository.appendingPathComponent("problems/P1.json").path,
                                               "--until", "1", "--out", out.path, "--quiet"], timeoutSeconds: 60)
            #expect(r.status == 73, "\(r.stderr)")
            #expect(r.stderr.contains("only a regular file is replaced"), "\(r.stderr)")
            #expect(r.stdout.isEmpty, "the run did not start")
            let after = try FileManager.default.attributesOfItem(atPath: out.path)[.type] as? FileAttributeType
            #expect(before == after)
            let entries = try FileManager.default.contentsOfDirectory(atPath: dir.path)
            #expect(entries == ["o.json"], "\(entries)")
        }
    }

    @Test("verify with an unwritable --out exits 73 at once, before any claim runs")
    func verifyUnwritable() throws {
        try Self.withDirectory { dir in
            let file = dir.appendingPathComponent("plain")
            try Data("x".utf8).write(to: file)
            let began = Date()
            let r = try FlowVerifyProcess.run(["verify", "--claims", "12", "--quiet", "--out", file.appendingPathComponent("sub").path], timeoutSeconds: 60)
            #expect(r.status == 73, "\(r.stderr)")
            #expect(Date().timeIntervalSince(began) < 20)
            #expect(!r.stdout.contains("Integrator reference"), "no claim ran")
            let fifoDir = dir.appendingPathComponent("reports")
            try FileManager.default.createDirectory(at: fifoDir, withIntermediateDirectories: false)
            #expect(mkfifo(fifoDir.appendingPathComponent("report.md").path, 0o644) == 0)
            let f = try FlowVerifyProcess.run(["verify", "--claims", "12", "--quiet", "--out", fifoDir.path], timeoutSeconds: 60)
            #expect(f.status == 73 && f.stderr.contains("report.md"), "\(f.stderr)")
        }
    }

    @Test("a run interrupted by SIGTERM at any moment leaves no temporary file")
    func interrupted() throws {
        try Self.withDirectory { dir in
            let out = dir.appendingPathComponent("o.json")
            for delay in [0.05, 0.2, 0.5, 1.0] {
                let p = Process()
                p.executableURL = FlowVerifyProcess.binary
                p.arguments = ["run", FlowVerifyProcess.repository.appendingPathComponent("problems/P1.json").path,
                               "--precision", "256", "--until", "400", "--out", out.path, "--quiet"]
                p.standardOutput = FileHandle.nullDevice
                p.standardError = FileHandle.nullDevice
                try p.run()
                Thread.sleep(forTimeInterval: delay)
                p.terminate()
                p.waitUntilExit()
                let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0 != "o.json" }
                #expect(leftovers.isEmpty, "after \(delay) s: \(leftovers)")
            }
        }
    }

    @Test("a non-finite population risk at the end is a failure (status failed-non-finite-risk); a finite one keeps the run's status")
    func nonFiniteRisk() throws {
        #expect(ProblemRun.status(.reachedTime, at: 2.5, risk: Double.nan) == .nonFinite(.risk, time: "2.50000"))
        #expect(ProblemRun.status(.timeLimit, at: 1.0, risk: -Double.infinity) == .nonFinite(.risk, time: "1.00000"))
        #expect(ProblemRun.status(.converged, at: 1.0, risk: 0.5) == .converged)
        // A run that already failed keeps its own failure.
        #expect(ProblemRun.status(.nonFinite(.loss, time: "0"), at: 0.0, risk: Double.nan) == .nonFinite(.loss, time: "0"))
    }

    @Test("a run record's status is read back as the status it wrote; an unknown status is refused")
    func statusRoundTrip() throws {
        let statuses: [FlowStatus] = [.reachedTime, .converged, .timeLimit, .stepLimit, .wallClockLimit, .stepSizeUnderflow,
                                      .nonFinite(.state, time: "3.14159"), .nonFinite(.risk, time: "1.00000e+06")]
        let base = try JSONSerialization.jsonObject(with: Data(Self.recordJSON.utf8)) as! [String: Any]
        for status in statuses {
            var object = base
            object["status"] = status.rawValue
            let record = try JSONDecoder().decode(RunRecord.self, from: JSONSerialization.data(withJSONObject: object))
            #expect(record.status == status)
            let again = try JSONDecoder().decode(RunRecord.self, from: JSONEncoder().encode(record))
            #expect(again.status == status && again.work.methods.map(\.method) == [.taylor])
        }
        for text in ["done", "failed-non-finite-mood at t = 1", "failed-non-finite-loss", "reached-time "] {
            var object = base
            object["status"] = text
            #expect(throws: DecodingError.self) { _ = try JSONDecoder().decode(RunRecord.self, from: JSONSerialization.data(withJSONObject: object)) }
        }
    }

    static let recordJSON = """
        {"provenance": {"tool": "t", "gmp": "g", "mpfr": "m", "mpfi": "i", "precision": "double", "toleranceBits": 47,
         "guardBits": 0, "integrator": "x", "data": "d", "initialization": "i"},
         "status": "reached-time", "finalTime": "1", "finalState": ["1", "-2.5e-3"], "finalLoss": "0.25",
         "populationRisk": {"value": "0.5", "errorEstimate": "1e-9", "method": "q"},
         "imbalanceAtStart": ["0"], "imbalanceAtEnd": ["0"], "events": [], "samples": [],
         "work": {"acceptedSteps": 1, "rejectedSteps": 0, "fieldEvaluations": 1, "jacobianEvaluations": 0,
          "explicitSteps": 0, "taylorSteps": 1, "implicitSteps": 0, "collocationSteps": 0,
          "methods": [{"method": "taylor", "acceptedSteps": 1, "rejectedSteps": 0}], "wallSeconds": 0}}
        """

    @Test("every command's --help documents its exit codes; --method lists its values", arguments: [
        ["run"], ["recovery"], ["problem"], ["verify"], ["selfcheck"], ["symbolic", "series"], ["symbolic", "flow"], [],
    ])
    func helpDocumentsExitCodes(_ command: [String]) throws {
        let r = try FlowVerifyProcess.run(command + ["--help"], timeoutSeconds: 60)
        #expect(r.status == 0)
        let text = r.stdout.replacingOccurrences(of: "\n", with: " ")
        #expect(text.contains("Exit codes") || text.contains("Exits 0"), "\(command)")
        #expect(text.contains("64"), "\(command)")
        if command == ["run"] {
            for code in ["65", "73", " 1 ", " 2 "] { #expect(text.contains(code), "run --help names \(code)") }
            for value in FlowOptions.MethodChoice.allCases { #expect(text.contains(value.rawValue)) }
            #expect(text.contains("4096"))
        }
    }

    @Test("a message quoting a 100 kB argument (near the kernel's limit for one argument) stays a short line", arguments: ["run", "symbolic"])
    func longArgument(_ command: String) throws {
        let long = String(repeating: "7", count: 100_000)
        let args = command == "run" ? ["run", "problems/P1.json", "--precision", long] : ["symbolic", "series", "--activation", long]
        let r = try FlowVerifyProcess.run(args, timeoutSeconds: 60, directory: FlowVerifyProcess.repository)
        #expect(r.status == 64)
        #expect(r.stderr.count < 2_000, "\(r.stderr.count) characters")
        #expect(!r.stderr.split(separator: "\n").contains { $0.count > 301 })
    }
}
