import CMPFR
import MultiPrecision
import TwoLayerNet

/// The registers of `TaylorJets` and the per-level work of its recurrences (see `TaylorJets`
/// for the formulas), addressed by pointer. A jet is L = K_max + 1 consecutive registers, its
/// coefficients 0…K_max.
///
/// One copy of every jet: θ (P), u, j·u_j, t = σ(u), s = σ'(u), r = e·s (n·m jets, index
/// i·m + k), e (n jets) and g_kj = Σ_i r_ik x̃_ij (m·D jets); per worker only 4 scratch registers
/// and, for BigFloat, a fixed-point accumulator.
///
/// **Workers.** A level is two phases, each split into contiguous blocks over the workers: the
/// *sample phase* (`sampleLevel`: u, σ, σ', e, r of sample i, for the samples of the worker's
/// block) and the *neuron phase* (`neuronLevel`: Σ_i (e_i t_ik), g_kj and θ's next order for
/// neuron k, for the neurons of the block). Every register is written by the one worker whose
/// block holds its sample or neuron, from registers the previous phase completed, and each sum
/// is accumulated whole by that worker (one `begin`…`finish`), so the coefficients are the same
/// bits for any number of workers. `@unchecked Sendable`: a bag of pointers handed to the
/// workers of one phase; the discipline above is what makes it safe.
@usableFromInline
struct TaylorJetLayout<S: Scalar>: @unchecked Sendable {
    @usableFromInline let n: Int, m: Int, D: Int, q: Int, P: Int, L: Int, threads: Int
    /// 0 tanh, 1 piecewise linear (t = c·u, s = c).
    @usableFromInline let kind: Int
    @usableFromInline let x: UnsafeMutablePointer<S>, y: UnsafeMutablePointer<S>
    @usableFromInline let slopes: UnsafeMutablePointer<S>, c: UnsafeMutablePointer<S>
    @usableFromInline let u: UnsafeMutablePointer<S>, du: UnsafeMutablePointer<S>
    @usableFromInline let t: UnsafeMutablePointer<S>, s: UnsafeMutablePointer<S>
    @usableFromInline let e: UnsafeMutablePointer<S>, r: UnsafeMutablePointer<S>
    @usableFromInline let th: UnsafeMutablePointer<S>, g: UnsafeMutablePointer<S>
    @usableFromInline let accAll: UnsafeMutablePointer<S>
    /// Per worker, for BigFloat: the fixed-point accumulator of the Cauchy products (nil: fma
    /// chains, also for BigFloat when `exactDots` is off).
    @usableFromInline let exact: [ExactDot]?

    // swiftlint:disable:next function_parameter_count
    static func allocate(network: TwoLayerNetwork, sampleCount n: Int, L: Int, threads T: Int, kind: Int,
                         x: UnsafeMutablePointer<S>, y: UnsafeMutablePointer<S>, slopes: UnsafeMutablePointer<S>,
                         c: UnsafeMutablePointer<S>, precision: Precision, exactDots: Bool) -> (RegisterFile<S>, TaylorJetLayout<S>) {
        let m = network.width, D = network.extendedInputDimension, P = network.parameterCount
        let f = RegisterFile<S>(count: L * (5 * n * m + n + P + m * D) + 4 * T, precision: precision)
        let layout = TaylorJetLayout(
            n: n, m: m, D: D, q: 1 + D, P: P, L: L, threads: T, kind: kind, x: x, y: y, slopes: slopes, c: c,
            u: f.take(n * m * L), du: f.take(n * m * L), t: f.take(n * m * L), s: f.take(n * m * L),
            e: f.take(n * L), r: f.take(n * m * L), th: f.take(P * L), g: f.take(m * D * L), accAll: f.take(4 * T),
            exact: S.self == BigFloat.self && exactDots ? (0..<T).map { _ in ExactDot(precision: precision) } : nil)
        return (f, layout)
    }

