import Foundation
import MultiPrecision

/// What to integrate and when to stop. Every field has a default tied to the working
/// precision p, so `FlowOptions()` is a sound choice at any precision.
public struct FlowOptions: Sendable {
    /// When the run ends (besides the guards).
    public enum Stop: Sendable, Equatable {
        /// At flow time T (instantiated at the working precision).
        case time(DecimalNumber)
        /// At convergence (`gradientTolerance` or the loss at the precision floor), or at
        /// `maximumTime`, whichever comes first.
        case converged
    }

    /// Which method(s) take the steps (`FlowMethod`).
    public enum MethodChoice: String, Sendable, CaseIterable {
        /// The Taylor method where the model has jets (two-layer networks with a hand-written
        /// activation; explicit midpoint extrapolation otherwise), handing the steps to a stiff
        /// method while the explicit step is stability-limited, if one may pay off
        /// (`StiffnessPolicy`): linearly implicit midpoint extrapolation in double, linearly
        /// implicit Euler extrapolation at multiple precision, and there exponential collocation
        /// once no event can occur (after the escape, for activations without kinks).
        case automatic
        /// The Taylor method only (needs a hand-written activation).
        case taylor
        /// Explicit midpoint extrapolation only.
        case explicitMidpoint = "explicit"
        /// Linearly implicit midpoint extrapolation only.
        case linearlyImplicitMidpoint = "implicit-midpoint"
        /// Linearly implicit Euler extrapolation only.
        case linearlyImplicitEuler = "implicit-euler"
        /// Exponential collocation only (multiple precision).
        case exponentialCollocation = "collocation"

        /// The one method a forced choice runs (nil for `automatic`).
        public var forcedMethod: FlowMethod? {
            switch self {
            case .automatic: return nil
            case .taylor: return .taylor
            case .explicitMidpoint: return .explicitMidpoint
            case .linearlyImplicitMidpoint: return .linearlyImplicitMidpoint
            case .linearlyImplicitEuler: return .linearlyImplicitEuler
            case .exponentialCollocation: return .exponentialCollocation
            }
        }
    }

    public var stop: Stop = .converged
    /// Flow-time guard for `.converged` runs.
    public var maximumTime: DecimalNumber = "1e6"
    /// Local error tolerance per step, relative to ‖θ‖∞: 2^(−toleranceBits). Default p for
    /// BigFloat (2^−256 at 256 bits): the integrator's state carries 32 guard bits, so a local
    /// error at the working precision's unit is meaningful, and it has to be that small — a
    /// non-conservative method lets the flow's invariants (C(θ), claim 1; the equilibrium of
    /// claim 12) drift by the sum of its local errors over hundreds of steps. Tighter than
    /// that, the model's own rounding at p (the field is evaluated at p) makes the error
    /// estimates noisy and steps are rejected. For Double (no guard bits) p − 6 (2^−47), where
    /// the extrapolation's rounding (about 2^7 units at 12 columns) sets the floor.
    public var toleranceBits: Int? = nil
    /// Convergence when ‖∇L‖∞ ≤ 2^(−gradientToleranceBits)·‖θ‖∞ (or the loss is below
    /// 2^(−2·gradientToleranceBits)); default p − 8.
    public var gradientToleranceBits: Int? = nil
    /// The escape event fires when ‖θ‖₂ first reaches this radius δ (proofs/THEORY.md claim 4).
    /// Nil: no escape event.
    public var escapeRadius: DecimalNumber? = "1e-2"
    public var method: MethodChoice = .automatic
    /// Guards: the run ends with status `.stepLimit` / `.wallClockLimit` past these. Nil: no
    /// wall-clock guard (a recovery verdict's runs: its policy budgets steps, so that the same
    /// run ends at the same state on any machine).
    public var maximumSteps: Int = 200_000
    public var maximumWallSeconds: Double? = 3_600
    /// Trajectory samples kept (thinned evenly as the run grows; memory stays flat).
    public var maximumSamples: Int = 512
    /// Memory the automatic method may spend on P × P matrices (the stiff methods' Hessian,
    /// factorization and eigenvectors); past it the run stays explicit. A forced stiff method
    /// allocates what it needs.
    public var denseMatrixBytes: Int = 1 << 30
    /// Past iterates the exponential collocation's fixed-point iteration mixes
    /// (`AndersonMixing`); 0: the plain iteration.
    public var collocationMixing: Int = 4
    /// The contraction per update the exponential collocation's step-size control aims its
    /// fixed-point iteration at (`ExponentialCollocationStepper.contractionTarget`); 0: the
    /// error estimate alone sets the next step.
    public var collocationContraction: Double = 0.1
    /// When the exponential collocation corrects its fixed-point iteration by Newton's method
    /// (`CollocationNewton`).
    public var collocationNewton: CollocationNewtonMode = .automatic
    /// Start the exponential collocation's Jacobi eigendecompositions from eigenvectors found in
    /// Double (`SymmetricEigensystem.startsFromDouble`); false: from the identity (the same
    /// spectrum and an orthogonal Q to working precision, in more sweeps).
    public var eigensystemStartsInDouble = true
    /// Threads for the exponential collocation's node and component loops
    /// (`CollocationLanes`) and for the phases of the Taylor jets' levels at multiple precision
    /// (`TaylorJets.threadCount`): the results are the same bits for any number, so it changes
    /// only the wall time. 1 for runs that already share the cores (`verify`, sweeps).
    public var workers: Int = 1

    public init() {}

    /// Workers of the Taylor jets' levels at `precision`: `workers` at multiple precision, at most
    /// the active processors (the team's threads poll for their next phase, which only pays on
    /// cores of their own; when another process holds one, the jets compute alone, step by step,
    /// while that is measured cheaper: `TeamChoice`); 1 in double, whose levels are too short to
    /// share.
    public func taylorThreads(at precision: Precision) -> Int {
        precision == .double ? 1 : Swift.max(1, Swift.min(workers, ProcessInfo.processInfo.activeProcessorCount))
    }


    /// Columns of the extrapolation tableau at precision p: order up to 2·columns for the
    /// midpoint rule. Higher precision needs higher order to keep steps long.
    public static func maximumColumns(for p: Precision) -> Int { min(64, max(8, 6 + p.bits / 12)) }

    /// Interpolation degree of exponential collocation at precision p (its error decreases
    /// like (H/R)^K for a remainder analytic in a radius R around the step).
    public static func collocationDegree(for p: Precision) -> Int { min(96, max(8, p.bits / 6)) }

    func tolerance(at p: Precision, guarded: Bool) -> Int { toleranceBits ?? (guarded ? p.bits : max(8, p.bits - 6)) }
    func gradientTolerance(at p: Precision) -> Int { gradientToleranceBits ?? max(8, p.bits - 8) }
}
