import MultiPrecision

/// The training loss of proofs/THEORY.md §1 and its derivatives, hand-written, generic over `Scalar`
/// and allocation-free after `init`: every intermediate lives in a preallocated register
/// workspace and is updated with the in-place API (`add`, `fma`, `tanh`, …).
///
///     u_ik = w̃_kᵀx̃_i,   f_i = Σ_k a_k σ(u_ik),   e_i = f_i − y_i,   L(θ) = (1/2n) Σ_i e_i²
///     ∂L/∂a_k  = (1/n) Σ_i e_i σ(u_ik)
///     ∂L/∂w̃_kj = (a_k/n) Σ_i e_i σ'(u_ik) x̃_ij                          (the flow θ' = −∇L)
///     ∇²L = (1/n) Σ_i [∇f_i ∇f_iᵀ + e_i ∇²f_i],  with, within one neuron k only,
///       ∂²f_i/∂a_k∂w̃_kj = σ'(u_ik) x̃_ij,   ∂²f_i/∂w̃_kj∂w̃_kl = a_k σ''(u_ik) x̃_ij x̃_il
///     J_ij = ∂f(x_i; θ)/∂θ_j   (model rank, §2)
///
/// Parameters are in the order of `TwoLayerNetwork`; the bias is the extended coordinate
/// x̃_{i,d} = 1. Output buffers are arrays (or, in the pointer API, buffers) of registers created
/// by the caller (e.g. with `makeVector()`); the kernel writes into their elements in place and
/// never replaces them. The workspace is a `RegisterFile` addressed by pointer.
///
/// The methods are `@inlinable` so that clients (the integrator) specialize them for `Double`.
/// Not thread-safe: one kernel per thread.
public struct LossKernel<S: Scalar> {
    public let network: TwoLayerNetwork
    public let precision: Precision
    public let sampleCount: Int
    @usableFromInline let m: Int
    @usableFromInline let D: Int
    @usableFromInline let q: Int
    @usableFromInline var activationKernel: ActivationKernel<S>
    /// Owner of every register below (copies of the kernel share it: one kernel per thread).
    @usableFromInline let registers: RegisterFile<S>
    /// x̃, row-major n × D (the bias column, when present, is 1).
    @usableFromInline let x: UnsafeMutablePointer<S>
    /// y_i.
    @usableFromInline let y: UnsafeMutablePointer<S>
    // Per (sample, neuron), index i·m + k: u_ik, σ, σ', σ''.
    @usableFromInline let u: UnsafeMutablePointer<S>
    @usableFromInline let sig: UnsafeMutablePointer<S>
    @usableFromInline let dsig: UnsafeMutablePointer<S>
    @usableFromInline let d2sig: UnsafeMutablePointer<S>
    /// e_i σ'(u_ik).
    @usableFromInline let r1: UnsafeMutablePointer<S>
    /// e_i a_k σ''(u_ik) (Hessian).
    @usableFromInline let r2: UnsafeMutablePointer<S>
    /// e_i.
    @usableFromInline let e: UnsafeMutablePointer<S>
    /// Accumulator and scratch registers.
    @usableFromInline let acc: UnsafeMutablePointer<S>
    @usableFromInline let tmp: UnsafeMutablePointer<S>
    /// Jacobian scratch for the Hessian, n × P, created by the first `hessian` call (a run
    /// that never needs the Hessian never holds it).
    @usableFromInline var jacobianScratch: RegisterFile<S>?

    /// A kernel for `network` on `data` at `precision` (the data are copied into the kernel's
    /// registers at that precision).
    public init(network: TwoLayerNetwork, data: Dataset<S>, precision: Precision) {
        precondition(data.inputDimension == network.inputDimension, "data dimension ≠ network input dimension")
        self.init(network: network, sampleCount: data.sampleCount, precision: precision)
        let d = network.inputDimension
        for i in 0..<sampleCount {
            for j in 0..<d { x[i * D + j].set(data.inputs[i * d + j]) }
            if network.hasBias { x[i * D + d].set(1) }
            y[i].set(data.labels[i])
        }
    }

