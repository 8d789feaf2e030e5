import CMPFR
import MultiPrecision
import TwoLayerNet

/// The registers of `TaylorJets` and the per-level work of its recurrences (see `TaylorJets`
/// for the formulas), addressed by pointer. A jet is L = K_max + 1 consecutive registers, its
/// coefficients 0…K_max.
///
/// Shared by all workers, each touching only its own samples' jets: u, j·u_j, t = σ(u),
/// s = σ'(u), r = e·s (n·m jets, index i·m + k) and e (n jets). Per worker w: a copy of the θ
/// jets (P), of g_kj = Σ_i r_ik x̃_ij (m·D), its partial sums Σ_{i∈w} e_i t_ik (m jets) and
/// Σ_{i∈w} r_ik x̃_ij (m·D jets), and 4 scratch registers.
///
/// `@unchecked Sendable`: a bag of pointers handed to the workers of one level; the
/// discipline above (disjoint writes, per-order partial sums read only after the level's join)
/// is what makes it safe.
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
    @usableFromInline let thAll: UnsafeMutablePointer<S>, gAll: UnsafeMutablePointer<S>
    @usableFromInline let paAll: UnsafeMutablePointer<S>, pgAll: UnsafeMutablePointer<S>
    @usableFromInline let accAll: UnsafeMutablePointer<S>
    /// Per worker, for BigFloat: the fixed-point accumulator of the Cauchy products (nil: fma
    /// chains, also for BigFloat when `exactDots` is off).
    @usableFromInline let exact: [ExactDot]?

    // swiftlint:disable:next function_parameter_count
    static func allocate(network: TwoLayerNetwork, sampleCount n: Int, L: Int, threads T: Int, kind: Int,
                         x: UnsafeMutablePointer<S>, y: UnsafeMutablePointer<S>, slopes: UnsafeMutablePointer<S>,
                         c: UnsafeMutablePointer<S>, precision: Precision, exactDots: Bool) -> (RegisterFile<S>, TaylorJetLayout<S>) {
        let m = network.width, D = network.extendedInputDimension, P = network.parameterCount
        let perWorker = P * L + m * D * L + m * L + m * D * L + 4
        let f = RegisterFile<S>(count: L * (5 * n * m + n) + T * perWorker, precision: precision)
        let layout = TaylorJetLayout(
            n: n, m: m, D: D, q: 1 + D, P: P, L: L, threads: T, kind: kind, x: x, y: y, slopes: slopes, c: c,
            u: f.take(n * m * L), du: f.take(n * m * L), t: f.take(n * m * L), s: f.take(n * m * L),
            e: f.take(n * L), r: f.take(n * m * L),
            thAll: f.take(T * P * L), gAll: f.take(T * m * D * L), paAll: f.take(T * m * L),
            pgAll: f.take(T * m * D * L), accAll: f.take(T * 4),
            exact: S.self == BigFloat.self && exactDots ? (0..<T).map { _ in ExactDot(precision: precision) } : nil)
        return (f, layout)
    }

    @usableFromInline
    init(n: Int, m: Int, D: Int, q: Int, P: Int, L: Int, threads: Int, kind: Int,
         x: UnsafeMutablePointer<S>, y: UnsafeMutablePointer<S>, slopes: UnsafeMutablePointer<S>, c: UnsafeMutablePointer<S>,
         u: UnsafeMutablePointer<S>, du: UnsafeMutablePointer<S>, t: UnsafeMutablePointer<S>, s: UnsafeMutablePointer<S>,
         e: UnsafeMutablePointer<S>, r: UnsafeMutablePointer<S>, thAll: UnsafeMutablePointer<S>,
         gAll: UnsafeMutablePointer<S>, paAll: UnsafeMutablePointer<S>, pgAll: UnsafeMutablePointer<S>,
         accAll: UnsafeMutablePointer<S>, exact: [ExactDot]?) {
        self.n = n; self.m = m; self.D = D; self.q = q; self.P = P; self.L = L; self.threads = threads
        self.kind = kind; self.x = x; self.y = y; self.slopes = slopes; self.c = c
        self.u = u; self.du = du; self.t = t; self.s = s; self.e = e; self.r = r
        self.thAll = thAll; self.gAll = gAll; self.paAll = paAll; self.pgAll = pgAll; self.accAll = accAll
        self.exact = exact
    }

    /// Worker 0's θ jets: the coefficients reported after `compute`.
    @inlinable var th: UnsafeMutablePointer<S> { thAll }
    @inlinable func th(_ w: Int) -> UnsafeMutablePointer<S> { thAll + w * P * L }
    @inlinable func g(_ w: Int) -> UnsafeMutablePointer<S> { gAll + w * m * D * L }
    @inlinable func pa(_ w: Int) -> UnsafeMutablePointer<S> { paAll + w * m * L }
    @inlinable func pg(_ w: Int) -> UnsafeMutablePointer<S> { pgAll + w * m * D * L }
    @inlinable func acc(_ w: Int) -> UnsafeMutablePointer<S> { accAll + w * 4 }
    /// Worker w's samples: a contiguous block.
    @inlinable func samples(_ w: Int) -> Range<Int> { (w * n / threads)..<((w + 1) * n / threads) }

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

    /// u_ik[lvl] = Σ_j w̃_kj[lvl] x̃_ij for the given samples, from worker w's θ jets.
    @inlinable
    func linearLevel(_ lvl: Int, samples: Range<Int>, worker w: Int) {
        let th = th(w)
        for i in samples {
            for k in 0..<m {
                let dst = u + (i * m + k) * L + lvl
                dotBegin(w, dst)
                for j in 0..<D { dotProduct(w, th + (k * q + 1 + j) * L + lvl, x + i * D + j, dst) }
                dotFinish(w, dst)
            }
        }
    }

    /// Worker w's Cauchy products at level `lvl` of an order-K expansion use the bits that level
    /// needs (`TaylorStepSize.coefficientBits`) when `truncating`, all bits otherwise (BigFloat
    /// exact dots only).
    @inlinable
    func setProductBits(level lvl: Int, order K: Int, truncating: Bool, worker w: Int) {
        guard let exact else { return }
        exact[w].truncateProducts(toBits: truncating ? TaylorStepSize.coefficientBits(level: lvl, order: K) : Int.max / 2)
    }

    /// Worker w's share of order `lvl`: first θ_lvl in its own θ copy from the partial sums of
    /// order lvl − 1 (all workers'), then its samples' u, σ, σ', e, r at order lvl and its
    /// partial sums of order lvl.
    @inlinable
    func advance(to lvl: Int, worker w: Int) {
        if lvl >= 1 { combine(level: lvl - 1, worker: w) }
        let block = samples(w)
        linearLevel(lvl, samples: block, worker: w)
        activationLevel(lvl, samples: block, worker: w)
        residualLevel(lvl, samples: block, worker: w)
        partialSums(lvl, samples: block, worker: w)
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
        let th = th(w), acc = acc(w)
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

    /// Worker w's partial sums of order lvl over its samples: Σ_i (e_i t_ik)[lvl] and
    /// Σ_i r_ik[lvl] x̃_ij.
    @inlinable
    func partialSums(_ lvl: Int, samples block: Range<Int>, worker w: Int) {
        let m = m, L = L, D = D
        // Partial sums of order lvl over this block.
        let pa = pa(w), pg = pg(w)
        for k in 0..<m {
            // Σ_{i∈block} (e_i t_ik)[lvl]
            let dst = pa + k * L + lvl
            dotBegin(w, dst)
            for i in block { dotCauchy(w, e + i * L, t + (i * m + k) * L, lvl, dst) }
            dotFinish(w, dst)
            // Σ_{i∈block} r_ik[lvl] x̃_ij
            for j in 0..<D {
                let gdst = pg + (k * D + j) * L + lvl
                dotBegin(w, gdst)
                for i in block { dotProduct(w, r + (i * m + k) * L + lvl, x + i * D + j, gdst) }
                dotFinish(w, gdst)
            }
        }
    }

    /// θ_{l+1} in worker w's θ copy from the partial sums of order l:
    /// a_k[l+1] = −(1/(n(l+1))) Σ_i (e_i t_ik)[l],  g_kj[l] = Σ_i r_ik[l] x̃_ij,
    /// w̃_kj[l+1] = −(1/(n(l+1))) (a_k g_kj)[l].
    @inlinable
    func combine(level l: Int, worker w: Int) {
        let th = th(w), g = g(w), acc = acc(w)
        let scale = -n * (l + 1)
        let m = m, L = L, q = q, D = D
        for k in 0..<m {
            acc[1].set(pa(0)[k * L + l])
            for v in 1..<threads { acc[1].add(acc[1], pa(v)[k * L + l]) }
            th[k * q * L + l + 1].div(acc[1], scale)
            for j in 0..<D {
                let gkj = g + (k * D + j) * L
                gkj[l].set(pg(0)[(k * D + j) * L + l])
                for v in 1..<threads { gkj[l].add(gkj[l], pg(v)[(k * D + j) * L + l]) }
                dotBegin(w, acc + 1)
                dotCauchy(w, th + k * q * L, gkj, l, acc + 1)
                dotFinish(w, acc + 1)
                th[(k * q + 1 + j) * L + l + 1].div(acc[1], scale)
            }
        }
    }
}
