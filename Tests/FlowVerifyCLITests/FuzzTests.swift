import Foundation
import MultiPrecision
import Symbolic
import Testing
import TwoLayerNet
@testable import flowverify

/// Fuzzing with `FuzzGenerator` (fixed seed): in process on a few thousand cases of each kind
/// (the reader, the parser, the command-line parser: a trap would end the test process), then a
/// sample in fresh processes of the binary built with the tests, with the checks of `FuzzHarness`. `make fuzz`
/// runs the same harness on ≥ 10,000 cases of each kind against the release binary.
@Suite("fuzzing")
struct FuzzTests {
    static let generator = FuzzGenerator(seed: 20_240_513)

    @Test("2,000 mutated problem files: each decodes or fails with one short line naming a field or a position")
    func problemFilesInProcess() throws {
        var refused = 0
        for i in 0..<2_000 {
            let data = Self.generator.problemCase(i)
            let activation: (String) throws -> any ExpressionActivation = { try SymbolicExpressionActivation(parsing: $0) }
            do {
                let spec = try ProblemSpec(json: data, expressionActivation: activation)
                let estimate = RunMemoryEstimate(network: spec.network, sampleCount: spec.data.sampleCount, precision: nil,
                                                 jetOrder: 25, denseMatrices: 4, collocationDegree: nil)
                if estimate.bytes < 64 * 1024 * 1024 {
                    do {
                        let problem: Problem<Double> = try spec.instantiate(precision: .double)
                        #expect(problem.initialParameters.allSatisfy { $0.isFinite }, "case \(i)")
                    } catch {
                        refused += 1
                        Self.expectShortLine(error.description, "problem case \(i)")
                    }
                }
            } catch {
                refused += 1
                Self.expectShortLine(error.description, "problem case \(i)")
                if case .invalidJSON(let reason) = error { #expect(reason.hasPrefix("line ") || reason.hasPrefix("the top level"), "case \(i): \(reason)") }
            }
        }
        #expect(refused > 200 && refused < 2_000, "the generator should make both good and bad files (refused \(refused))")
    }

    @Test("3,000 expressions: each parses or fails with a column; what parses expands to order 6 or hits a limit")
    func expressionsInProcess() throws {
        for i in 0..<3_000 {
            let text = Self.generator.expressionCase(i)
            let began = ContinuousClock.now
            defer { if ContinuousClock.now - began > .milliseconds(100) { print("SLOW \(ContinuousClock.now - began) \(DecimalSyntax.excerpt(text, limit: 120))") } }
            do {
                let sigma = try SymbolicActivation(parsing: text)
                let budget = SeriesBudget(seconds: 0.2)
                do {
                    _ = try sigma.expression.series(in: SymbolicActivation.variableName, at: Expr.zero, order: 6, budget: budget)
                } catch {
                    Self.expectShortLine(error.description, "expression case \(i)")
                }
                _ = try? sigma.expression.evaluate(at: [SymbolicActivation.variableName: 0.5])
            } catch {
                Self.expectShortLine("\(error)", "expression case \(i)")
            }
        }
    }

    @Test("1,000 command lines: each parses and validates, or fails with exit code 0 (help) or 64")
    func commandLinesInProcess() throws {
        for i in 0..<1_000 {
            let args = Self.generator.commandCase(i, problem: "problems/P1.json", out: "/tmp/flowverify-fuzz-unused.json")
            do {
                _ = try FlowVerify.parseAsRoot(args)
            } catch {
                let report = failureReport(for: error)
                #expect(report.code == 0 || report.code == 64, "case \(i) \(args.map { DecimalSyntax.excerpt($0) }): exit \(report.code)")
                for line in report.text.split(separator: "\n") {
                    #expect(line.count <= 301, "case \(i): a message line of \(line.count) characters")
                    #expect(!line.split(separator: " ").contains { $0.count > 80 }, "case \(i): a long word in \(line.prefix(200))")
                }
            }
        }
    }

    @Test("a sample in fresh processes: no signal, no hang, a documented exit code, nothing written on refusal")
    func subprocessSample() throws {
        let harness = try FuzzHarness(binary: FlowVerifyProcess.binary, timeoutSeconds: 120, memoryCapKiB: 8 << 20)
        let summary = try harness.campaign(generator: Self.generator, casesPerKind: 25, start: 0)
        #expect(summary.failures.isEmpty, "\(summary.failures.prefix(10))")
    }

    @Test("the harness reads a record's numbers exactly: 2e2253 and 1e-400 are finite, inf and nan are not")
    func recordFiniteness() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fv-record-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        func verdict(_ loss: String, _ state: [String], _ risk: String?) throws -> String? {
            var record: [String: Any] = ["finalLoss": loss, "finalState": state]
            if let risk { record["populationRisk"] = ["value": risk] }
            let url = dir.appendingPathComponent("r.json")
            try JSONSerialization.data(withJSONObject: record).write(to: url)
            return FuzzHarness.nonFiniteRecord(at: url)
        }
        #expect(try verdict("2e2253", ["1e-400", "-3.5"], "0.25") == nil)
        #expect(try verdict("inf", ["1"], "0.25") != nil)
        #expect(try verdict("0.5", ["1", "nan"], "0.25") != nil)
        #expect(try verdict("0.5", ["1"], "-infinity") != nil)
        #expect(try verdict("0.5", ["1"], nil) != nil)
        #expect(FuzzHarness.nonFiniteRecord(at: dir.appendingPathComponent("missing.json")) != nil)
    }

