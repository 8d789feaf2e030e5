import Foundation

/// Runs a headless Chromium on a local page, for the rendering tests.
///
/// The console check: Chromium is started with `--enable-logging=stderr --v=0`, which makes
/// it copy every message of the page's console to standard error as a line containing
/// "CONSOLE" ("[…:INFO:CONSOLE:1] "Uncaught ReferenceError: …", source: file:///… (1)"). The
/// report has no script at all, so any console line is a failure: an uncaught exception or
/// console.error from a script, and — because the page's Content Security Policy is
/// `default-src 'none'` — every attempt to load something (an image, a font, a style sheet,
/// a script), which Chromium reports on the console as a policy violation. The tests check
/// that the check works on pages with a deliberate error.
struct HeadlessChromium {
    let executable: String

    /// CHROMIUM if set, else the first of chromium, chromium-browser, google-chrome(-stable)
    /// on PATH.
    static let found: HeadlessChromium? = {
        let env = ProcessInfo.processInfo.environment
        if let explicit = env["CHROMIUM"], FileManager.default.isExecutableFile(atPath: explicit) {
            return HeadlessChromium(executable: explicit)
        }
        let dirs = (env["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map(String.init)
        for name in ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"] {
            for dir in dirs where FileManager.default.isExecutableFile(atPath: dir + "/" + name) {
                return HeadlessChromium(executable: dir + "/" + name)
            }
        }
        return nil
    }()

    /// CI is set (and not "false" or "0"): a missing browser is then a failure.
    static let inCI: Bool = {
        guard let v = ProcessInfo.processInfo.environment["CI"]?.lowercased() else { return false }
        return !v.isEmpty && v != "false" && v != "0"
    }()

    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
        /// The page's console messages (see the type's documentation).
        var consoleLines: [String] {
            stderr.split(separator: "\n").map(String.init).filter { $0.contains(":CONSOLE") }
        }
    }

    /// Runs Chromium on `page` with `arguments` added (--dump-dom, --screenshot=…), a fresh
    /// profile, and a time limit.
    func run(_ page: URL, _ arguments: [String], timeout: TimeInterval = 120) throws -> Run {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("chromium-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let out = scratch.appendingPathComponent("stdout"), err = scratch.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        let outHandle = try FileHandle(forWritingTo: out), errHandle = try FileHandle(forWritingTo: err)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                             "--no-first-run", "--no-default-browser-check", "--disable-extensions",
                             "--hide-scrollbars", "--enable-logging=stderr", "--v=0",
                             "--user-data-dir=" + scratch.appendingPathComponent("profile").path]
            + arguments + [page.absoluteString]
        process.standardOutput = outHandle
        process.standardError = errHandle
        var environment = ProcessInfo.processInfo.environment
        environment["HOME"] = scratch.path
        process.environment = environment
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
            throw ChromiumTimeout(seconds: timeout)
        }
        process.waitUntilExit()
        try outHandle.close()
        try errHandle.close()
        return Run(status: process.terminationStatus,
                   stdout: (try? String(contentsOf: out, encoding: .utf8)) ?? "",
                   stderr: (try? String(contentsOf: err, encoding: .utf8)) ?? "")
    }

    struct ChromiumTimeout: Error, CustomStringConvertible {
        var seconds: TimeInterval
        var description: String { "chromium did not finish within \(Int(seconds)) s" }
    }
}

/// The IHDR of a PNG file: its width and height (PNG spec §11.2.2), nil when the data is not a PNG.
func pngSize(_ data: Data) -> (width: Int, height: Int)? {
    let bytes = [UInt8](data.prefix(24))
    guard bytes.count == 24, bytes[0..<8] == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A],
          bytes[12..<16] == [0x49, 0x48, 0x44, 0x52] else { return nil }
    func be32(_ i: Int) -> Int { bytes[i..<(i + 4)].reduce(0) { $0 << 8 | Int($1) } }
    return (be32(16), be32(20))
}
