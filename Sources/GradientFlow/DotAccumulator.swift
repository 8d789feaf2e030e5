import CMPFR
import MultiPrecision

/// dst ← Σ ±a_j·b_j + Σ ±c_j over registers addressed by pointer, for the matrix products of
/// `ExponentialCollocationStepper`: for `BigFloat` accumulated exactly in fixed point and rounded
/// once into dst (`ExactDot`; operands of any precision up to the accumulator's), for other
/// scalars by a chain of fused multiply-adds in the order of the calls.
///
/// Use: `begin(dst)`, then `add…` calls, then `finish(dst)`, with the same dst; dst's storage
/// must be its own (a register, never copied), since `BigFloat` results are written through its
/// MPFR pointer. Holds its accumulator by reference: copies share it; not thread-safe.
struct DotAccumulator<S: Scalar> {
    /// The accumulator (BigFloat only), and a reference to it that costs no reference counting
    /// per use.
    let exact: ExactDot?
    let accumulator: Unmanaged<ExactDot>?

    /// An accumulator for operands of at most `precision`.
    init(precision: Precision) {
        exact = S.self == BigFloat.self ? ExactDot(precision: precision) : nil
        accumulator = exact.map { Unmanaged.passUnretained($0) }
    }

    /// The MPFR struct of a BigFloat register (only when S == BigFloat).
    @inline(__always)
    static func mp(_ p: UnsafePointer<S>) -> UnsafeMutablePointer<__mpfr_struct> {
        BigFloat.mpfr(at: UnsafeRawPointer(p).assumingMemoryBound(to: BigFloat.self))
    }

    @inline(__always)
    func begin(_ dst: UnsafeMutablePointer<S>) {
        if let accumulator { accumulator._withUnsafeGuaranteedRef { $0.begin() } } else { dst.pointee.set(0) }
    }

    /// dst += a·b, or −= when `negated`.
    @inline(__always)
    func add(_ a: UnsafePointer<S>, _ b: UnsafePointer<S>, negated: Bool = false, into dst: UnsafeMutablePointer<S>) {
        if let accumulator {
            accumulator._withUnsafeGuaranteedRef { $0.addProduct(Self.mp(a), Self.mp(b), negated: negated) }
        } else if negated {
            dst.pointee.fms(a.pointee, b.pointee, dst.pointee)
            dst.pointee.neg(dst.pointee)
        } else {
            dst.pointee.fma(a.pointee, b.pointee, dst.pointee)
        }
    }

    /// dst += Σ_j a[j·strideA]·b[j·strideB] for j < count.
    @inline(__always)
    func add(_ count: Int, _ a: UnsafePointer<S>, stride strideA: Int, _ b: UnsafePointer<S>, stride strideB: Int,
             into dst: UnsafeMutablePointer<S>) {
        for j in 0..<count { add(a + j * strideA, b + j * strideB, into: dst) }
    }

    /// dst += c, or −= when `negated`.
    @inline(__always)
    func add(_ c: UnsafePointer<S>, negated: Bool = false, into dst: UnsafeMutablePointer<S>) {
        if let accumulator {
            accumulator._withUnsafeGuaranteedRef { $0.addValue(Self.mp(c), negated: negated) }
        } else if negated {
            dst.pointee.sub(dst.pointee, c.pointee)
        } else {
            dst.pointee.add(dst.pointee, c.pointee)
        }
    }

    /// dst ← y_i + Σ_k Q_ik u_k (Q row-major P × P): component i of the state y + Qu, summed the
    /// same way wherever a collocation step forms it, so that equal inputs give equal states.
    @inline(__always)
    func state(_ i: Int, start y: UnsafePointer<S>, vectors Q: UnsafePointer<S>, values u: UnsafePointer<S>,
               dimension P: Int, into dst: UnsafeMutablePointer<S>) {
        begin(dst)
        add(y + i, into: dst)
        add(P, Q + i * P, stride: 1, u, stride: 1, into: dst)
        finish(dst)
    }

    /// Rounds the sum into dst.
    @inline(__always)
    func finish(_ dst: UnsafeMutablePointer<S>) {
        if let accumulator { accumulator._withUnsafeGuaranteedRef { $0.finish(into: Self.mp(dst)) } }
    }
}