    @usableFromInline
    init(n: Int, m: Int, D: Int, q: Int, P: Int, L: Int, threads: Int, kind: Int,
         x: UnsafeMutablePointer<S>, y: UnsafeMutablePointer<S>, slopes: UnsafeMutablePointer<S>, c: UnsafeMutablePointer<S>,
         u: UnsafeMutablePointer<S>, du: UnsafeMutablePointer<S>, t: UnsafeMutablePointer<S>, s: UnsafeMutablePointer<S>,
         e: UnsafeMutablePointer<S>, r: UnsafeMutablePointer<S>, th: UnsafeMutablePointer<S>,
         g: UnsafeMutablePointer<S>, accAll: UnsafeMutablePointer<S>, exact: [ExactDot]?) {
        self.n = n; self.m = m; self.D = D; self.q = q; self.P = P; self.L = L; self.threads = threads
        self.kind = kind; self.x = x; self.y = y; self.slopes = slopes; self.c = c
        self.u = u; self.du = du; self.t = t; self.s = s; self.e = e; self.r = r
        self.th = th; self.g = g; self.accAll = accAll
        self.exact = exact
    }

    @inlinable func acc(_ w: Int) -> UnsafeMutablePointer<S> { accAll + w * 4 }
    /// Worker w's block of `count` items (samples or neurons) out of T contiguous blocks.
    @inlinable func block(_ w: Int, of count: Int) -> Range<Int> { (w * count / threads)..<((w + 1) * count / threads) }

    // MARK: Arithmetic helpers

    /// c ← c + a·b. For `Double` an unfused multiply-add (plain machine arithmetic: without an
    /// FMA target feature `addingProduct` is a libm call), for `BigFloat` one `fma`.
    @inlinable @inline(__always)
    static func mulAdd(_ c: UnsafeMutablePointer<S>, _ a: UnsafeMutablePointer<S>, _ b: UnsafeMutablePointer<S>) {
        if S.self == Double.self {
            let cd = UnsafeMutableRawPointer(c).assumingMemoryBound(to: Double.self)
            cd.pointee += UnsafeRawPointer(a).load(as: Double.self) * UnsafeRawPointer(b).load(as: Double.self)
        } else {
            c.pointee.fma(a.pointee, b.pointee, c.pointee)
        }
    }

    /// c ← c + Σ_{j=lo..k} a_j b_{k−j} (with lo = 0: the k-th coefficient of the Cauchy product a·b).
    @inlinable @inline(__always)
    static func accumulateCauchy(_ a: UnsafeMutablePointer<S>, _ b: UnsafeMutablePointer<S>, _ k: Int,
                                 from lo: Int = 0, into c: UnsafeMutablePointer<S>) {
        guard lo <= k else { return }
        if S.self == Double.self {
            let ad = UnsafeMutableRawPointer(a).assumingMemoryBound(to: Double.self)
            let bd = UnsafeMutableRawPointer(b).assumingMemoryBound(to: Double.self)
            let cd = UnsafeMutableRawPointer(c).assumingMemoryBound(to: Double.self)
            var sum = cd.pointee
            for j in lo...k { sum += ad[j] * bd[k - j] }
            cd.pointee = sum
        } else {
            for j in lo...k { c.pointee.fma(a[j], b[k - j], c.pointee) }
        }
    }

    /// c ← Σ_{j=lo..k} a_j b_{k−j} (lo ≤ k).
    @inlinable @inline(__always)
    static func cauchy(_ a: UnsafeMutablePointer<S>, _ b: UnsafeMutablePointer<S>, _ k: Int,
                       from lo: Int = 0, into c: UnsafeMutablePointer<S>) {
        c.pointee.mul(a[lo], b[k - lo])
        accumulateCauchy(a, b, k, from: lo + 1, into: c)
    }

    // MARK: Dot products (fixed-point exact accumulation for BigFloat, fma chains otherwise)

    /// The MPFR struct of a BigFloat register (only when S == BigFloat).
    @inlinable @inline(__always)
    static func mp(_ p: UnsafeMutablePointer<S>) -> UnsafeMutablePointer<__mpfr_struct> {
        BigFloat.mpfr(at: UnsafeRawPointer(p).assumingMemoryBound(to: BigFloat.self))
    }

    /// dst ← Σ_{j=lo..k} a_j b_{k−j} (+ Σ of further `dot…` calls until `dotFinish`).
    @inlinable @inline(__always)
    func dotBegin(_ w: Int, _ dst: UnsafeMutablePointer<S>) {
        if let exact { exact[w].begin() } else { dst.pointee.set(0) }
    }

