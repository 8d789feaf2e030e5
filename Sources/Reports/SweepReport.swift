import Foundation
import MultiPrecision
import Sweeps
import Verification

/// A sweep's report (`flowverify sweep report`): the cells with their counts and F(n)
/// intervals, the thresholds per group with the candidate formulas judged, and provenance.
/// report.json is this value (schema `schemas/sweep-report.schema.json`); report.md,
/// index.html and the CSV files are renderings of it.
public struct SweepReport: Codable, Sendable {
    public static let schemaID = "flowverify-sweep-report/1"

    public struct Provenance: Codable, Sendable {
        public var tool: String
        public var libraries: String
        public var created: String
        public var store: String
        public var sweeps: [Sweep]
        public struct Sweep: Codable, Sendable { public var name: String; public var planned: Int }
    }

    /// A threshold's group, encoded as the store's coordinates name it.
    public typealias Group = GroupKey

    public struct Cell: Codable, Sendable {
        public var group: Group
        public var n: Int
        public var runs, recovered, notRecovered, undecided, escalated: Int
        public var probability: Double?
        public var lower, upper: Double
        /// CPU seconds of the `cpuMeasured` runs whose CPU time the store holds, and of the
        /// escalated ones among them.
        public var cpuSeconds: Double
        public var cpuMeasured: Int
        public var escalatedCPUSeconds: Double
    }

    public struct Threshold: Codable, Sendable {
        public var group: Group
        public var nOpt: SampleSizeThreshold
        public var nSep: SampleSizeThreshold
        public var candidates: [Candidate]
    }

    public struct Candidate: Codable, Sendable {
        public var quantity: String
        public var formula: String
        public var value: Int
        public var judgement: String
        public var why: String
    }

    public var schema = SweepReport.schemaID
    public var provenance: Provenance
    /// The level L of n_sep = min{n : 95 % lower bound of F(n) ≥ L}.
    public var level: Double
    public var runs: Int
    public var failures: Int
    public var cells: [Cell]
    public var thresholds: [Threshold]

    public init(analysis: ThresholdAnalysis, store: String, sweeps: [(name: String, planned: Int)], failures: Int) {
        provenance = Provenance(tool: "flowverify \(LibraryVersions.flowverify)",
                                libraries: "GMP \(LibraryVersions.gmp), MPFR \(LibraryVersions.mpfr), MPFI \(LibraryVersions.mpfi)",
                                created: ISO8601DateFormatter().string(from: Date()), store: store,
                                sweeps: sweeps.map { .init(name: $0.name, planned: $0.planned) })
        level = analysis.level
        runs = analysis.runCount
        self.failures = failures
        cells = analysis.cells.map { c in
            Cell(group: c.group, n: c.sampleSize, runs: c.runs, recovered: c.recovered, notRecovered: c.notRecovered,
                 undecided: c.undecided, escalated: c.escalated, probability: c.probability, lower: c.lower, upper: c.upper,
                 cpuSeconds: c.cpuSeconds, cpuMeasured: c.cpuMeasured, escalatedCPUSeconds: c.escalatedCPUSeconds)
        }
        thresholds = analysis.groups.map { g in
            Threshold(group: g.key, nOpt: g.optimistic, nSep: g.separation, candidates: g.candidates.map {
                Candidate(quantity: $0.quantity.rawValue, formula: $0.formula, value: $0.value, judgement: $0.judgement.rawValue, why: $0.why)
            })
        }
    }

    public func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }
}

extension SweepReport.Group {
    /// The group without m and d (the heatmaps and n_sep plots draw one per such family).
    var family: String { "\(bias ? "bias " : "")\(activation) ε=\(scale) \(initialization)" }
}