    /// A kernel on `other`'s network and data (copied register by register) with a workspace of
    /// its own: for another thread, with the same results bit for bit.
    public init(replicating other: LossKernel) {
        self.init(network: other.network, sampleCount: other.sampleCount, precision: other.precision)
        for i in 0..<(sampleCount * D) { x[i].set(other.x[i]) }
        for i in 0..<sampleCount { y[i].set(other.y[i]) }
    }

    /// A kernel on this kernel's network and its data rounded to Double (to nearest), with a
    /// workspace of its own.
    public func roundedKernel() -> LossKernel<Double> {
        let k = LossKernel<Double>(network: network, sampleCount: sampleCount, precision: .double)
        for i in 0..<(sampleCount * D) { k.x[i] = x[i].doubleValue }
        for i in 0..<sampleCount { k.y[i] = y[i].doubleValue }
        return k
    }

    /// The registers, zero, for n samples.
    init(network: TwoLayerNetwork, sampleCount n: Int, precision: Precision) {
        self.network = network
        self.precision = precision
        sampleCount = n
        m = network.width
        D = network.extendedInputDimension
        q = 1 + D
        activationKernel = ActivationKernel(network.activation, precision: precision)
        let file = RegisterFile<S>(count: n * D + n + 6 * n * m + n + 2, precision: precision)
        registers = file
        x = file.take(n * D); y = file.take(n)
        u = file.take(n * m); sig = file.take(n * m); dsig = file.take(n * m); d2sig = file.take(n * m)
        r1 = file.take(n * m); r2 = file.take(n * m); e = file.take(n)
        acc = file.take(1); tmp = file.take(1)
    }

    /// P new zero registers (for θ, gradients, fields).
    public func makeVector() -> [S] { TwoLayerNetwork.registers(network.parameterCount, precision: precision) }
    /// P² new zero registers (for the Hessian, row-major).
    public func makeHessianBuffer() -> [S] {
        TwoLayerNetwork.registers(network.parameterCount * network.parameterCount, precision: precision)
    }
    /// n·P new zero registers (for the Jacobian, row-major).
    public func makeJacobianBuffer() -> [S] {
        TwoLayerNetwork.registers(sampleCount * network.parameterCount, precision: precision)
    }

    // MARK: Pointer API (for integrators that keep states in flat buffers)

    /// Forward pass: u, σ (and σ', σ'' up to `order`), residuals e_i.
    @inlinable
    public mutating func forward(_ th: UnsafeBufferPointer<S>, order: Int) {
        precondition(th.count == network.parameterCount, "θ has \(th.count) entries, expected \(network.parameterCount)")
        let n = sampleCount, m = m, D = D, q = q
        let x = x, y = y, u = u, sig = sig, dsig = dsig, d2sig = d2sig, e = e
        for i in 0..<n {
            e[i].neg(y[i])
            for k in 0..<m {
                let ik = i * m + k
                u[ik].set(0)
                for j in 0..<D { u[ik].fma(th[k * q + 1 + j], x[i * D + j], u[ik]) }
                activationKernel.evaluate(u[ik], order: order, value: &sig[ik], first: &dsig[ik], second: &d2sig[ik])
                e[i].fma(th[k * q], sig[ik], e[i])
            }
        }
    }

    /// out ← L(θ) = (1/2n) Σ e_i².
    @inlinable
    public mutating func loss(at th: UnsafeBufferPointer<S>, into out: inout S) {
        forward(th, order: 0)
        lossFromResiduals(into: &out)
    }

    /// g ← ∇L(θ); also l ← L(θ) when `loss` is given (one forward pass).
    @inlinable
    public mutating func gradient(at th: UnsafeBufferPointer<S>, into g: UnsafeMutableBufferPointer<S>, loss l: UnsafeMutablePointer<S>? = nil) {
        forward(th, order: 1)
        gradientFromForward(th, into: g, sign: 1)
        if let l { lossFromResiduals(into: &l.pointee) }
    }

    /// v ← −∇L(θ), the gradient-flow field θ' = −∇L (proofs/THEORY.md §1).
    @inlinable
    public mutating func flowField(at th: UnsafeBufferPointer<S>, into v: UnsafeMutableBufferPointer<S>) {
        forward(th, order: 1)
        gradientFromForward(th, into: v, sign: -1)
    }

