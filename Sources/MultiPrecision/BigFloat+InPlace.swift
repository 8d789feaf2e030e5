import CMPFR

/// The in-place API: `x.op(a, …)` stores the correctly rounded `op(a, …)` in `x`, at `x`'s
/// precision. The Swift layer allocates nothing (checked with valgrind by
/// `.ci/check-inplace-allocations`): arithmetic allocates nothing at all, and MPFR's elementary
/// functions allocate only their internal temporaries, exactly as when called from C. Operands may have any precision and may alias `x`
/// (`x.add(x, x)`, `x.fma(x, x, x)`), as MPFR allows. Each operation comes in two forms: with
/// round-to-nearest (the `Scalar` requirement), and with an explicit `rounding:` that also
/// returns whether the stored result is exact, above or below.
extension BigFloat {
    // MARK: Explicit rounding

    /// x ← a
    @inlinable @discardableResult public func set(_ a: BigFloat, rounding r: RoundingMode) -> Inexactness { Inexactness(ternary: mpfr_set(mpfr, a.mpfr, r.mpfr)) }
    /// x ← n
    @inlinable @discardableResult public func set(_ n: Int, rounding r: RoundingMode) -> Inexactness { Inexactness(ternary: mpfr_set_si(mpfr, n, r.mpfr)) }
    /// x ← a + b
    @inlinable @discardableResult public func add(_ a: BigFloat, _ b: BigFloat, rounding r: RoundingMode) -> Inexactness { Inexactness(ternary: mpfr_add(mpfr, a.mpfr, b.mpfr, r.mpfr)) }
    /// x ← a − b
    @inlinable @discardableResult public func sub(_ a: BigFloat, _ b: BigFloat, rounding r: RoundingMode) -> Inexactness { Inexactness(ternary: mpfr_sub(mpfr, a.mpfr, b.mpfr, r.mpfr)) }
    /// x ← a · b
    @inlinable @discardableResult public func mul(_ a: BigFloat, _ b: BigFloat, rounding r: RoundingMode) -> Inexactness { Inexactness(ternary: mpfr_mul(mpfr, a.mpfr, b.mpfr, r.mpfr)) }
    /// x ← a / b
    @inlinable @discardableResult public func div(_ a: BigFloat, _ b: BigFloat, rounding r: RoundingMode) -> Inexactness { Inexactness(ternary: mpfr_div(mpfr, a.mpfr, b.mpfr, r.mpfr)) }
    /// x ← a · b + c with one rounding
    @inlinable @discardableResult public func fma(_ a: BigFloat, _ b: BigFloat, _ c: BigFloat, rounding r: RoundingMode) -> Inexactness { Inexactness(ternary: mpfr_fma(mpfr, a.mpfr, b.mpfr, c.mpfr, r.mpfr)) }
    /// x ← a · b − c with one rounding
    @inlinable @discardableResult public func fms(_ a: BigFloat, _ b: BigFloat, _ c: BigFloat, rounding r: RoundingMode) -> Inexactness { Inexactness(ternary: mpfr_fms(mpfr, a.mpfr, b.mpfr, c.mpfr, r.mpfr)) }
    /// x ← a · n
    @inlinable @discardableResult public func mul(_ a: BigFloat, _ n: Int, rounding r: RoundingMode) -> Inexactness { Inexactness(ternary: mpfr_mul_si(mpfr, a.mpfr, n, r.mpfr)) }
    /// x ← a / n
    @inlinable @discardableResult public func div(_ a: BigFloat, _ n: Int, rounding r: RoundingMode) -> Inexactness { Inexactness(ternary: mpfr_div_si(mpfr, a.mpfr, n, r.mpfr)) }
    /// x ← a · 2^k
    @inlinable @discardableResult public func scale(_ a: BigFloat, byPowerOfTwo k: Int, rounding r: RoundingMode) -> Inexactness { Inexactness(ternary: mpfr_mul_2si(mpfr, a.mpfr, k, r.mpfr)) }
    /// x ← −a
    @inlinable @discardableResult public func neg(_ a: BigFloat, rounding r: RoundingMode) -> Inexactness { Inexactness(ternary: mpfr_neg(mpfr, a.mpfr, r.mpfr)) }
    /// x ← |a|
    @inlinable @discardableResult public func abs(_ a: BigFloat, rounding r: RoundingMode) -> Inexactness { Inexactness(ternary: mpfr_abs(mpfr, a.mpfr, r.mpfr)) }
    /// x ← a²
    @inlinable @discardableResult public func sqr(_ a: BigFloat, rounding r: RoundingMode) -> Inexactness { Inexactness(ternary: mpfr_sqr(mpfr, a.mpfr, r.mpfr)) }
    /// x ← √a (NaN for a < 0)
    @inlinable @discardableResult public func sqrt(_ a: BigFloat, rounding r: RoundingMode) -> Inexactness { Inexactness(ternary: mpfr_sqrt(mpfr, a.mpfr, r.mpfr)) }
    /// x ← e^a
    @inlinable @discardableResult public func exp(_ a: BigFloat, rounding r: RoundingMode) -> Inexactness { Inexactness(ternary: mpfr_exp(mpfr, a.mpfr, r.mpfr)) }
    /// x ← e^a − 1
    @inlinable @discardableResult public func expm1(_ a: BigFloat, rounding r: RoundingMode) -> Inexactness { Inexactness(ternary: mpfr_expm1(mpfr, a.mpfr, r.mpfr)) }
    /// x ← ln a
    @inlinable @discardableResult public func log(_ a: BigFloat, rounding r: RoundingMode) -> Inexactness { Inexactness(ternary: mpfr_log(mpfr, a.mpfr, r.mpfr)) }
    /// x ← ln(1 + a)
    @inlinable @discardableResult public func log1p(_ a: BigFloat, rounding r: RoundingMode) -> Inexactness { Inexactness(ternary: mpfr_log1p(mpfr, a.mpfr, r.mpfr)) }
    /// x ← tanh a
    @inlinable @discardableResult public func tanh(_ a: BigFloat, rounding r: RoundingMode) -> Inexactness { Inexactness(ternary: mpfr_tanh(mpfr, a.mpfr, r.mpfr)) }
    /// x ← sinh a
    @inlinable @discardableResult public func sinh(_ a: BigFloat, rounding r: RoundingMode) -> Inexactness { Inexactness(ternary: mpfr_sinh(mpfr, a.mpfr, r.mpfr)) }
    /// x ← cosh a
    @inlinable @discardableResult public func cosh(_ a: BigFloat, rounding r: RoundingMode) -> Inexactness { Inexactness(ternary: mpfr_cosh(mpfr, a.mpfr, r.mpfr)) }
    /// x ← atanh a
    @inlinable @discardableResult public func atanh(_ a: BigFloat, rounding r: RoundingMode) -> Inexactness { Inexactness(ternary: mpfr_atanh(mpfr, a.mpfr, r.mpfr)) }
    /// x ← a^b
    @inlinable @discardableResult public func pow(_ a: BigFloat, _ b: BigFloat, rounding r: RoundingMode) -> Inexactness { Inexactness(ternary: mpfr_pow(mpfr, a.mpfr, b.mpfr, r.mpfr)) }
    /// x ← a^n
    @inlinable @discardableResult public func pow(_ a: BigFloat, _ n: Int, rounding r: RoundingMode) -> Inexactness { Inexactness(ternary: mpfr_pow_si(mpfr, a.mpfr, n, r.mpfr)) }

