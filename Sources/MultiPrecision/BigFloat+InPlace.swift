import CMPFR
import CTanh

/// The in-place API: `x.op(a, …)` stores the correctly rounded `op(a, …)` in `x`, at `x`'s
/// precision. Operands may have any precision and may alias `x` (`x.add(x, x)`,
/// `x.fma(x, x, x)`), as MPFR allows. Each operation comes in two forms: with round-to-nearest
/// (the `Scalar` requirement), and with an explicit `rounding:` that also returns whether the
/// stored result is exact, above or below.
///
/// **Copy on write.** Every operation overwrites the receiver, so before it writes, the receiver
/// checks that no other value shares its storage (`isKnownUniquelyReferenced`) and otherwise
/// takes a new storage of its own (without copying the old value, which the result replaces).
/// Operands are `consuming`: an operand that is a copy of the receiver itself (`x.add(x, b)`:
/// Swift passes a copy of `x`, since `x` is being modified) is dropped before the check and read
/// from the receiver's storage instead, so aliasing does not count as sharing. Any other value
/// that shares the storage (`let y = x; x.add(y, b)` with `y` used later) keeps it alive, and
/// the receiver writes into new storage. With unique storage the Swift layer allocates nothing
/// (checked with valgrind by `.ci/check-inplace-allocations`): arithmetic allocates nothing at
/// all, and MPFR's elementary functions allocate only their internal temporaries, exactly as
/// when called from C.
extension BigFloat {
    @usableFromInline typealias MPFRPointer = UnsafeMutablePointer<__mpfr_struct>

    /// The storage of operand `a`, or nil (and `a` is released here) when it is the receiver's.
    @inlinable @inline(__always)
    static func keep(_ a: consuming BigFloat, unlessSharing s: Storage) -> Storage? {
        a.storage === s ? nil : a.storage
    }

    /// Makes the receiver's storage its own, for an operation that overwrites it; returns the
    /// storage it shared (what operands that were the receiver read) or nil if it was unique.
    @inlinable @inline(__always)
    mutating func makeUniqueForOverwrite() -> Storage? {
        if _fastPath(isKnownUniquelyReferenced(&storage)) { return nil }
        return replaceStorage()
    }

    @usableFromInline @inline(never)
    mutating func replaceStorage() -> Storage {
        let old = storage
        storage = Storage(bits: mpfr_get_prec(old.mpfr))
        return old
    }

    /// x ← body(x) for an operation without `BigFloat` operands.
    @inlinable @inline(__always) @discardableResult
    mutating func write<R>(_ body: (MPFRPointer) -> R) -> R {
        let old = makeUniqueForOverwrite()
        let r = body(storage.mpfr)
        withExtendedLifetime(old) {}
        return r
    }

    /// x ← body(x, a).
    @inlinable @inline(__always) @discardableResult
    mutating func write<R>(_ a: consuming BigFloat, _ body: (MPFRPointer, MPFRPointer) -> R) -> R {
        let ka = Self.keep(a, unlessSharing: storage)
        let old = makeUniqueForOverwrite()
        let dst = storage.mpfr, own = old?.mpfr ?? dst
        let r = body(dst, ka?.mpfr ?? own)
        withExtendedLifetime((ka, old)) {}
        return r
    }

    /// x ← body(x, a, b).
    @inlinable @inline(__always) @discardableResult
    mutating func write<R>(_ a: consuming BigFloat, _ b: consuming BigFloat,
                           _ body: (MPFRPointer, MPFRPointer, MPFRPointer) -> R) -> R {
        let ka = Self.keep(a, unlessSharing: storage), kb = Self.keep(b, unlessSharing: storage)
        let old = makeUniqueForOverwrite()
        let dst = storage.mpfr, own = old?.mpfr ?? dst
        let r = body(dst, ka?.mpfr ?? own, kb?.mpfr ?? own)
        withExtendedLifetime((ka, kb, old)) {}
        return r
    }

