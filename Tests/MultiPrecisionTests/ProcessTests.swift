import Foundation
import MultiPrecision
import Testing

/// Checks that need a process of their own: the live-object count is process-wide, and other
/// tests allocate concurrently, so `mpcheck` (Sources/mpcheck) runs them in a fresh process
/// built in the same configuration as these tests.
@Suite("Fresh-process checks")
struct ProcessTests {
    func runMPCheck(_ arguments: [String]) throws -> (status: Int32, output: String) {
        // The test runner is an executable in the build products folder, beside mpcheck.
        let dir = Bundle.main.executableURL?.deletingLastPathComponent() ?? Bundle.main.bundleURL
        let candidates = [dir.appendingPathComponent("mpcheck"), Bundle.main.bundleURL.appendingPathComponent("mpcheck")]
        guard let url = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
            Issue.record("mpcheck not found beside the test bundle (\(dir.path))")
            return (-1, "")
        }
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test("creating and dropping 10^6 BigFloats leaves the live count unchanged")
    func noLeaks() throws {
        let (status, output) = try runMPCheck(["leaks", "1000000"])
        #expect(status == 0, "\(output)")
        #expect(output.contains("created and dropped"))
    }

    @Test("x.add(x, x), x.fma(x, x, x) and generic aliasing give the right values")
    func aliasing() throws {
        let (status, output) = try runMPCheck(["aliasing"])
        #expect(status == 0, "\(output)")
        #expect(!output.contains("WRONG"))
    }

    @Test("aliasing in this process too")
    func aliasingInProcess() throws {
        let p = try Precision(bits: 256)
        // x = 1 + 2^-200: x + x = 2 + 2^-199 exactly; then x·x + x = 6 + 5·2^-199 + 2^-398,
        // whose rounding to 256 bits drops only the 2^-398 term (an unfused x·x would too,
        // so this checks aliasing, not fusion).
        var x = try BigFloat(parsing: "1", precision: p)
        var tiny = BigFloat(1, precision: p)
        tiny.scale(tiny, byPowerOfTwo: -200)
        x.add(x, tiny)
        x.add(x, x)
        #expect(x.exactRational == Rational(2) + Rational.pow(Rational(2), -199))
        x.fma(x, x, x)
        let expected = Rational(6) + Rational(5) * Rational.pow(Rational(2), -199)
        #expect(x.exactRational == expected)
    }
}
