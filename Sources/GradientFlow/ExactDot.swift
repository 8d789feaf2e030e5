import CGMP
import CMPFR
import MultiPrecision

/// Sums of products of `BigFloat`s, accumulated in fixed point with GMP's mpn layer and rounded
/// once at the end: the BigFloat fast path of the Taylor recurrences' Cauchy products and of the
/// collocation stepper's matrix products (about 2.5× cheaper per term than a chain of `mpfr_fma`
/// at 256–512 bits, and more accurate: one rounding instead of one per term).
///
/// **Method.** The accumulator has the N limbs of its `precision`. A term a·b (significands of
/// N_a and N_b ≤ N limbs, value M·2^(E−64(N_a+N_b)) with M the exact product) is placed with its
/// top limb at limb N of an (N + 1)-limb term (its lower limbs dropped, or zero limbs below it);
/// the term is shifted right by `emax − E` bits into one of
/// two nonnegative accumulators (positive and negative terms) of N + 2 limbs whose unit is
/// 2^(emax − 64(N+1)), emax the largest term exponent so far (the accumulators are shifted when
/// it grows). The top limb is headroom for carries (2^62 terms). Dropping the product's low
/// limbs, the shift of each term and each re-shift truncate below the unit: with T terms the
/// error is below 4T units, 4T·2^(−64(N+1)+2) of the largest term (about 2^−310 for T = 45 at
/// 256 bits). Without massive cancellation that is far under the final rounding's half ulp, so
/// the result is the correctly rounded sum (tested against exact rationals); under
/// cancellation the absolute error is still about 2^64 times smaller than a chain of fma's.
///
/// Zeros are skipped; a NaN or infinite operand makes the result NaN. Operands may have any
/// precision up to the accumulator's (N_a, N_b ≤ N: checked by `dot`, the caller's duty on the
/// inline path); the destination any precision. Not thread-safe: one per worker.
public final class ExactDot: @unchecked Sendable {
    public let precision: Precision
    @usableFromInline let limbs: Int
    @usableFromInline let width: Int
    @usableFromInline let pos: UnsafeMutablePointer<mp_limb_t>
    @usableFromInline let neg: UnsafeMutablePointer<mp_limb_t>
    @usableFromInline let product: UnsafeMutablePointer<mp_limb_t>
    @usableFromInline let shifted: UnsafeMutablePointer<mp_limb_t>
    @usableFromInline let result: UnsafeMutablePointer<mp_limb_t>
    @usableFromInline let z: UnsafeMutablePointer<__mpz_struct>
    /// [0] emax, [1] 1 while the sum is empty, [2] 1 once a NaN or infinity was seen, [3] the
    /// operand limbs products use (state in raw memory: class `var`s would cost an exclusivity
    /// check per access).
    @usableFromInline let state: UnsafeMutablePointer<Int>
    @inlinable var emax: Int { get { state[0] } set { state[0] = newValue } }
    @inlinable var empty: Bool { get { state[1] != 0 } set { state[1] = newValue ? 1 : 0 } }
    @inlinable var special: Bool { get { state[2] != 0 } set { state[2] = newValue ? 1 : 0 } }
    @inlinable var activeLimbs: Int { get { state[3] } set { state[3] = newValue } }

    /// The largest special exponent (MPFR: zero = −EXP_MAX, NaN = 1 − EXP_MAX, Inf = 2 − EXP_MAX).
    @usableFromInline static let specialExponent = Int.min + 3
    @usableFromInline static let zeroExponent = Int.min + 1

    /// One block holding every buffer, aligned and padded to 128 bytes so that the accumulators
    /// of different workers never share a cache line.
    @usableFromInline let block: UnsafeMutableRawPointer

    /// An accumulator for operands of `precision`.
    public init(precision: Precision) {
        self.precision = precision
        limbs = (precision.bits + 63) / 64
        width = limbs + 2
        let limbCount = 4 * width + 2 * limbs
        let bytes = limbCount * MemoryLayout<mp_limb_t>.stride + 4 * MemoryLayout<Int>.stride
            + MemoryLayout<__mpz_struct>.stride + 64
        let padded = (bytes + 127) / 128 * 128
        block = .allocate(byteCount: padded, alignment: 128)
        block.initializeMemory(as: UInt8.self, repeating: 0, count: padded)
        let l = block.bindMemory(to: mp_limb_t.self, capacity: limbCount)
        pos = l; neg = l + width; shifted = l + 2 * width; result = l + 3 * width; product = l + 4 * width
        let afterLimbs = block + limbCount * MemoryLayout<mp_limb_t>.stride
        state = afterLimbs.bindMemory(to: Int.self, capacity: 4)
        state[1] = 1
        state[3] = limbs
        let zOffset = (4 * MemoryLayout<Int>.stride + 15) / 16 * 16
        z = (afterLimbs + zOffset).bindMemory(to: __mpz_struct.self, capacity: 1)
    }