    /// x ← body(x, a, b, c).
    @inlinable @inline(__always) @discardableResult
    mutating func write<R>(_ a: consuming BigFloat, _ b: consuming BigFloat, _ c: consuming BigFloat,
                           _ body: (MPFRPointer, MPFRPointer, MPFRPointer, MPFRPointer) -> R) -> R {
        let ka = Self.keep(a, unlessSharing: storage), kb = Self.keep(b, unlessSharing: storage)
        let kc = Self.keep(c, unlessSharing: storage)
        let old = makeUniqueForOverwrite()
        let dst = storage.mpfr, own = old?.mpfr ?? dst
        let r = body(dst, ka?.mpfr ?? own, kb?.mpfr ?? own, kc?.mpfr ?? own)
        withExtendedLifetime((ka, kb, kc, old)) {}
        return r
    }
}

extension BigFloat {
    // MARK: Explicit rounding

    /// x ← a
    @inlinable @discardableResult public mutating func set(_ a: consuming BigFloat, rounding r: RoundingMode) -> Inexactness { Inexactness(ternary: write(a) { mpfr_set($0, $1, r.mpfr) }) }
    /// x ← n
    @inlinable @discardableResult public mutating func set(_ n: Int, rounding r: RoundingMode) -> Inexactness { Inexactness(ternary: write { mpfr_set_si($0, n, r.mpfr) }) }
    /// x ← a + b
    @inlinable @discardableResult public mutating func add(_ a: consuming BigFloat, _ b: consuming BigFloat, rounding r: RoundingMode) -> Inexactness { Inexactness(ternary: write(a, b) { mpfr_add($0, $1, $2, r.mpfr) }) }
    /// x ← a − b
    @inlinable @discardableResult public mutating func sub(_ a: consuming BigFloat, _ b: consuming BigFloat, rounding r: RoundingMode) -> Inexactness { Inexactness(ternary: write(a, b) { mpfr_sub($0, $1, $2, r.mpfr) }) }
    /// x ← a · b
    @inlinable @discardableResult public mutating func mul(_ a: consuming BigFloat, _ b: consuming BigFloat, rounding r: RoundingMode) -> Inexactness { Inexactness(ternary: write(a, b) { mpfr_mul($0, $1, $2, r.mpfr) }) }
    /// x ← a / b
    @inlinable @discardableResult public mutating func div(_ a: consuming BigFloat, _ b: consuming BigFloat, rounding r: RoundingMode) -> Inexactness { Inexactness(ternary: write(a, b) { mpfr_div($0, $1, $2, r.mpfr) }) }
    /// x ← a · b + c with one rounding
    @inlinable @discardableResult public mutating func fma(_ a: consuming BigFloat, _ b: consuming BigFloat, _ c: consuming BigFloat, rounding r: RoundingMode) -> Inexactness { Inexactness(ternary: write(a, b, c) { mpfr_fma($0, $1, $2, $3, r.mpfr) }) }
    /// x ← a · b − c with one rounding
    @inlinable @discardableResult public mutating func fms(_ a: consuming BigFloat, _ b: consuming BigFloat, _ c: consuming BigFloat, rounding r: RoundingMode) -> Inexactness { Inexactness(ternary: write(a, b, c) { mpfr_fms($0, $1, $2, $3, r.mpfr) }) }
    /// x ← a · n
    @inlinable @discardableResult public mutating func mul(_ a: consuming BigFloat, _ n: Int, rounding r: RoundingMode) -> Inexactness { Inexactness(ternary: write(a) { mpfr_mul_si($0, $1, n, r.mpfr) }) }
    /// x ← a / n
    @inlinable @discardableResult public mutating func div(_ a: consuming BigFloat, _ n: Int, rounding r: RoundingMode) -> Inexactness { Inexactness(ternary: write(a) { mpfr_div_si($0, $1, n, r.mpfr) }) }
    /// x ← a · 2^k
    @inlinable @discardableResult public mutating func scale(_ a: consuming BigFloat, byPowerOfTwo k: Int, rounding r: RoundingMode) -> Inexactness { Inexactness(ternary: write(a) { mpfr_mul_2si($0, $1, k, r.mpfr) }) }
    /// x ← −a
    @inlinable @discardableResult public mutating func neg(_ a: consuming BigFloat, rounding r: RoundingMode) -> Inexactness { Inexactness(ternary: write(a) { mpfr_neg($0, $1, r.mpfr) }) }
    /// x ← |a|
    @inlinable @discardableResult public mutating func abs(_ a: consuming BigFloat, rounding r: RoundingMode) -> Inexactness { Inexactness(ternary: write(a) { mpfr_abs($0, $1, r.mpfr) }) }
    /// x ← a²
    @inlinable @discardableResult public mutating func sqr(_ a: consuming BigFloat, rounding r: RoundingMode) -> Inexactness { Inexactness(ternary: write(a) { mpfr_sqr($0, $1, r.mpfr) }) }
    /// x ← √a (NaN for a < 0)
    @inlinable @discardableResult public mutating func sqrt(_ a: consuming BigFloat, rounding r: RoundingMode) -> Inexactness { Inexactness(ternary: write(a) { mpfr_sqrt($0, $1, r.mpfr) }) }
    /// x ← e^a
    @inlinable @discardableResult public mutating func exp(_ a: consuming BigFloat, rounding r: RoundingMode) -> Inexactness { Inexactness(ternary: write(a) { mpfr_exp($0, $1, r.mpfr) }) }
    /// x ← e^a − 1
    @inlinable @discardableResult public mutating func expm1(_ a: consuming BigFloat, rounding r: RoundingMode) -> Inexactness { Inexactness(ternary: write(a) { mpfr_expm1($0, $1, r.mpfr) }) }
    /// x ← ln a
    @inlinable @discardableResult public mutating func log(_ a: consuming BigFloat, rounding r: RoundingMode) -> Inexactness { Inexactness(ternary: write(a) { mpfr_log($0, $1, r.mpfr) }) }
    /// x ← ln(1 + a)
    @inlinable @discardableResult public mutating func log1p(_ a: consuming BigFloat, rounding r: RoundingMode) -> Inexactness { Inexactness(ternary: write(a) { mpfr_log1p($0, $1, r.mpfr) }) }
    /// x ← tanh a
    @inlinable @discardableResult public mutating func tanh(_ a: consuming BigFloat, rounding r: RoundingMode) -> Inexactness { Inexactness(ternary: write(a) { mpfr_tanh($0, $1, r.mpfr) }) }
    /// x ← sinh a
    @inlinable @discardableResult public mutating func sinh(_ a: consuming BigFloat, rounding r: RoundingMode) -> Inexactness { Inexactness(ternary: write(a) { mpfr_sinh($0, $1, r.mpfr) }) }
    /// x ← cosh a
    @inlinable @discardableResult public mutating func cosh(_ a: consuming BigFloat, rounding r: RoundingMode) -> Inexactness { Inexactness(ternary: write(a) { mpfr_cosh($0, $1, r.mpfr) }) }
    /// x ← atanh a
    @inlinable @discardableResult public mutating func atanh(_ a: consuming BigFloat, rounding r: RoundingMode) -> Inexactness { Inexactness(ternary: write(a) { mpfr_atanh($0, $1, r.mpfr) }) }
    /// x ← a^b
    @inlinable @discardableResult public mutating func pow(_ a: consuming BigFloat, _ b: consuming BigFloat, rounding r: RoundingMode) -> Inexactness { Inexactness(ternary: write(a, b) { mpfr_pow($0, $1, $2, r.mpfr) }) }
    /// x ← a^n
    @inlinable @discardableResult public mutating func pow(_ a: consuming BigFloat, _ n: Int, rounding r: RoundingMode) -> Inexactness { Inexactness(ternary: write(a) { mpfr_pow_si($0, $1, n, r.mpfr) }) }