    /// `make fuzz`: FLOWVERIFY_FUZZ_CASES cases of each kind against FLOWVERIFY_FUZZ_BINARY; prints
    /// the counts. Without the variables this test does nothing.
    @Test("fuzz campaign (make fuzz)")
    func campaign() throws {
        let env = ProcessInfo.processInfo.environment
        guard let casesText = env["FLOWVERIFY_FUZZ_CASES"], let cases = Int(casesText), let binary = env["FLOWVERIFY_FUZZ_BINARY"] else { return }
        let harness = try FuzzHarness(binary: URL(fileURLWithPath: binary), timeoutSeconds: 120, memoryCapKiB: 8 << 20,
                                      parallel: Int(env["FLOWVERIFY_FUZZ_JOBS"] ?? "") ?? 2)
        let summary = try harness.campaign(generator: FuzzGenerator(seed: UInt64(env["FLOWVERIFY_FUZZ_SEED"] ?? "") ?? Self.generator.seed),
                                           casesPerKind: cases, start: 0)
        print(summary.report)
        #expect(summary.failures.isEmpty, "\(summary.failures.prefix(20))")
    }

    /// Writes case FLOWVERIFY_FUZZ_DUMP of each kind into /tmp (to reproduce a failure by hand).
    @Test("dump one case (FLOWVERIFY_FUZZ_DUMP)")
    func dump() throws {
        guard let text = ProcessInfo.processInfo.environment["FLOWVERIFY_FUZZ_DUMP"], let i = Int(text) else { return }
        try Self.generator.problemCase(i).write(to: URL(fileURLWithPath: "/tmp/flowverify-fuzz-problem-\(i).json"))
        try Self.generator.commandCase(i, problem: "PROBLEM", out: "OUT").joined(separator: "\n")
            .write(toFile: "/tmp/flowverify-fuzz-command-\(i).txt", atomically: true, encoding: .utf8)
        try Self.generator.expressionCase(i).write(toFile: "/tmp/flowverify-fuzz-expression-\(i).txt", atomically: true, encoding: .utf8)
    }

    static func expectShortLine(_ message: String, _ context: String) {
        #expect(!message.contains("\n"), "\(context): \(DecimalSyntax.excerpt(message, limit: 200))")
        #expect(message.count <= 400, "\(context): a message of \(message.count) characters")
    }
}
