/// The claims of proofs/THEORY.md §3, in their order, each with its check (proofs/README.md, "Index").
public enum ClaimRegistry {
    public static let checks: [any ClaimCheck] = [
        ImbalanceConservation(),
        TanhImbalanceDrift(),
        LinearPhaseClosedForm(),
        EscapeTime(),
        Condensation(),
        SmallInitializationLimit(),
        OptimisticSampleSize(),
        MeasureZeroRecovery(),
        SeparationSampleSize(),
        SmallerInitializationGeneralizesBetter(),
        ActiveNeurons(),
        IntegratorReference(),
    ]

    /// The ids 1 … 12.
    public static var ids: [Int] { checks.map(\.info.id) }

    public static func check(_ id: Int) -> (any ClaimCheck)? { checks.first { $0.info.id == id } }
}

/// Errors of the verifier itself (not verdicts).
public enum VerificationError: Error, CustomStringConvertible {
    /// A run a check depends on ended without reaching what the check needs.
    case runIncomplete(String)
    public var description: String {
        switch self {
        case .runIncomplete(let why): return why
        }
    }
}