    // MARK: Round to nearest (the `Scalar` in-place requirements)

    @inlinable public mutating func set(_ a: consuming BigFloat) { write(a) { mpfr_set($0, $1, MPFR_RNDN) } }
    @inlinable public mutating func set(_ n: Int) { write { mpfr_set_si($0, n, MPFR_RNDN) } }
    @inlinable public mutating func add(_ a: consuming BigFloat, _ b: consuming BigFloat) { write(a, b) { mpfr_add($0, $1, $2, MPFR_RNDN) } }
    @inlinable public mutating func sub(_ a: consuming BigFloat, _ b: consuming BigFloat) { write(a, b) { mpfr_sub($0, $1, $2, MPFR_RNDN) } }
    @inlinable public mutating func mul(_ a: consuming BigFloat, _ b: consuming BigFloat) { write(a, b) { mpfr_mul($0, $1, $2, MPFR_RNDN) } }
    @inlinable public mutating func div(_ a: consuming BigFloat, _ b: consuming BigFloat) { write(a, b) { mpfr_div($0, $1, $2, MPFR_RNDN) } }
    @inlinable public mutating func fma(_ a: consuming BigFloat, _ b: consuming BigFloat, _ c: consuming BigFloat) { write(a, b, c) { mpfr_fma($0, $1, $2, $3, MPFR_RNDN) } }
    @inlinable public mutating func fms(_ a: consuming BigFloat, _ b: consuming BigFloat, _ c: consuming BigFloat) { write(a, b, c) { mpfr_fms($0, $1, $2, $3, MPFR_RNDN) } }
    @inlinable public mutating func mul(_ a: consuming BigFloat, _ n: Int) { write(a) { mpfr_mul_si($0, $1, n, MPFR_RNDN) } }
    @inlinable public mutating func div(_ a: consuming BigFloat, _ n: Int) { write(a) { mpfr_div_si($0, $1, n, MPFR_RNDN) } }
    @inlinable public mutating func scale(_ a: consuming BigFloat, byPowerOfTwo k: Int) { write(a) { mpfr_mul_2si($0, $1, k, MPFR_RNDN) } }
    @inlinable public mutating func neg(_ a: consuming BigFloat) { write(a) { mpfr_neg($0, $1, MPFR_RNDN) } }
    @inlinable public mutating func abs(_ a: consuming BigFloat) { write(a) { mpfr_abs($0, $1, MPFR_RNDN) } }
    @inlinable public mutating func sqr(_ a: consuming BigFloat) { write(a) { mpfr_sqr($0, $1, MPFR_RNDN) } }
    @inlinable public mutating func sqrt(_ a: consuming BigFloat) { write(a) { mpfr_sqrt($0, $1, MPFR_RNDN) } }
    @inlinable public mutating func exp(_ a: consuming BigFloat) { write(a) { mpfr_exp($0, $1, MPFR_RNDN) } }
    @inlinable public mutating func expm1(_ a: consuming BigFloat) { write(a) { mpfr_expm1($0, $1, MPFR_RNDN) } }
    @inlinable public mutating func log(_ a: consuming BigFloat) { write(a) { mpfr_log($0, $1, MPFR_RNDN) } }
    @inlinable public mutating func log1p(_ a: consuming BigFloat) { write(a) { mpfr_log1p($0, $1, MPFR_RNDN) } }
    /// x ← tanh a, the value of `mpfr_tanh` (round to nearest); at ≤ 192 bits without MPFR's
    /// generic exponential (`fv_tanh_rndn`, Sources/CTanh: a fixed-point evaluation whose error
    /// bound `mpfr_can_round` checks, `mpfr_tanh` where it cannot decide).
    @inlinable public mutating func tanh(_ a: consuming BigFloat) { write(a) { fv_tanh_rndn($0, $1) } }
    @inlinable public mutating func sinh(_ a: consuming BigFloat) { write(a) { mpfr_sinh($0, $1, MPFR_RNDN) } }
    @inlinable public mutating func cosh(_ a: consuming BigFloat) { write(a) { mpfr_cosh($0, $1, MPFR_RNDN) } }
    @inlinable public mutating func atanh(_ a: consuming BigFloat) { write(a) { mpfr_atanh($0, $1, MPFR_RNDN) } }
    @inlinable public mutating func pow(_ a: consuming BigFloat, _ b: consuming BigFloat) { write(a, b) { mpfr_pow($0, $1, $2, MPFR_RNDN) } }
    @inlinable public mutating func pow(_ a: consuming BigFloat, _ n: Int) { write(a) { mpfr_pow_si($0, $1, n, MPFR_RNDN) } }
}