    /// H ← ∇²L(θ), row-major P × P (symmetric; both triangles written).
    @inlinable
    public mutating func hessian(at th: UnsafeBufferPointer<S>, into hp: UnsafeMutableBufferPointer<S>) {
        let P = network.parameterCount, n = sampleCount, m = m, D = D, q = q
        precondition(hp.count == P * P, "Hessian buffer has \(hp.count) entries, expected \(P * P)")
        forward(th, order: 2)
        if jacobianScratch == nil { jacobianScratch = RegisterFile(count: n * P, precision: precision) }
        let jac = jacobianScratch!.base
        jacobianFromForward(th, into: jac)
        let x = x, dsig = dsig, d2sig = d2sig, r1 = r1, r2 = r2, e = e, acc = acc, tmp = tmp
        for i in 0..<n {
            for k in 0..<m {
                let ik = i * m + k
                r1[ik].mul(e[i], dsig[ik])
                r2[ik].mul(e[i], d2sig[ik])
                r2[ik].mul(r2[ik], th[k * q])
            }
        }
        for r in 0..<P {
            let kr = r / q, jr = r % q
            for c in r..<P {
                acc[0].set(0)
                for i in 0..<n { acc[0].fma(jac[i * P + r], jac[i * P + c], acc[0]) }
                let kc = c / q, jc = c % q
                if kr == kc {
                    if jr == 0 && jc > 0 {
                        // ∂²f/∂a_k∂w̃_kj term: Σ_i e_i σ'(u_ik) x̃_ij
                        for i in 0..<n { acc[0].fma(r1[i * m + kr], x[i * D + jc - 1], acc[0]) }
                    } else if jr > 0 {
                        // ∂²f/∂w̃_kj∂w̃_kl term: Σ_i e_i a_k σ''(u_ik) x̃_ij x̃_il
                        for i in 0..<n {
                            tmp[0].mul(r2[i * m + kr], x[i * D + jr - 1])
                            acc[0].fma(tmp[0], x[i * D + jc - 1], acc[0])
                        }
                    }
                }
                hp[r * P + c].div(acc[0], n)
                if c != r { hp[c * P + r].set(hp[r * P + c]) }
            }
        }
    }

    /// J ← (∂f(x_i; θ)/∂θ_j), row-major n × P: J_{i,a_k} = σ(u_ik), J_{i,w̃_kj} = a_k σ'(u_ik) x̃_ij.
    @inlinable
    public mutating func jacobian(at th: UnsafeBufferPointer<S>, into J: UnsafeMutableBufferPointer<S>) {
        precondition(J.count == sampleCount * network.parameterCount,
                     "Jacobian buffer has \(J.count) entries, expected \(sampleCount * network.parameterCount)")
        forward(th, order: 1)
        jacobianFromForward(th, into: J.baseAddress!)
    }

    @inlinable
    mutating func lossFromResiduals(into out: inout S) {
        let acc = acc, e = e
        acc[0].set(0)
        for i in 0..<sampleCount { acc[0].fma(e[i], e[i], acc[0]) }
        out.div(acc[0], 2 * sampleCount)
    }

    @inlinable
    func gradientFromForward(_ th: UnsafeBufferPointer<S>, into gp: UnsafeMutableBufferPointer<S>, sign: Int) {
        precondition(gp.count == network.parameterCount, "output buffer has \(gp.count) entries, expected \(network.parameterCount)")
        let n = sampleCount, m = m, D = D, q = q
        let x = x, sig = sig, dsig = dsig, r1 = r1, e = e, acc = acc, tmp = tmp
        for i in 0..<n {
            for k in 0..<m { r1[i * m + k].mul(e[i], dsig[i * m + k]) }
        }
        for k in 0..<m {
            acc[0].set(0)
            for i in 0..<n { acc[0].fma(e[i], sig[i * m + k], acc[0]) }
            gp[k * q].div(acc[0], sign * n)
            tmp[0].div(th[k * q], sign * n) // ±a_k / n
            for j in 0..<D {
                acc[0].set(0)
                for i in 0..<n { acc[0].fma(r1[i * m + k], x[i * D + j], acc[0]) }
                gp[k * q + 1 + j].mul(acc[0], tmp[0])
            }
        }
    }

