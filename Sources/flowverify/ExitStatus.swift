import ArgumentParser
import Foundation
import MultiPrecision

/// The exit codes of every command (sysexits.h where one fits), and the one error path that
/// maps a thrown error to a one-line message on standard error and its code.
///
///     0   success: the run reached its horizon or converged; all claims hold; all checks hold
///     1   a failure of the work itself: the integration failed (a non-finite state, loss or
///         risk, a step size below the precision), a claim fails, a self-check fails
///     2   not decided: a run ended by a guard before converging; a claim is undecided
///     64  bad command line (EX_USAGE)
///     65  bad input data: a problem file or an expression that cannot be used, or a run whose
///         memory estimate exceeds the limit (EX_DATAERR)
///     73  an output cannot be created: --out is not a regular file, or not writable
///         (EX_CANTCREAT); checked before the work starts, nothing is replaced
enum ExitStatus {
    static let usage: Int32 = 64
    static let dataError: Int32 = 65
    static let cannotCreate: Int32 = 73
    /// Every code a command may return (`make fuzz` checks them).
    static let documented: Set<Int32> = [0, 1, 2, usage, dataError, cannotCreate]

    /// The exit-code paragraph of the --help texts.
    static let helpText = "Exit codes: 0 success, 1 the work failed (a non-finite result, a failing claim or check), "
        + "2 not decided (a guard ended the run, an undecided claim), 64 bad command line, "
        + "65 bad input (problem file, expression, or a run above --memory-limit), "
        + "73 --out cannot be written (not a regular file, not writable; checked before the work)."
}

/// A failure that ends a command: a one-line message and an exit code.
struct CommandFailure: Error, CustomStringConvertible {
    let code: Int32
    let message: String

    static func usage(_ message: String) -> CommandFailure { CommandFailure(code: ExitStatus.usage, message: message) }
    static func input(_ message: String) -> CommandFailure { CommandFailure(code: ExitStatus.dataError, message: message) }
    static func output(_ message: String) -> CommandFailure { CommandFailure(code: ExitStatus.cannotCreate, message: message) }
    static func failed(_ message: String) -> CommandFailure { CommandFailure(code: 1, message: message) }

    var description: String { message }
}

/// Longest message line printed: a backstop behind the excerpts the messages already quote.
private let maximumLineLength = 300

/// What the error path prints for an error, and the exit code.
struct FailureReport {
    let text: String
    let code: Int32
    /// --help and --version (code 0) print on standard output, failures on standard error.
    var toStandardOutput: Bool { code == 0 }
}

/// The report of an error: a `CommandFailure`'s one line (`error: …`), or argument-parser's
/// message and code (usage errors 64, --help 0, `ExitCode`), with any run of more than 72
/// non-space characters (an echoed argument) cut to an excerpt and every line to
/// `maximumLineLength`.
func failureReport(for error: Error) -> FailureReport {
    let text: String, code: Int32
    if let failure = error as? CommandFailure {
        text = "error: " + failure.message.replacingOccurrences(of: "\n", with: " ")
        code = failure.code
    } else {
        text = FlowVerify.fullMessage(for: error)
        code = FlowVerify.exitCode(for: error).rawValue
    }
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(shortened)
    return FailureReport(text: lines.joined(separator: "\n"), code: code)
}

/// A line with long words cut to excerpts, then to `maximumLineLength` characters.
private func shortened(_ line: Substring) -> String {
    var out = "", word = ""
    func flush() { out += word.count > 72 ? endsExcerpt(word) : word; word = "" }
    for c in line {
        if c == " " { flush(); out.append(c) } else { word.append(c) }
        if word.count > 100_000 { break }
    }
    flush()
    return out.count > maximumLineLength ? String(out.prefix(maximumLineLength)) + "…" : out
}

/// A long word cut to its first and last characters: an echoed input stays short, and a long
/// path keeps the file name at its end.
private func endsExcerpt(_ word: String) -> String {
    DecimalSyntax.excerpt(String(word.prefix(24)), limit: 24) + "…" + DecimalSyntax.excerpt(String(word.suffix(32)), limit: 32)
        + " (\(word.utf8.count) bytes)"
}

/// The single error path of all commands: prints the error's report and returns its code.
func reportFailure(_ error: Error) -> Int32 {
    let report = failureReport(for: error)
    if !report.text.isEmpty {
        let text = report.text.hasSuffix("\n") ? report.text : report.text + "\n"
        if report.toStandardOutput { print(text, terminator: "") } else { FileHandle.standardError.write(Data(text.utf8)) }
    }
    return report.code
}

/// A usage error quoting at most an excerpt of the offending argument.
func badOption(_ option: String, _ value: String, _ why: String) -> CommandFailure {
    .usage("\(option): \"\(DecimalSyntax.excerpt(value))\" \(why)")
}
