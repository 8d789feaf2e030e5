import Foundation
import GRDB
import MultiPrecision
import Verification

/// One finished run as the store holds it: hash, grid coordinates, the recovery verdict
/// (outcome, reason, every evidence field; since schema 3 also the lowest Hessian eigenvalue,
/// its uncertainty, the motion bound, the roles at Q* and the run status, which schema 2 kept
/// only in the reason's text), the instantiated problem and policy, provenance.
/// `timingColumns` are the ones that differ between two honest runs of the same computation
/// (wall time, host, clock); every other column must agree (`firstDifference`).
public struct RunRow: Sendable, Equatable {
    public var hash: String
    public var coordinates: RunCoordinates
    public var verdict: RecoveryVerdict
    /// The instantiated problem file and the policy, canonical JSON.
    public var problem: String
    public var policy: String
    public var toolVersion: String
    public var libraries: String
    public var host: String
    public var finishedAt: String

    /// Column names and SQL types, in table order.
    static let columns: [(name: String, type: String)] = [
        ("hash", "TEXT NOT NULL"), ("width", "INTEGER NOT NULL"), ("input_dimension", "INTEGER NOT NULL"),
        ("sample_size", "INTEGER NOT NULL"), ("scale", "TEXT NOT NULL"), ("bias", "INTEGER NOT NULL"),
        ("activation", "TEXT NOT NULL"), ("initialization", "TEXT NOT NULL"), ("data_seed", "TEXT"),
        ("initialization_seed", "TEXT"), ("outcome", "TEXT NOT NULL"), ("reason", "TEXT NOT NULL"),
        ("risk", "TEXT NOT NULL"), ("risk_error", "TEXT NOT NULL"), ("target_set_distance", "TEXT"),
        ("aligned_distance", "TEXT"), ("gradient_norm", "TEXT NOT NULL"), ("final_loss", "TEXT NOT NULL"),
        ("final_time", "TEXT NOT NULL"), ("deciding_bits", "INTEGER NOT NULL"), ("precisions_tried", "TEXT NOT NULL"),
        ("escalated", "INTEGER NOT NULL"), ("steps", "INTEGER NOT NULL"), ("seconds", "REAL"), ("cpu_seconds", "REAL"),
        ("roles", "TEXT NOT NULL"), ("problem", "TEXT NOT NULL"), ("policy", "TEXT NOT NULL"),
        ("tool_version", "TEXT NOT NULL"), ("libraries", "TEXT NOT NULL"), ("host", "TEXT NOT NULL"),
        ("finished_at", "TEXT NOT NULL"),
        ("lowest_eigenvalue", "TEXT"), ("eigenvalue_uncertainty", "TEXT"), ("motion_bound", "TEXT"),
        ("target_set_roles", "TEXT"), ("status", "TEXT"),
    ]

    /// The evidence columns schema 3 added (NULL in the rows of an older store, and where the
    /// verdict has no such evidence); `firstDifference` reads NULL there as not recorded.
    static let schemaThreeColumns: Set<String> = ["lowest_eigenvalue", "eigenvalue_uncertainty", "motion_bound",
                                                  "target_set_roles", "status"]

    /// Columns that measure the machine, not the computation. (`seconds` may be NULL: SQLite
    /// stores a NaN as NULL, and it reads back as NaN; `cpu_seconds` is NULL where it was not
    /// measured, as in the rows of a store written before schema 2.)
    public static let timingColumns: Set<String> = ["seconds", "cpu_seconds", "host", "finished_at"]

    /// The row of `run` decided by `verdict`, stamped now on this host.
    public init(run: SweepRun, verdict: RecoveryVerdict) {
        hash = run.hash
        coordinates = run.coordinates
        self.verdict = verdict
        problem = run.problemText
        policy = run.policy.identity.canonical
        toolVersion = LibraryVersions.flowverify
        libraries = "GMP \(LibraryVersions.gmp), MPFR \(LibraryVersions.mpfr), MPFI \(LibraryVersions.mpfi)"
        host = ProcessInfo.processInfo.hostName
        finishedAt = RunRow.timestamp()
    }

    static func timestamp() -> String { ISO8601DateFormatter().string(from: Date()) }