    @inlinable
    func jacobianFromForward(_ th: UnsafeBufferPointer<S>, into J: UnsafeMutablePointer<S>) {
        let P = network.parameterCount, m = m, D = D, q = q
        let x = x, sig = sig, dsig = dsig, tmp = tmp
        for i in 0..<sampleCount {
            for k in 0..<m {
                let ik = i * m + k
                J[i * P + k * q].set(sig[ik])
                tmp[0].mul(th[k * q], dsig[ik])
                for j in 0..<D { J[i * P + k * q + 1 + j].mul(tmp[0], x[i * D + j]) }
            }
        }
    }

    // MARK: Array API (buffers of caller-created registers)

    /// Forward pass on an array θ.
    @inlinable
    public mutating func forward(_ theta: [S], order: Int) {
        theta.withUnsafeBufferPointer { forward($0, order: order) }
    }

    /// out ← L(θ) = (1/2n) Σ e_i².
    @inlinable
    public mutating func loss(at theta: [S], into out: inout S) {
        forward(theta, order: 0)
        lossFromResiduals(into: &out)
    }

    /// g ← ∇L(θ).
    @inlinable
    public mutating func gradient(at theta: [S], into g: inout [S]) {
        theta.withUnsafeBufferPointer { th in
            g.withUnsafeMutableBufferPointer { gradient(at: th, into: $0) }
        }
    }

    /// g ← ∇L(θ) and l ← L(θ) from one forward pass.
    @inlinable
    public mutating func gradient(at theta: [S], into g: inout [S], loss l: inout S) {
        theta.withUnsafeBufferPointer { th in
            g.withUnsafeMutableBufferPointer { gradient(at: th, into: $0) }
        }
        lossFromResiduals(into: &l)
    }

    /// v ← −∇L(θ), the gradient-flow field θ' = −∇L (proofs/THEORY.md §1).
    @inlinable
    public mutating func flowField(at theta: [S], into v: inout [S]) {
        theta.withUnsafeBufferPointer { th in
            v.withUnsafeMutableBufferPointer { flowField(at: th, into: $0) }
        }
    }

    /// J ← (∂f(x_i; θ)/∂θ_j), row-major n × P.
    @inlinable
    public mutating func jacobian(at theta: [S], into J: inout [S]) {
        theta.withUnsafeBufferPointer { th in
            J.withUnsafeMutableBufferPointer { jacobian(at: th, into: $0) }
        }
    }

    /// H ← ∇²L(θ), row-major P × P (symmetric; both triangles written).
    @inlinable
    public mutating func hessian(at theta: [S], into H: inout [S]) {
        theta.withUnsafeBufferPointer { th in
            H.withUnsafeMutableBufferPointer { hessian(at: th, into: $0) }
        }
    }

    /// out[i] ← f(x_i; θ) for the training inputs.
    @inlinable
    public mutating func outputs(at theta: [S], into out: inout [S]) {
        forward(theta, order: 0)
        let e = e, y = y
        for i in 0..<sampleCount { out[i].add(e[i], y[i]) }
    }

    /// out[i] ← e_i = f(x_i; θ) − y_i.
    @inlinable
    public mutating func residuals(at theta: [S], into out: inout [S]) {
        forward(theta, order: 0)
        let e = e
        for i in 0..<sampleCount { out[i].set(e[i]) }
    }

    // MARK: Allocating conveniences (set-up code and tests)

    /// L(θ) as a new value.
    public mutating func loss(at theta: [S]) -> S {
        var l = S(0, precision: precision)
        loss(at: theta, into: &l)
        return l
    }

    /// ∇L(θ) as new registers.
    public mutating func gradient(at theta: [S]) -> [S] {
        var g = makeVector()
        gradient(at: theta, into: &g)
        return g
    }

    /// ∇²L(θ) as new registers (row-major P × P).
    public mutating func hessian(at theta: [S]) -> [S] {
        var h = makeHessianBuffer()
        hessian(at: theta, into: &h)
        return h
    }

    /// J(θ) as new registers (row-major n × P).
    public mutating func jacobian(at theta: [S]) -> [S] {
        var j = makeJacobianBuffer()
        jacobian(at: theta, into: &j)
        return j
    }
}
