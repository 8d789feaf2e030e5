import ArgumentParser
import Foundation
import MultiPrecision
import Reports
import Verification

struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check the paper's claims and write the report (the main job).",
        discussion: """
            Runs the check of every selected claim of proofs/THEORY.md §3 (proofs in proofs/), on all \
            cores, prints a summary table (claim, verdict, digits, margin, time) and writes \
            DIR/report.json, DIR/report.md and DIR/index.html. A verdict is holds, fails or \
            undecided at this precision. Exit codes: 0 all claims hold, 1 any fails, 2 only \
            undecided ones remain, 64 bad arguments, 73 the report cannot be written into DIR \
            (checked before the claims run: DIR must be creatable and writable, and each report \
            file absent or a regular file).
            """
    )

    @Option(help: ArgumentHelp("Claims to check, by id (default: all).", valueName: "1,4,12"))
    var claims: String?

    @Flag(help: "Fewer ε rungs, seeds and sample sizes, and the ladder \(Self.text(Rung.quickLadder)) unless --ladder is given (about a minute).")
    var quick = false

    @Option(help: ArgumentHelp("Precision ladder in bits; 53 is the double fast path (default \(Self.text(Rung.defaultLadder))).", valueName: "bits,…"),
            transform: VerifyCommand.ladder(parsing:))
    var ladder: [Rung]?

    static func text(_ ladder: [Rung]) -> String { ladder.map { "\($0.bits)" }.joined(separator: ",") }

    /// `--ladder`, parsed once here: precisions in bits (53 = double), at most the command's limit.
    static func ladder(parsing text: String) throws -> [Rung] {
        guard let rungs = Rung.ladder(parsing: text) else {
            throw ValidationError("not a comma-separated list of precisions in bits (53 = double)")
        }
        guard rungs.allSatisfy({ $0.bits <= CommandLimits.maximumPrecisionBits }) else {
            throw ValidationError("a precision above \(CommandLimits.maximumPrecisionBits) bits")
        }
        return rungs
    }

    @Option(help: ArgumentHelp("Working precision of the claims' main runs, in bits (53...\(CommandLimits.maximumPrecisionBits)).", valueName: "bits"))
    var precision: Int = 256

    @Option(help: ArgumentHelp("Directory for report.json, report.md and index.html.", valueName: "DIR"))
    var out: String = "reports/verify"

    @Flag(help: "No progress on standard error.")
    var quiet = false

    func selectedClaims() throws -> [Int]? {
        guard let claims else { return nil }
        let ids = claims.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard !ids.isEmpty, ids.allSatisfy({ $0.map(ClaimRegistry.ids.contains) ?? false }) else {
            throw ValidationError("--claims: \"\(DecimalSyntax.excerpt(claims))\" is not a comma-separated list of claim ids 1 … 12")
        }
        return ids.compactMap { $0 }
    }

    func validate() throws {
        _ = try selectedClaims()
        guard precision >= 53, precision <= CommandLimits.maximumPrecisionBits else {
            throw ValidationError("--precision: \(precision) is outside 53...\(CommandLimits.maximumPrecisionBits) bits")
        }
    }

    func run() throws {
        let directory = URL(fileURLWithPath: out, isDirectory: true)
        do { try ReportWriter.check(directory) } catch {
            throw CommandFailure.output("cannot write the report into \(DecimalSyntax.excerpt(out)): \(Self.reason(error))")
        }
        let quiet = self.quiet
        let context = CheckContext(precision: Rung(bits: precision), ladder: ladder, quick: quick,
                                   progress: { line in
                                       if !quiet { FileHandle.standardError.write(Data((line + "\n").utf8)) }
                                   })
        let report = Verifier(claims: try selectedClaims(), context: context).run()
        print(SummaryTable.render(report))
        do { try ReportWriter.write(report, to: directory) } catch {
            throw CommandFailure.output("cannot write the report into \(DecimalSyntax.excerpt(out)): \(Self.reason(error))")
        }
        print("report: \(out)/index.html, report.md, report.json")
        if report.exitCode != 0 { throw ExitCode(report.exitCode) }
    }

    private static func reason(_ error: Error) -> String {
        (error as? OutputError)?.description ?? (error as NSError).localizedDescription
    }
}
