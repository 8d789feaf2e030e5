import MultiPrecision

/// One step of an extrapolation method (`ExtrapolationRule`) with Aitken–Neville
/// extrapolation of the substep results to substep 0, and the per-column error estimates that
/// drive the step and order control (Hairer, Nørsett & Wanner I, §II.9).
///
/// The vector registers are created in `init`; the P × P Jacobian and its factorization at
/// the first step of a linearly implicit rule (an explicit run of a large model never holds a
/// dense matrix). A step allocates nothing after that.
public struct ExtrapolationStepper<System: FlowSystem> {
    public typealias S = System.Value
    public let dimension: Int
    public let maximumColumns: Int
    public let precision: Precision
    /// The base rule of `step` (the `FlowStepper` conformance).
    public var rule: ExtrapolationRule = .explicitMidpoint

    /// tableau[l] holds T_{j,l} (the l-times extrapolated value of the latest row j).
    @usableFromInline var tableau: [[S]]
    @usableFromInline var row: [S]
    @usableFromInline var diff: [S]
    @usableFromInline var z0: [S], z1: [S], z2: [S]
    @usableFromInline var f0: [S], f: [S], delta: [S]
    @usableFromInline var jacobian: [S]
    @usableFromInline var solver: LinearSolver<S>
    @usableFromInline var h: S, h2: S, t: S, norm: S, scale: S

    public init(dimension p: Int, maximumColumns: Int, precision: Precision) {
        dimension = p
        self.maximumColumns = maximumColumns
        self.precision = precision
        func vec() -> [S] { (0..<p).map { _ in S(0, precision: precision) } }
        tableau = (0..<maximumColumns).map { _ in vec() }
        row = vec(); diff = vec()
        z0 = vec(); z1 = vec(); z2 = vec(); f0 = vec(); f = vec(); delta = vec()
        jacobian = []
        solver = LinearSolver(dimension: 0, precision: precision)
        h = S(0, precision: precision); h2 = S(0, precision: precision); t = S(0, precision: precision)
        norm = S(0, precision: precision); scale = S(0, precision: precision)
    }

    /// The outcome of building the tableau for one step.
    public struct Attempt {
        /// Scaled error estimates of columns 1…(count − 1) (index j: ‖T_{j,j} − T_{j,j−1}‖ /
        /// (tolerance·‖y‖∞)); ≤ 1 means accepted at that column. errors[0] is +∞.
        public var errors: [Double]
        /// Field evaluations spent.
        public var evaluations: Int
        /// The column at which the step was accepted, or nil if none met the tolerance.
        public var acceptedColumn: Int?
        /// False if a linear system was singular (the step must shrink).
        public var solvable: Bool

        @inlinable init(errors: [Double], evaluations: Int, acceptedColumn: Int?, solvable: Bool) {
            self.errors = errors
            self.evaluations = evaluations
            self.acceptedColumn = acceptedColumn
            self.solvable = solvable
        }
    }

    /// The accepted value T_{j,j} of the last successful `attempt`.
    public var result: [S] { tableau[lastColumn] }
    @usableFromInline var lastColumn = 0

    /// Builds the extrapolation tableau for the step y → y(t + H) column by column, stopping at
    /// the first column j ≥ minimumColumn whose error estimate is ≤ 1 (relative to
    /// `tolerance · max(‖y‖∞, ‖T‖∞)`), or after `columns` columns.
    @inlinable
    public mutating func attempt(_ system: inout System, from y: [S], fieldAtStart: [S], step H: S,
                                 method: ExtrapolationRule, columns: Int, minimumColumn: Int,
                                 tolerance: S) -> Attempt {
        precondition(columns <= maximumColumns)
        var errors: [Double] = [Double.infinity]
        errors.reserveCapacity(columns)
        var evaluations = 0
        if method.isImplicit {
            allocateDenseRegisters()
            system.fieldJacobian(at: y, into: &jacobian)
        }
        for j in 0..<columns {
            let n = method.substeps(j)
            switch method {
            case .explicitMidpoint:
                evaluations += modifiedMidpoint(&system, y, fieldAtStart, H, n)
            case .linearlyImplicitMidpoint, .linearlyImplicitEuler:
                let e = method == .linearlyImplicitMidpoint
                    ? linearlyImplicitMidpoint(&system, y, fieldAtStart, H, n)
                    : linearlyImplicitEuler(&system, y, fieldAtStart, H, n)
                guard let e else {
                    return Attempt(errors: errors, evaluations: evaluations, acceptedColumn: nil, solvable: false)
                }
                evaluations += e
            }
            // Aitken–Neville: row holds T_{j,0}; fold in the previous row kept in `tableau`.
            for l in 0..<j {
                // T_{j,l+1} = T_{j,l} + (T_{j,l} − T_{j−1,l}) / ((n_j / n_{j−l−1})^γ − 1), the
                // divisor applied exactly as · a^γ / (n^γ − a^γ) with integers a = n_{j−l−1}.
                let a = method.substeps(j - l - 1)
                let aPower = method.expansionPower == 2 ? a * a : a
                let nPower = method.expansionPower == 2 ? n * n : n   // γ = 1: plain ratios
                for i in 0..<dimension {
                    diff[i].sub(row[i], tableau[l][i])
                    diff[i].mul(diff[i], aPower)
                    diff[i].div(diff[i], nPower - aPower)
                    tableau[l][i].set(row[i])
                    row[i].add(row[i], diff[i])
                }
            }
            for i in 0..<dimension { tableau[j][i].set(row[i]) }
            if j >= 1 {
                errors.append(scaledError(diff, y, row, tolerance))
                if j >= minimumColumn, errors[j] <= 1 {
                    lastColumn = j
                    return Attempt(errors: errors, evaluations: evaluations, acceptedColumn: j, solvable: true)
                }
            }
        }
        return Attempt(errors: errors, evaluations: evaluations, acceptedColumn: nil, solvable: true)
    }

