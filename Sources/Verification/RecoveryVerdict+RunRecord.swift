import GradientFlow
import MultiPrecision
import TwoLayerNet

/// A run record that is not a finished run of the problem it is judged against.
public enum RecoveryRecordError: Error, Equatable, CustomStringConvertible {
    case record(RunRecordError)
    /// The record's provenance or end state disagrees with the problem file.
    case mismatch(String)

    public var description: String {
        switch self {
        case .record(let error): return error.description
        case .mismatch(let what): return "the run is not of this problem: \(what)"
        }
    }
}

extension RecoveryVerdict {
    /// The verdict on a finished `flowverify run` of `spec` (its RUN.json), at the record's own
    /// precision and by the same rule as a sweep's attempt (`judge(flow:)`, proofs/recovery.md,
    /// "Judging a run record"): for a run integrated past a sweep's flow-time guard. The tail
    /// rates are fitted on the record's samples. The record must be of this problem: its network
    /// (where the record names it: since 0.1.8), data and initialization as the provenance names
    /// them are the spec's, its states have the network's parameter count, and √L at its end
    /// state, recomputed, agrees with the recorded loss to the resolution u = 2^(−p+12)·max(1, ‖θ‖).
    public static func decide(record: RunRecord, spec: ProblemSpec) throws -> RecoveryVerdict {
        let p: Precision?
        do { p = try record.workingPrecision() } catch { throw RecoveryRecordError.record(error) }
        if let p { return try decide(record, spec, BigFloat.self, p) }
        return try decide(record, spec, Double.self, .double)
    }

    static func decide<S: Scalar>(_ record: RunRecord, _ spec: ProblemSpec, _: S.Type, _ p: Precision) throws -> RecoveryVerdict {
        for (field, recorded, expected) in [("network", record.provenance.network ?? ProblemRun.networkText(spec), ProblemRun.networkText(spec)),
                                            ("data", record.provenance.data, ProblemRun.dataText(spec)),
                                            ("initialization", record.provenance.initialization, ProblemRun.initializationText(spec))]
        where recorded != expected {
            throw RecoveryRecordError.mismatch("its \(field) is '\(DecimalSyntax.excerpt(recorded))', the problem's '\(DecimalSyntax.excerpt(expected))'")
        }
        let problem: Problem<S> = try spec.instantiate(precision: p)
        let trajectory: Trajectory<S>
        do {
            trajectory = try Trajectory(record: record, precision: p, parameterCount: problem.network.parameterCount)
        } catch { throw RecoveryRecordError.record(error) }
        try checkLoss(trajectory.final, problem: problem)
        return judge(flow: Flow(problem: problem, trajectory: trajectory, seconds: record.work.wallSeconds)).verdict
    }

    /// √L(θ_T) of `problem` against the recorded loss, to the resolution u.
    static func checkLoss<S: Scalar>(_ end: FlowSample<S>, problem: Problem<S>) throws {
        var kernel = problem.makeLossKernel()
        let loss = kernel.loss(at: end.state)
        let u = LimitPoint<S>.resolution(end.state, precision: problem.precision)
        guard loss.isFinite, S.abs(S.sqrt(loss) - S.sqrt(end.loss)) <= u else {
            throw RecoveryRecordError.mismatch("the loss at its end state is \(loss.decimal(significantDigits: 6)) for this problem, "
                                               + "the record says \(end.loss.decimal(significantDigits: 6))")
        }
    }
}