    /// Σ_j a_j b_j (+ Σ_j c_j) rounded to nearest at `into`'s precision; no operand may have more
    /// limbs than the accumulator (checked). With `productBits`, the products of operands of
    /// the accumulator's limb count are shortened as by `truncateProducts(toBits:)`.
    public func dot(_ a: [BigFloat], _ b: [BigFloat], plus c: [BigFloat] = [], into out: BigFloat, productBits: Int? = nil) {
        precondition(a.count == b.count)
        for v in a + b + c {
            precondition(Self.limbCount(v.mpfr) <= limbs, "ExactDot: operand precision \(v.precision) > \(precision)")
        }
        truncateProducts(toBits: productBits ?? precision.bits)
        begin()
        for (x, y) in zip(a, b) { addProduct(x.mpfr, y.mpfr) }
        for x in c { addValue(x.mpfr) }
        finish(into: out.mpfr)
    }

    deinit {
        block.deallocate()
    }

    /// Starts a new sum (= 0).
    @inlinable @inline(__always)
    func begin() {
        empty = true
        special = false
    }

    /// Products from now on multiply only the top ⌈bits/64⌉ limbs of each operand (at least
    /// 2, at most all): each term then errs by less than 2^(3 − 64·limbs) of its magnitude (a
    /// normalized top limb holds at least 63 significant bits), and costs about (limbs/N)² of a
    /// full product. `bits` ≥ the precision restores exact products. For Taylor coefficients
    /// that need fewer bits than the working precision (`TaylorStepSize.coefficientBits`).
    @inlinable
    public func truncateProducts(toBits bits: Int) {
        activeLimbs = Swift.max(2, Swift.min(limbs, (bits + 63) / 64))
    }

    /// The limbs of a value's significand.
    @inlinable @inline(__always)
    static func limbCount(_ x: UnsafePointer<__mpfr_struct>) -> Int { (x.pointee._mpfr_prec + 63) >> 6 }

    /// True (and the NaN flag set when it is one) if x is zero, NaN or infinite.
    @inlinable @inline(__always)
    func isSpecial(_ exponent: Int) -> Bool {
        guard exponent <= Self.specialExponent else { return false }
        if exponent != Self.zeroExponent { special = true }
        return true
    }

    /// sum += ±a·b·2^scale (a·b from the top `activeLimbs` limbs of each operand when both have
    /// the accumulator's limbs; the exact product otherwise); minus when `negated`.
    @inlinable @inline(__always)
    func addProduct(_ a: UnsafePointer<__mpfr_struct>, _ b: UnsafePointer<__mpfr_struct>, scaledBy scale: Int = 0,
                    negated: Bool = false) {
        let ea = a.pointee._mpfr_exp, eb = b.pointee._mpfr_exp
        let sa = isSpecial(ea), sb = isSpecial(eb)   // both, to flag a NaN beside a zero
        if sa || sb { return }
        let N = limbs, A = activeLimbs, na = Self.limbCount(a), nb = Self.limbCount(b)
        let negative = ((a.pointee._mpfr_sign < 0) != (b.pointee._mpfr_sign < 0)) != negated
        if na != N || nb != N {
            addMixedProduct(a, na, b, nb, exponent: ea + eb + scale, negative: negative)
        } else if A >= N {
            __gmpn_mul_n(product, a.pointee._mpfr_d, b.pointee._mpfr_d, N)
            insert(product + (N - 1), exponent: ea + eb + scale, negative: negative)
        } else {
            // The 2A-limb product of the top A limbs, aligned with the full product's top; the
            // term's limbs below it (from N − 1) are zero and are not added.
            let off = N - A
            __gmpn_mul_n(product + 2 * off, a.pointee._mpfr_d + off, b.pointee._mpfr_d + off, A)
            insert(product + (N - 1), exponent: ea + eb + scale, negative: negative, zeroLimbs: Swift.max(0, 2 * off - (N - 1)))
        }
    }

