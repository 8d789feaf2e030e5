/// The two base methods the extrapolation integrator can refine (Hairer, Nørsett & Wanner,
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
///   (Linearly implicit *Euler* extrapolation has order k per column only and amplifies
///   rounding far more at the column counts high precision needs, so it is not offered.)
public enum ExtrapolationMethod: String, Sendable, CaseIterable {
    case explicitMidpoint = "explicit-midpoint-extrapolation"
    case linearlyImplicitMidpoint = "linearly-implicit-midpoint-extrapolation"

    /// Substep count of column j (0-based).
    @inlinable func substeps(_ j: Int) -> Int {
        self == .explicitMidpoint ? 2 * (j + 1) : 4 * j + 2
    }

    /// The power γ of the error expansion in the substep: 2 for both (h² expansions).
    @inlinable var expansionPower: Int { 2 }

    /// Order of the extrapolated value of column j (0-based).
    @inlinable func order(_ j: Int) -> Int { expansionPower * (j + 1) }
}
