import MultiPrecision
import TwoLayerNet
import Verification

/// One run of a sweep: a grid point and one seed pair, instantiated as a problem file and
/// named by its content hash: SHA-256 of the canonical encoding (`JSONValue.canonical`) of
/// {problem, policy, tool}, the instantiated problem file, the recovery policy and the tool
/// version. Two runs with the same hash are the same computation, so a rerun skips it and a
/// merge may keep either copy.
public struct SweepRun: Sendable {
    /// Position in the grid's expansion order (shards are taken by it).
    public var index: Int
    public var coordinates: RunCoordinates
    public var problem: ProblemSpec
    /// The instantiated problem file, canonical JSON.
    public var problemText: String
    public var policy: RecoveryPolicy
    public var hash: String

    init(index: Int, problem: JSONValue, spec: ProblemSpec, policy: RecoveryPolicy) {
        self.index = index
        self.problem = spec
        self.policy = policy
        problemText = problem.canonical
        coordinates = RunCoordinates(spec: spec, problem: problem)
        hash = SweepRun.hash(problem: problem, policy: policy)
    }

    /// The run's work for the progress ETA: n·P, the multiply-adds of one evaluation of the loss
    /// and its gradient (n samples, P parameters).
    public var work: Double { Double(coordinates.sampleSize) * Double(problem.network.parameterCount) }

    /// The content hash of a run (see the type's documentation).
    public static func hash(problem: JSONValue, policy: RecoveryPolicy, tool: String = LibraryVersions.flowverify) -> String {
        let identity = JSONValue.object([
            "problem": problem,
            "policy": policy.identity,
            "tool": .string("flowverify " + tool),
        ])
        return SHA256.hex(Array(identity.canonical.utf8))
    }
}

extension RecoveryPolicy {
    /// Every field of the policy, as it enters a run's hash and its stored row (the escalation
    /// guard only where set, so a policy without one keeps its identity).
    var identity: JSONValue {
        var fields: [String: JSONValue] = ["precisions": .array(precisions.map { .number(String($0)) }),
                                           "maximumTime": .string(maximumTime.text),
                                           "doubleSteps": .number(String(doubleSteps)),
                                           "escalationSteps": .number(String(escalationSteps))]
        if let escalationMaximumTime { fields["escalationMaximumTime"] = .string(escalationMaximumTime.text) }
        return .object(fields)
    }
}