    @inlinable @inline(__always)
    func dotCauchy(_ w: Int, _ a: UnsafeMutablePointer<S>, _ b: UnsafeMutablePointer<S>, _ k: Int, from lo: Int = 0,
                   _ dst: UnsafeMutablePointer<S>) {
        guard lo <= k else { return }
        if let exact {
            let x = exact[w]
            for j in lo...k { x.addProduct(Self.mp(a + j), Self.mp(b + k - j)) }
        } else {
            Self.accumulateCauchy(a, b, k, from: lo, into: dst)
        }
    }

    @inlinable @inline(__always)
    func dotProduct(_ w: Int, _ a: UnsafeMutablePointer<S>, _ b: UnsafeMutablePointer<S>, _ dst: UnsafeMutablePointer<S>) {
        if let exact { exact[w].addProduct(Self.mp(a), Self.mp(b)) } else { Self.mulAdd(dst, a, b) }
    }

    @inlinable @inline(__always)
    func dotValue(_ w: Int, _ c: UnsafeMutablePointer<S>, _ dst: UnsafeMutablePointer<S>) {
        if let exact { exact[w].addValue(Self.mp(c)) } else { dst.pointee.add(dst.pointee, c.pointee) }
    }

    @inlinable @inline(__always)
    func dotFinish(_ w: Int, _ dst: UnsafeMutablePointer<S>) {
        if let exact { exact[w].finish(into: Self.mp(dst)) }
    }

    // MARK: Levels

    /// u_ik[lvl] = Σ_j w̃_kj[lvl] x̃_ij for the given samples.
    @inlinable
    func linearLevel(_ lvl: Int, samples: Range<Int>, worker w: Int) {
        for i in samples {
            for k in 0..<m {
                let dst = u + (i * m + k) * L + lvl
                dotBegin(w, dst)
                for j in 0..<D { dotProduct(w, th + (k * q + 1 + j) * L + lvl, x + i * D + j, dst) }
                dotFinish(w, dst)
            }
        }
    }

    /// The bits the Cauchy products of level `lvl` of an order-K expansion use: those the level
    /// needs (`TaylorStepSize.coefficientBits`) when `truncating`, all bits otherwise (BigFloat
    /// exact dots only).
    @inlinable
    static func productBits(level lvl: Int, order K: Int, truncating: Bool) -> Int {
        truncating ? TaylorStepSize.coefficientBits(level: lvl, order: K) : Int.max / 2
    }

    /// The sample phase of order `lvl`: u, σ, σ', e and r at order lvl for worker w's samples.
    @inlinable
    func sampleLevel(_ lvl: Int, worker w: Int, productBits: Int) {
        exact?[w].truncateProducts(toBits: productBits)
        let samples = block(w, of: n)
        linearLevel(lvl, samples: samples, worker: w)
        activationLevel(lvl, samples: samples, worker: w)
        residualLevel(lvl, samples: samples, worker: w)
    }

    /// t_ik = σ(u_ik) and s_ik = σ'(u_ik) at order lvl for the samples of `block`.
    @inlinable
    func activationLevel(_ lvl: Int, samples block: Range<Int>, worker w: Int) {
        let acc = acc(w)
        let m = m, L = L
        if kind == 0 {
            for i in block {
                for k in 0..<m {
                    let ik = i * m + k
                    let uik = u + ik * L, duik = du + ik * L, tik = t + ik * L, sik = s + ik * L
                    if lvl == 0 {
                        tik[0].tanh(uik[0])
                        sik[0].fms(tik[0], tik[0], slopes[1]) // t² − 1
                        sik[0].neg(sik[0])
                        continue
                    }
                    // lvl·t_lvl = Σ_{j=1..lvl} (j u_j) s_{lvl−j}
                    duik[lvl].mul(uik[lvl], lvl)
                    dotBegin(w, acc)
                    dotCauchy(w, duik, sik, lvl, from: 1, acc)
                    dotFinish(w, acc)
                    tik[lvl].div(acc[0], lvl)
                    // s_lvl = −Σ_{j=0..lvl} t_j t_{lvl−j} = −2 (Σ_{j<lvl/2} t_j t_{lvl−j} + [½ t_{lvl/2}²])
                    let half = (lvl - 1) / 2
                    if let exact {
                        let x = exact[w]
                        x.begin()
                        for j in 0...half { x.addProduct(Self.mp(tik + j), Self.mp(tik + lvl - j)) }
                        if lvl % 2 == 0 { x.addProduct(Self.mp(tik + lvl / 2), Self.mp(tik + lvl / 2), scaledBy: -1) }
                        x.finish(into: Self.mp(sik + lvl))
                        sik[lvl].mul(sik[lvl], -2)
                    } else {
                        acc[0].mul(tik[0], tik[lvl])
                        if half >= 1 { for j in 1...half { Self.mulAdd(acc, tik + j, tik + lvl - j) } }
                        acc[0].mul(acc[0], -2)
                        if lvl % 2 == 0 {
                            sik[lvl].fms(tik[lvl / 2], tik[lvl / 2], acc[0])
                            sik[lvl].neg(sik[lvl])
                        } else {
                            sik[lvl].set(acc[0])
                        }
                    }
                }
            }
        } else {
            for i in block {
                for k in 0..<m { (t + (i * m + k) * L)[lvl].mul(c[i * m + k], (u + (i * m + k) * L)[lvl]) }
            }
        }
    }

