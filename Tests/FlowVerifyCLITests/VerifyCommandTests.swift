import Foundation
import Testing

/// `flowverify verify` as a user meets it: exit codes, the table, the three report files, and
/// nothing written on bad arguments.
@Suite("flowverify verify")
struct VerifyCommandTests {
    let cli = RunCommandTests()

    @Test("bad --claims, --ladder or --precision exit 64 with a message naming the option, and write nothing",
          arguments: [(["--claims", "13"], "--claims"), (["--claims", "1,x"], "--claims"),
                      (["--ladder", "53,abc"], "--ladder"), (["--precision", "20"], "--precision")])
    func badArguments(_ arguments: [String], option: String) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("flowverify-verify-bad-\(UUID())")
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try cli.flowverify(["verify"] + arguments + ["--out", dir.path, "--quiet"])
        #expect(r.status == 64)
        #expect(r.stderr.contains(option))
        #expect(!FileManager.default.fileExists(atPath: dir.path))
    }

    /// Claim 12 holds against its closed form at double and 128 bits (an independent exact
    /// solution): exit code 0, one table row, and three report files whose JSON says so.
    @Test("claim 12 alone: exit 0, the table row, report.json/report.md/index.html written")
    func claim12() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("flowverify-verify-\(UUID())")
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try cli.flowverify(["verify", "--claims", "12", "--quick", "--ladder", "53,128", "--out", dir.path])
        #expect(r.status == 0)
        #expect(r.stdout.contains("12. Integrator reference") && r.stdout.contains("holds"))
        #expect(r.stderr.contains("claim-12"))
        for name in ["report.json", "report.md", "index.html"] {
            #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent(name).path), "\(name)")
        }
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("report.json"))) as? [String: Any]
        #expect(json?["exitCode"] as? Int == 0)
        #expect((json?["claims"] as? [[String: Any]])?.count == 1)
    }
}