    /// Creates the Jacobian and factorization registers (once).
    @usableFromInline
    mutating func allocateDenseRegisters() {
        guard jacobian.isEmpty, dimension > 0 else { return }
        jacobian = (0..<(dimension * dimension)).map { _ in S(0, precision: precision) }
        solver = LinearSolver(dimension: dimension, precision: precision)
    }

    /// ‖d‖∞ / (tolerance · max(‖y‖∞, ‖z‖∞)), as a Double (the ratio is O(1) even when the norms
    /// are far outside Double's range, e.g. ε = 1e-3000).
    @inlinable
    mutating func scaledError(_ d: [S], _ y: [S], _ z: [S], _ tolerance: S) -> Double {
        norm.set(0); scale.set(0)
        for i in 0..<dimension {
            t.abs(d[i]); if t > norm { norm.set(t) }
            t.abs(y[i]); if t > scale { scale.set(t) }
            t.abs(z[i]); if t > scale { scale.set(t) }
        }
        if scale.isZero { return norm.isZero ? 0 : .infinity }
        scale.mul(scale, tolerance)
        norm.div(norm, scale)
        return norm.doubleValue
    }

    /// Gragg's modified midpoint rule with n substeps of H/n from y; the result (z_n) in `row`.
    @inlinable
    mutating func modifiedMidpoint(_ system: inout System, _ y: [S], _ f0: [S], _ H: S, _ n: Int) -> Int {
        h.div(H, n)
        h2.mul(h, 2)
        for i in 0..<dimension {
            z0[i].set(y[i])
            z1[i].fma(h, f0[i], y[i])
        }
        for _ in 1..<n {
            system.field(at: z1, into: &f)
            for i in 0..<dimension {
                z2[i].fma(h2, f[i], z0[i])
            }
            swap(&z0, &z1)
            swap(&z1, &z2)
        }
        for i in 0..<dimension { row[i].set(z1[i]) }
        return n - 1
    }

    /// The semi-implicit midpoint rule with n substeps of h = H/n from y (Bader & Deuflhard
    /// 1983; A = I − hJ):
    ///     Δ₀ = A⁻¹ h F(y₀),  y₁ = y₀ + Δ₀,
    ///     Δ_k = Δ_{k−1} + 2 A⁻¹ (h F(y_k) − Δ_{k−1}),  y_{k+1} = y_k + Δ_k   (k = 1 … n−1),
    ///     result = y_n + A⁻¹ (h F(y_n) − Δ_{n−1})   (smoothing step),
    /// into `row`. Nil if A is singular.
    @inlinable
    mutating func linearlyImplicitMidpoint(_ system: inout System, _ y: [S], _ f0: [S], _ H: S, _ n: Int) -> Int? {
        h.div(H, n)
        guard solver.factorIdentityMinus(h, times: jacobian) else { return nil }
        for i in 0..<dimension { f[i].mul(h, f0[i]) }
        solver.solve(f, into: &delta)                                   // Δ₀
        for i in 0..<dimension { z0[i].add(y[i], delta[i]) }            // y₁
        for k in 1...n {
            system.field(at: z0, into: &f)
            for i in 0..<dimension { f[i].fms(h, f[i], delta[i]) }      // h F(y_k) − Δ_{k−1}
            solver.solve(f, into: &z1)
            if k < n {
                for i in 0..<dimension {
                    z1[i].add(z1[i], z1[i])
                    delta[i].add(delta[i], z1[i])                       // Δ_k
                    z0[i].add(z0[i], delta[i])                          // y_{k+1}
                }
            } else {
                for i in 0..<dimension { row[i].add(z0[i], z1[i]) }     // smoothed result
            }
        }
        return n
    }

    /// Linearly implicit Euler with n substeps of h = H/n from y: (I − hJ) Δ = h F(y_i),
    /// y_{i+1} = y_i + Δ; the result y_n in `row`. Nil if I − hJ is singular.
    @inlinable
    mutating func linearlyImplicitEuler(_ system: inout System, _ y: [S], _ f0: [S], _ H: S, _ n: Int) -> Int? {
        h.div(H, n)
        guard solver.factorIdentityMinus(h, times: jacobian) else { return nil }
        for i in 0..<dimension {
            z0[i].set(y[i])
            f[i].mul(h, f0[i])
        }
        for s in 0..<n {
            if s > 0 {
                system.field(at: z0, into: &f)
                for i in 0..<dimension { f[i].mul(h, f[i]) }
            }
            solver.solve(f, into: &delta)
            for i in 0..<dimension { z0[i].add(z0[i], delta[i]) }
        }
        for i in 0..<dimension { row[i].set(z0[i]) }
        return n - 1
    }
}
