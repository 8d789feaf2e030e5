import Foundation
import MultiPrecision

/// The whole verification run: what `flowverify verify` writes as report.json (schema:
/// `schemas/report.schema.json`) and renders as report.md and index.html.
public struct Report: Codable, Sendable {
    /// The schema this document follows.
    public var schema = "flowverify-report/1"
    public var provenance: Provenance
    public var options: Options
    public var claims: [ClaimResult]
    /// The combined verdict and its exit code (0 all hold, 1 any fails, 2 undecided remain).
    public var verdict: Verdict
    public var exitCode: Int32
    public var counts: Counts
    public var seconds: Double

    public struct Provenance: Codable, Sendable {
        public var tool: String
        public var gmp: String
        public var mpfr: String
        public var mpfi: String
        /// ISO 8601, UTC.
        public var created: String
        public var cores: Int
        public var paper = "arXiv:2405.13787"
    }

    public struct Options: Codable, Sendable {
        public var claims: [Int]
        public var quick: Bool
        public var precisionBits: Int
        public var ladder: [Int]
    }

    public struct Counts: Codable, Sendable {
        public var holds: Int
        public var fails: Int
        public var undecided: Int
    }

    public init(claims: [ClaimResult], context: CheckContext, seconds: Double, created: Date = Date()) {
        provenance = Provenance(tool: "flowverify \(LibraryVersions.flowverify)", gmp: LibraryVersions.gmp,
                                mpfr: LibraryVersions.mpfr, mpfi: LibraryVersions.mpfi,
                                created: ISO8601DateFormatter().string(from: created),
                                cores: ProcessInfo.processInfo.activeProcessorCount)
        options = Options(claims: claims.map(\.claim.id), quick: context.quick,
                          precisionBits: context.precision.bits, ladder: context.ladder.map(\.bits))
        self.claims = claims
        verdict = Verdict.combining(claims.map(\.verdict))
        exitCode = verdict.exitCode
        counts = Counts(holds: claims.filter { $0.verdict == .holds }.count,
                        fails: claims.filter { $0.verdict == .fails }.count,
                        undecided: claims.filter { $0.verdict == .undecided }.count)
        self.seconds = seconds
    }

    /// report.json: sorted keys, pretty-printed.
    public func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }
}