    /// The column values, in `columns` order.
    var values: [(any DatabaseValueConvertible)?] {
        let c = coordinates, e = verdict.evidence
        return [hash, c.width, c.inputDimension, c.sampleSize, c.scale, c.bias, c.activation, c.initialization,
                c.dataSeed.map(String.init), c.initializationSeed.map(String.init), verdict.outcome.rawValue, verdict.reason,
                e.risk, e.riskError, e.targetSetDistance, e.alignedDistance, e.gradientNorm, e.finalLoss, e.finalTime,
                e.decidingBits, RunRow.jsonList(e.precisionsTried.map(String.init)), e.escalated, e.steps, e.seconds, e.cpuSeconds,
                RunRow.jsonList(e.roles), problem, policy, toolVersion, libraries, host, finishedAt,
                e.lowestEigenvalue, e.eigenvalueUncertainty, e.motionBound, e.targetSetRoles.map(RunRow.jsonList), e.status]
    }

    func insert(_ db: Database) throws {
        let names = RunRow.columns.map(\.name)
        try db.execute(sql: "INSERT INTO runs (\(names.joined(separator: ", "))) VALUES (\(names.map { _ in "?" }.joined(separator: ", ")))",
                       arguments: StatementArguments(values))
    }

    init(row: Row) throws {
        func seed(_ text: String?) throws -> UInt64? {
            guard let text else { return nil }
            guard let s = UInt64(text) else { throw SweepError.store(path: "", reason: "row \(row["hash"] as String? ?? "?"): seed \"\(text)\" is not a seed") }
            return s
        }
        guard let outcome = RecoveryVerdict.Outcome(rawValue: row["outcome"]) else {
            throw SweepError.store(path: "", reason: "row \(row["hash"] as String? ?? "?"): unknown outcome")
        }
        hash = row["hash"]
        coordinates = RunCoordinates(width: row["width"], inputDimension: row["input_dimension"], sampleSize: row["sample_size"],
                                     scale: row["scale"], bias: row["bias"], activation: row["activation"],
                                     initialization: row["initialization"], dataSeed: try seed(row["data_seed"]),
                                     initializationSeed: try seed(row["initialization_seed"]))
        var evidence = RecoveryEvidence(
            risk: row["risk"], riskError: row["risk_error"], targetSetDistance: row["target_set_distance"],
            alignedDistance: row["aligned_distance"], gradientNorm: row["gradient_norm"], finalLoss: row["final_loss"],
            finalTime: row["final_time"], decidingBits: row["deciding_bits"],
            precisionsTried: RunRow.parseList(row["precisions_tried"]).compactMap { Int($0) },
            steps: row["steps"], seconds: (row["seconds"] as Double?) ?? .nan, roles: RunRow.parseList(row["roles"]))
        evidence.cpuSeconds = row["cpu_seconds"]
        evidence.lowestEigenvalue = row["lowest_eigenvalue"]
        evidence.eigenvalueUncertainty = row["eigenvalue_uncertainty"]
        evidence.motionBound = row["motion_bound"]
        evidence.targetSetRoles = (row["target_set_roles"] as String?).map(RunRow.parseList)
        evidence.status = row["status"]
        verdict = RecoveryVerdict(outcome: outcome, reason: row["reason"], evidence: evidence)
        problem = row["problem"]
        policy = row["policy"]
        toolVersion = row["tool_version"]
        libraries = row["libraries"]
        host = row["host"]
        finishedAt = row["finished_at"]
    }

    /// The first column (outside `timingColumns`) where two rows of one run differ, with both
    /// values. A `schemaThreeColumns` column that is NULL in one row (a row an older schema
    /// stored) agrees with any value.
    public func firstDifference(from other: RunRow) -> (column: String, mine: String, theirs: String)? {
        for ((column, _), (a, b)) in zip(RunRow.columns, zip(values, other.values)) where !RunRow.timingColumns.contains(column) {
            let x = a?.databaseValue ?? .null, y = b?.databaseValue ?? .null
            if RunRow.schemaThreeColumns.contains(column), x.isNull || y.isNull { continue }
            if x != y { return (column, x.description, y.description) }
        }
        return nil
    }

    static func jsonList(_ items: [String]) -> String { JSONValue.array(items.map(JSONValue.string)).canonical }

    static func parseList(_ text: String) -> [String] {
        guard case .array(let items)? = try? JSONValue(parsing: Data(text.utf8)) else { return [] }
        return items.compactMap(\.stringValue)
    }
}
