/// The three base rules `ExtrapolationStepper` refines (Hairer, Nørsett & Wanner,
/// *Solving ODEs I*, §II.9, and *II*, §IV.9):
///
/// - `explicitMidpoint`: Gragg's modified midpoint rule with substep counts 2, 4, 6, …; its
///   error expands in even powers of the substep (Gragg 1965), so column k has order 2k. For the
///   non-stiff phases (escape and the nonlinear transition). Costs n_j + 1 field evaluations per
///   column and no linear algebra.
/// - `linearlyImplicitMidpoint`: Bader & Deuflhard's semi-implicit midpoint rule (Numer. Math.
///   41, 1983) with J = ∂F/∂θ = −∇²L at the step start, smoothing at the end, and substep
///   counts 2, 6, 10, 14, … (n ≡ 2 mod 4, for stability); its error also expands in even
///   powers of the substep, so column k has order 2k. For the stiff convergence tail, where
///   the Hessian's largest eigenvalue limits explicit steps long after the solution has become
///   slow. Costs one Hessian per step, one P × P factorization and n_j + 1 solves per column.
/// - `linearlyImplicitEuler`: (I − hJ)(y_{i+1} − y_i) = h F(y_i) with substep counts 1, 2, 3, …
///   (Deuflhard 1985); the error expands in powers of h, so column k has order k only, and
///   rounding is amplified more at high column counts (the integrator's guard bits absorb it).
///   Its base step is L-stable, so every column damps the stiff components completely, where
///   the midpoint rule's only oscillate: the method for the convergence tail, where the step
///   must grow to the slow time scale (1/λ_min) many times the stiff one (1/λ_max).
public enum ExtrapolationRule: String, Sendable, CaseIterable {
    case explicitMidpoint = "explicit-midpoint-extrapolation"
    case linearlyImplicitMidpoint = "linearly-implicit-midpoint-extrapolation"
    case linearlyImplicitEuler = "linearly-implicit-euler-extrapolation"

    /// Substep count of column j (0-based).
    @inlinable func substeps(_ j: Int) -> Int {
        switch self {
        case .explicitMidpoint: return 2 * (j + 1)
        case .linearlyImplicitMidpoint: return 4 * j + 2
        case .linearlyImplicitEuler: return j + 1
        }
    }

    /// The power γ of the error expansion in the substep: 2 for the midpoint rules, 1 for Euler.
    @inlinable var expansionPower: Int { self == .linearlyImplicitEuler ? 1 : 2 }

    /// True for the methods that use the Jacobian.
    @inlinable var isImplicit: Bool { self != .explicitMidpoint }

    /// Order of the extrapolated value of column j (0-based).
    @inlinable func order(_ j: Int) -> Int { expansionPower * (j + 1) }
}