    /// The exact (na + nb)-limb product, its top limb placed at limb N of the term.
    @inlinable @inline(__always)
    func addMixedProduct(_ a: UnsafePointer<__mpfr_struct>, _ na: Int, _ b: UnsafePointer<__mpfr_struct>, _ nb: Int,
                         exponent E: Int, negative: Bool) {
        let N = limbs, total = na + nb
        let low = Swift.max(0, N + 1 - total)   // zero limbs below the product in the term
        if na >= nb {
            __gmpn_mul(product + low, a.pointee._mpfr_d, na, b.pointee._mpfr_d, nb)
        } else {
            __gmpn_mul(product + low, b.pointee._mpfr_d, nb, a.pointee._mpfr_d, na)
        }
        insertExact(product + Swift.max(0, total - N - 1), exponent: E, negative: negative, zeroLimbs: low)
    }

    /// `insert` of a term whose lowest `z` limbs are zero, losing no bit above the unit: one
    /// zero limb below the nonzero ones is read too, to take the bits the shift moves out.
    @inlinable @inline(__always)
    func insertExact(_ term: UnsafeMutablePointer<mp_limb_t>, exponent E: Int, negative: Bool, zeroLimbs z: Int) {
        if z > 0 { term[z - 1] = 0 }
        insert(term, exponent: E, negative: negative, zeroLimbs: Swift.max(0, z - 1))
    }

    /// sum += ±c (minus when `negated`).
    @inlinable @inline(__always)
    func addValue(_ c: UnsafePointer<__mpfr_struct>, negated: Bool = false) {
        let ec = c.pointee._mpfr_exp
        if isSpecial(ec) { return }
        let N = limbs, nc = Self.limbCount(c)
        // M_c·2^(Ec − 64nc) = (M_c·2^(64(N+1−nc)))·2^(Ec − 64(N+1)): limbs [N+1−nc, N+1) of an
        // (N+1)-limb term.
        (product + (N + 1 - nc)).update(from: c.pointee._mpfr_d, count: nc)
        insertExact(product, exponent: ec, negative: (c.pointee._mpfr_sign < 0) != negated, zeroLimbs: N + 1 - nc)
    }

    /// Adds the (N+1)-limb term T·2^(E − 64(N+1)) to the accumulator of its sign; its lowest
    /// `zeroLimbs` limbs are zero and are not read (when they are some, the bits the shift moves
    /// out of the lowest nonzero limb are dropped: they lie below a shortened product's error).
    @inlinable @inline(__always)
    func insert(_ term: UnsafeMutablePointer<mp_limb_t>, exponent E: Int, negative: Bool, zeroLimbs z: Int = 0) {
        let W = width, T = limbs + 1
        if empty {
            emax = E
            empty = false
            for i in 0..<W { pos[i] = 0; neg[i] = 0 }
        } else if E > emax {
            Self.shiftRight(pos, W, by: E - emax, scratch: shifted)
            Self.shiftRight(neg, W, by: E - emax, scratch: shifted)
            emax = E
        }
        let d = emax - E
        let limbShift = d >> 6, bitShift = d & 63
        if limbShift >= T { return }   // below the accumulator's unit
        let first = Swift.max(z, limbShift)   // the first term limb that is read
        let count = T - first
        let acc = (negative ? neg : pos) + (first - limbShift)
        let room = W - (first - limbShift)
        if bitShift == 0 {
            __gmpn_add(acc, acc, room, term + first, count)
        } else {
            __gmpn_rshift(shifted, term + first, count, UInt32(bitShift))
            __gmpn_add(acc, acc, room, shifted, count)
        }
    }

    /// x ← ⌊x / 2^d⌋ on `n` limbs.
    @inlinable
    static func shiftRight(_ x: UnsafeMutablePointer<mp_limb_t>, _ n: Int, by d: Int, scratch: UnsafeMutablePointer<mp_limb_t>) {
        let limbShift = d >> 6, bitShift = d & 63
        if limbShift >= n {
            for i in 0..<n { x[i] = 0 }
            return
        }
        let count = n - limbShift
        if bitShift == 0 {
            for i in 0..<count { x[i] = x[i + limbShift] }
        } else {
            __gmpn_rshift(x, x + limbShift, count, UInt32(bitShift))
        }
        for i in count..<n { x[i] = 0 }
    }

    /// dst ← the sum, rounded to nearest at dst's precision.
    @inlinable @inline(__always)
    func finish(into dst: UnsafeMutablePointer<__mpfr_struct>) {
        if special { mpfr_set_nan(dst); return }
        if empty { mpfr_set_zero(dst, 1); return }
        let W = width
        let sign: Int
        if __gmpn_cmp(pos, neg, W) >= 0 {
            __gmpn_sub_n(result, pos, neg, W); sign = 1
        } else {
            __gmpn_sub_n(result, neg, pos, W); sign = -1
        }
        _ = __gmpz_roinit_n(z, result, sign * W)
        mpfr_set_z_2exp(dst, z, emax - 64 * (limbs + 1), MPFR_RNDN)
    }
}
