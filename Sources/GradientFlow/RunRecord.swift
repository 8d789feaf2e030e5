import MultiPrecision

/// Everything a `flowverify run` writes (RUN.json): the trajectory samples, events, final state,
/// loss, population risk, the imbalance vector C(θ) at start, escape and end, the work done, and
/// provenance. Every number that carries the run's precision is a decimal string with enough
/// digits to round-trip at that precision (proofs/DESIGN.md: outputs carry full-precision decimal
/// strings).
public struct RunRecord: Codable, Sendable {
    public struct Provenance: Codable, Sendable {
        public var tool: String
        public var gmp: String
        public var mpfr: String
        public var mpfi: String
        /// "double" or the number of bits.
        public var precision: String
        /// Local error tolerance per step: 2^(−toleranceBits) relative to ‖θ‖∞.
        public var toleranceBits: Int
        /// Extra bits carried by the integrator's state beyond the working precision.
        public var guardBits: Int
        public var integrator: String
        public var problemFile: String?
        public var problemName: String?
        /// The network as `TwoLayerNetwork.description` (width, dimension, bias, σ); absent in
        /// records written before flowverify 0.1.8.
        public var network: String?
        public var data: String
        public var initialization: String
    }

    public struct Event: Codable, Sendable {
        public var kind: String
        public var time: String
    }

    public struct Sample: Codable, Sendable {
        public var time: String
        public var loss: String
        public var state: [String]
    }

    public struct Risk: Codable, Sendable {
        public var value: String
        public var errorEstimate: String
        public var method: String
    }

    /// The steps of one method that ran (written as the method's raw value).
    public struct MethodWork: Codable, Sendable {
        public var method: FlowMethod
        public var acceptedSteps: Int
        public var rejectedSteps: Int
    }

    public struct Work: Codable, Sendable {
        public var acceptedSteps: Int
        public var rejectedSteps: Int
        public var fieldEvaluations: Int
        /// Jacobians (Hessians) formed: the stiff methods' at each step start, and the
        /// collocation's Newton correction's at its nodes (`CollocationNewton`).
        public var jacobianEvaluations: Int
        public var explicitSteps: Int
        public var taylorSteps: Int
        /// Linearly implicit extrapolation (midpoint and Euler rules).
        public var implicitSteps: Int
        public var collocationSteps: Int
        /// Every method that attempted a step, with its step counts.
        public var methods: [MethodWork]
        public var wallSeconds: Double
        /// The workers asked for (`FlowOptions.workers`): the threads of the collocation's loops,
        /// and of the Taylor jets' levels at multiple precision up to the active cores
        /// (`FlowOptions.taylorThreads`). The bits do not depend on it, `wallSeconds` does.
        /// Absent in records written before flowverify 0.1.13.
        public var workers: Int?
    }

    public var provenance: Provenance
    /// How the run ended, written as `FlowStatus.rawValue`: reached-time, converged,
    /// not-converged-…, failed-… (a non-finite quantity: failed-non-finite-state|gradient|loss|risk
    /// at t = …).
    public var status: FlowStatus
    public var finalTime: String
    public var finalState: [String]
    public var finalLoss: String
    public var populationRisk: Risk
    /// C(θ) = (a_k² − ‖w_k‖²)_k (proofs/THEORY.md §2) at θ(0), at the escape event (if any), at the end.
    public var imbalanceAtStart: [String]
    public var imbalanceAtEscape: [String]?
    public var imbalanceAtEnd: [String]
    /// Time of the escape event ‖θ‖₂ = δ (claim 4), if it occurred.
    public var escapeTime: String?
    public var escapeRadius: String?
    public var events: [Event]
    public var samples: [Sample]
    public var work: Work
}
