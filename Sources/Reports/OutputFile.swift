import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Why an output cannot be written.
public struct OutputError: Error, CustomStringConvertible {
    public let path: String
    public let reason: String
    public var description: String { "cannot write \(path): \(reason)" }
}

/// The tool's outputs, written so that nothing but a regular file is ever replaced and no
/// half-written file is left behind:
///
/// - `check(_:)` runs before the work: the path must be absent or a regular file (not a
///   symbolic link, directory, FIFO or device such as /dev/full), and its directory writable,
///   proved by creating and removing a probe file there;
/// - `write(_:to:)` writes a temporary file in the same directory (`O_CREAT | O_EXCL`), checks
///   the path again, and renames the temporary over it; on any failure the temporary is removed,
///   and on SIGINT, SIGTERM or SIGHUP during the write the handler removes it before the
///   process ends (SIGKILL cannot be caught: such a temporary is named `.NAME.partial-PID`).
public enum OutputFile {
    /// Checks that `url` can be written, before any work (see the type's documentation).
    public static func check(_ url: URL) throws(OutputError) {
        try checkTarget(url)
        let probe = temporaryPath(for: url) + "-probe"
        let fd = open(probe, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard fd >= 0 else { throw OutputError(path: url.path, reason: String(cString: strerror(errno))) }
        close(fd)
        unlink(probe)
    }

    /// Writes `data` to `url` atomically (see the type's documentation).
    public static func write(_ data: Data, to url: URL) throws(OutputError) {
        try checkTarget(url)
        let temporary = temporaryPath(for: url)
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard fd >= 0 else { throw OutputError(path: url.path, reason: String(cString: strerror(errno))) }
        CleanupOnSignal.register(temporary)
        defer { CleanupOnSignal.unregister() }
        var failure: String? = nil
        data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            var offset = 0
            while offset < buffer.count {
                let n = Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = String(cString: strerror(errno)); return
                }
                offset += n
            }
        }
        if failure == nil, fsync(fd) != 0 { failure = String(cString: strerror(errno)) }
        if close(fd) != 0, failure == nil { failure = String(cString: strerror(errno)) }
        if failure == nil {
            do { try checkTarget(url) } catch { failure = error.reason }
        }
        if failure == nil, rename(temporary, url.path) != 0 { failure = String(cString: strerror(errno)) }
        if let failure {
            unlink(temporary)
            throw OutputError(path: url.path, reason: failure)
        }
    }

    /// Checks, before the work, that each of `names` can be written into `directory` (created
    /// if needed).
    public static func check(_ names: [String], in directory: URL) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for name in names { try check(directory.appendingPathComponent(name)) }
    }

    /// Writes each (name, contents) into `directory` (created if needed), each atomically;
    /// returns their URLs.
    @discardableResult
    public static func write(_ files: [(name: String, contents: Data)], into directory: URL) throws -> [URL] {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return try files.map { name, contents in
            let url = directory.appendingPathComponent(name)
            try write(contents, to: url)
            return url
        }
    }

    /// Call once at the start of a command that writes outputs: interrupts (SIGINT, SIGTERM,
    /// SIGHUP) are unblocked, so that they end the process and remove a temporary in progress.
    public static func prepareForInterrupts() { CleanupOnSignal.unblockSignals() }

    /// The path is absent or a regular file, in an existing directory.
    static func checkTarget(_ url: URL) throws(OutputError) {
        var s = stat()
        if lstat(url.path, &s) == 0 {
            let kind = s.st_mode & S_IFMT
            guard kind == S_IFREG else {
                let what = kind == S_IFLNK ? "a symbolic link" : kind == S_IFDIR ? "a directory"
                    : kind == S_IFIFO ? "a FIFO" : kind == S_IFCHR || kind == S_IFBLK ? "a device" : "not a regular file"
                throw OutputError(path: url.path, reason: "it is \(what); only a regular file is replaced")
            }
        } else if errno != ENOENT {
            throw OutputError(path: url.path, reason: String(cString: strerror(errno)))
        }
        let directory = url.deletingLastPathComponent().path
        guard stat(directory, &s) == 0, s.st_mode & S_IFMT == S_IFDIR else {
            throw OutputError(path: url.path, reason: "its directory \(directory) does not exist")
        }
    }

    static func temporaryPath(for url: URL) -> String {
        url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).partial-\(getpid())").path
    }
}

/// Removes the temporary file being written when the process is interrupted (SIGINT, SIGTERM,
/// SIGHUP), then lets the signal end the process as it would have. One temporary at a time.
enum CleanupOnSignal {
    nonisolated(unsafe) private static var path: UnsafeMutablePointer<CChar>? = nil
    nonisolated(unsafe) private static var installed = false
    static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP]

    /// Unblocks SIGINT, SIGTERM and SIGHUP, which a parent may have left blocked (a mask is
    /// inherited across exec): an interrupted run must end, and clean up after itself.
    static func unblockSignals() {
        var set = sigset_t()
        sigemptyset(&set)
        for s in signals { sigaddset(&set, s) }
        sigprocmask(SIG_UNBLOCK, &set, nil)
    }

    static func register(_ temporary: String) {
        if !installed {
            installed = true
            for s in signals {
                signal(s) { sig in
                    if let p = CleanupOnSignal.path { unlink(p) }
                    signal(sig, SIG_DFL)
                    raise(sig)
                }
            }
        }
        path = strdup(temporary)
    }

    static func unregister() {
        let p = path
        path = nil
        free(p)
    }
}