    // MARK: Round to nearest (the `Scalar` in-place requirements)

    @inlinable public func set(_ a: BigFloat) { mpfr_set(mpfr, a.mpfr, MPFR_RNDN) }
    @inlinable public func set(_ n: Int) { mpfr_set_si(mpfr, n, MPFR_RNDN) }
    @inlinable public func add(_ a: BigFloat, _ b: BigFloat) { mpfr_add(mpfr, a.mpfr, b.mpfr, MPFR_RNDN) }
    @inlinable public func sub(_ a: BigFloat, _ b: BigFloat) { mpfr_sub(mpfr, a.mpfr, b.mpfr, MPFR_RNDN) }
    @inlinable public func mul(_ a: BigFloat, _ b: BigFloat) { mpfr_mul(mpfr, a.mpfr, b.mpfr, MPFR_RNDN) }
    @inlinable public func div(_ a: BigFloat, _ b: BigFloat) { mpfr_div(mpfr, a.mpfr, b.mpfr, MPFR_RNDN) }
    @inlinable public func fma(_ a: BigFloat, _ b: BigFloat, _ c: BigFloat) { mpfr_fma(mpfr, a.mpfr, b.mpfr, c.mpfr, MPFR_RNDN) }
    @inlinable public func fms(_ a: BigFloat, _ b: BigFloat, _ c: BigFloat) { mpfr_fms(mpfr, a.mpfr, b.mpfr, c.mpfr, MPFR_RNDN) }
    @inlinable public func mul(_ a: BigFloat, _ n: Int) { mpfr_mul_si(mpfr, a.mpfr, n, MPFR_RNDN) }
    @inlinable public func div(_ a: BigFloat, _ n: Int) { mpfr_div_si(mpfr, a.mpfr, n, MPFR_RNDN) }
    @inlinable public func scale(_ a: BigFloat, byPowerOfTwo k: Int) { mpfr_mul_2si(mpfr, a.mpfr, k, MPFR_RNDN) }
    @inlinable public func neg(_ a: BigFloat) { mpfr_neg(mpfr, a.mpfr, MPFR_RNDN) }
    @inlinable public func abs(_ a: BigFloat) { mpfr_abs(mpfr, a.mpfr, MPFR_RNDN) }
    @inlinable public func sqr(_ a: BigFloat) { mpfr_sqr(mpfr, a.mpfr, MPFR_RNDN) }
    @inlinable public func sqrt(_ a: BigFloat) { mpfr_sqrt(mpfr, a.mpfr, MPFR_RNDN) }
    @inlinable public func exp(_ a: BigFloat) { mpfr_exp(mpfr, a.mpfr, MPFR_RNDN) }
    @inlinable public func expm1(_ a: BigFloat) { mpfr_expm1(mpfr, a.mpfr, MPFR_RNDN) }
    @inlinable public func log(_ a: BigFloat) { mpfr_log(mpfr, a.mpfr, MPFR_RNDN) }
    @inlinable public func log1p(_ a: BigFloat) { mpfr_log1p(mpfr, a.mpfr, MPFR_RNDN) }
    @inlinable public func tanh(_ a: BigFloat) { mpfr_tanh(mpfr, a.mpfr, MPFR_RNDN) }
    @inlinable public func sinh(_ a: BigFloat) { mpfr_sinh(mpfr, a.mpfr, MPFR_RNDN) }
    @inlinable public func cosh(_ a: BigFloat) { mpfr_cosh(mpfr, a.mpfr, MPFR_RNDN) }
    @inlinable public func atanh(_ a: BigFloat) { mpfr_atanh(mpfr, a.mpfr, MPFR_RNDN) }
    @inlinable public func pow(_ a: BigFloat, _ b: BigFloat) { mpfr_pow(mpfr, a.mpfr, b.mpfr, MPFR_RNDN) }
    @inlinable public func pow(_ a: BigFloat, _ n: Int) { mpfr_pow_si(mpfr, a.mpfr, n, MPFR_RNDN) }
}