    /// e_i = Σ_k a_k t_ik − y_i and r_ik = e_i s_ik at order lvl for the samples of `block`.
    @inlinable
    func residualLevel(_ lvl: Int, samples block: Range<Int>, worker w: Int) {
        let acc = acc(w)
        let m = m, L = L, q = q
        // e_i[lvl] = Σ_k (a_k t_ik)[lvl] − y_i δ_{lvl,0}
        for i in block {
            let ei = e + i * L + lvl
            if lvl == 0 {
                acc[1].neg(y[i])
                dotBegin(w, ei)
                dotValue(w, acc + 1, ei)
            } else {
                dotBegin(w, ei)
            }
            for k in 0..<m { dotCauchy(w, th + k * q * L, t + (i * m + k) * L, lvl, ei) }
            dotFinish(w, ei)
        }
        // r_ik = e_i s_ik
        for i in block {
            for k in 0..<m {
                let dst = r + (i * m + k) * L + lvl
                if kind == 0 {
                    dotBegin(w, dst)
                    dotCauchy(w, e + i * L, s + (i * m + k) * L, lvl, dst)
                    dotFinish(w, dst)
                } else {
                    dst.pointee.mul(c[i * m + k], (e + i * L)[lvl])
                }
            }
        }
    }

    /// The neuron phase of order l for worker w's neurons k: θ's order l + 1 from the samples'
    /// order l (products of `productBits`, then `nextBits` for w̃'s Cauchy products):
    /// a_k[l+1] = −(1/(n(l+1))) Σ_i (e_i t_ik)[l],  g_kj[l] = Σ_i r_ik[l] x̃_ij,
    /// w̃_kj[l+1] = −(1/(n(l+1))) (a_k g_kj)[l].
    @inlinable
    func neuronLevel(_ l: Int, worker w: Int, productBits: Int, nextBits: Int) {
        let acc = acc(w)
        let scale = -n * (l + 1)
        let m = m, L = L, q = q, D = D
        for k in block(w, of: m) {
            exact?[w].truncateProducts(toBits: productBits)
            dotBegin(w, acc + 1)
            for i in 0..<n { dotCauchy(w, e + i * L, t + (i * m + k) * L, l, acc + 1) }
            dotFinish(w, acc + 1)
            th[k * q * L + l + 1].div(acc[1], scale)
            for j in 0..<D {
                let gkj = g + (k * D + j) * L
                dotBegin(w, gkj + l)
                for i in 0..<n { dotProduct(w, r + (i * m + k) * L + l, x + i * D + j, gkj + l) }
                dotFinish(w, gkj + l)
            }
            exact?[w].truncateProducts(toBits: nextBits)
            for j in 0..<D {
                dotBegin(w, acc + 1)
                dotCauchy(w, th + k * q * L, g + (k * D + j) * L, l, acc + 1)
                dotFinish(w, acc + 1)
                th[(k * q + 1 + j) * L + l + 1].div(acc[1], scale)
            }
        }
    }
}
