import CGMP
import CMPFR
import MultiPrecision

/// Sums of products of `BigFloat`s of one precision, accumulated in fixed point with GMP's mpn
/// layer and rounded once at the end: the BigFloat fast path of the Taylor recurrences' Cauchy
/// products (about 2.5× cheaper per term than a chain of `mpfr_fma` at 256–512 bits, and more
/// accurate: one rounding instead of one per term).
///
/// **Method.** A term a·b (N-limb significands, value M·2^(E−64N) with M normalized) is the
/// exact 2N-limb product; its top N + 1 limbs are shifted right by `emax − E` bits into one of
/// two nonnegative accumulators (positive and negative terms) of N + 2 limbs whose unit is
/// 2^(emax − 64(N+1)), emax the largest term exponent so far (the accumulators are shifted when
/// it grows). The top limb is headroom for carries (2^62 terms). Dropping the product's low
/// limbs, the shift of each term and each re-shift truncate below the unit: with T terms the
/// error is below 4T units, 4T·2^(−64(N+1)+2) of the largest term (about 2^−310 for T = 45 at
/// 256 bits). Without massive cancellation that is far under the final rounding's half ulp, so
/// the result is the correctly rounded sum (tested against exact rationals); under
/// cancellation the absolute error is still about 2^64 times smaller than a chain of fma's.
///
/// Zeros are skipped; a NaN or infinite operand makes the result NaN. All operands and the
/// destination must have `precision` (checked by `precondition` in `begin`'s caller: the Taylor
/// jets create every register at one precision). Not thread-safe: one per worker.
public final class TaylorExactDot: @unchecked Sendable {
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

    /// Σ_j a_j b_j (+ Σ_j c_j) rounded to nearest at `into`'s precision; every operand must have
    /// the accumulator's precision (checked). With `productBits`, the products are shortened as
    /// by `truncateProducts(toBits:)`.
    public func dot(_ a: [BigFloat], _ b: [BigFloat], plus c: [BigFloat] = [], into out: BigFloat, productBits: Int? = nil) {
        precondition(a.count == b.count)
        for v in a + b + c + [out] {
            precondition(v.precision == precision, "TaylorExactDot: operand precision \(v.precision) ≠ \(precision)")
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

    /// sum += a·b·2^scale (a·b from the top `activeLimbs` limbs of each operand).
    @inlinable @inline(__always)
    func addProduct(_ a: UnsafePointer<__mpfr_struct>, _ b: UnsafePointer<__mpfr_struct>, scaledBy scale: Int = 0) {
        let ea = a.pointee._mpfr_exp, eb = b.pointee._mpfr_exp
        if ea <= Self.specialExponent || eb <= Self.specialExponent {
            if (ea <= Self.specialExponent && ea != Self.zeroExponent) || (eb <= Self.specialExponent && eb != Self.zeroExponent) {
                special = true
            }
            return
        }
        let N = limbs, A = activeLimbs
        if A >= N {
            __gmpn_mul_n(product, a.pointee._mpfr_d, b.pointee._mpfr_d, N)
            insert(product + (N - 1), exponent: ea + eb + scale, negative: (a.pointee._mpfr_sign < 0) != (b.pointee._mpfr_sign < 0))
        } else {
            // The 2A-limb product of the top A limbs, aligned with the full product's top; the
            // term's limbs below it (from N − 1) are zero and are not added.
            let off = N - A
            __gmpn_mul_n(product + 2 * off, a.pointee._mpfr_d + off, b.pointee._mpfr_d + off, A)
            insert(product + (N - 1), exponent: ea + eb + scale, negative: (a.pointee._mpfr_sign < 0) != (b.pointee._mpfr_sign < 0),
                   zeroLimbs: Swift.max(0, 2 * off - (N - 1)))
        }
    }

    /// sum += c.
    @inlinable @inline(__always)
    func addValue(_ c: UnsafePointer<__mpfr_struct>) {
        let ec = c.pointee._mpfr_exp
        if ec <= Self.specialExponent {
            if ec != Self.zeroExponent { special = true }
            return
        }
        let N = limbs
        // M_c·2^(Ec − 64N) = (M_c·2^64)·2^(Ec − 64(N+1)): limbs [1, N+1) of an (N+1)-limb term.
        product[N - 1] = 0
        (product + N).update(from: c.pointee._mpfr_d, count: N)
        insert(product + (N - 1), exponent: ec, negative: c.pointee._mpfr_sign < 0)
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
