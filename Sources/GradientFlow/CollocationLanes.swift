import Dispatch
import MultiPrecision

/// The loops of an exponential collocation step (`ExponentialCollocationStepper`), over nodes
/// (the remainders) and over components (the node values, the φ-moments), shared out over
/// `FlowOptions.workers` threads. Each node and each component is computed by one thread alone,
/// with the same operations in the same order as with one thread, so the results are the same
/// bits for any number of workers (`CollocationLanesTests`). The system replicas are made from
/// the first system a parallel update sees: one stepper, one system.
///
/// `@unchecked Sendable`: the shared registers are read by every thread and written only where
/// a thread owns the node or the component; each lane and each system replica belongs to one
/// thread.
struct CollocationLanes<System: FlowSystem>: @unchecked Sendable {
    typealias S = System.Value
    let P: Int, K: Int, precision: Precision
    /// The stepper's registers (`ExponentialCollocationStepper` documents them).
    let u: UnsafeMutablePointer<S>, r: UnsafeMutablePointer<S>, q: UnsafeMutablePointer<S>
    let lambdas: UnsafeMutablePointer<S>, start: UnsafeMutablePointer<S>, f0: UnsafeMutablePointer<S>
    let lagrange: UnsafeMutablePointer<S>, moments: UnsafeMutablePointer<S>, linear: UnsafeMutablePointer<S>
    /// The nodes c_j (extended precision), and the step of the moments being prepared.
    let nodes: [S]
    let shared: RegisterFile<S>, step: UnsafeMutablePointer<S>
    /// One per thread: lane 0 serves the single-threaded path too.
    let lanes: [CollocationLane<S>]
    /// The threads' systems (replicas of the integrator's), made at the first parallel update.
    var replicas: [SystemReplica<System>] = []

    var workers: Int { lanes.count }

    init(P: Int, K: Int, workers: Int, precision: Precision, extended: Precision, nodes: [S],
         u: UnsafeMutablePointer<S>, r: UnsafeMutablePointer<S>, q: UnsafeMutablePointer<S>,
         lambdas: UnsafeMutablePointer<S>, start: UnsafeMutablePointer<S>, f0: UnsafeMutablePointer<S>,
         lagrange: UnsafeMutablePointer<S>, moments: UnsafeMutablePointer<S>, linear: UnsafeMutablePointer<S>) {
        self.P = P; self.K = K; self.precision = precision
        self.u = u; self.r = r; self.q = q; self.lambdas = lambdas; self.start = start; self.f0 = f0
        self.lagrange = lagrange; self.moments = moments; self.linear = linear
        self.nodes = nodes
        shared = RegisterFile(count: 1, precision: precision)
        step = shared.take(1)
        lanes = (0..<max(1, workers)).map { _ in CollocationLane(P: P, K: K, precision: precision, extended: extended) }
    }

    /// r_j = QᵀF(y₀ + Q u_j) − f₀ − Λ u_j for j = 1…K.
    mutating func updateRemainders(_ system: inout System) {
        guard workers > 1 else {
            for j in 1...K { updateRemainder(node: j, system: &system, lane: lanes[0]) }
            return
        }
        while replicas.count < workers { replicas.append(SystemReplica(system.replica())) }
        let me = self, T = workers
        LaneWork.perform(T) { w in
            for j in stride(from: 1 + w, through: me.K, by: T) {
                me.updateRemainder(node: j, system: &me.replicas[w].system, lane: me.lanes[w])
            }
        }
    }

    /// `body(k, lane)` for every component k, thread w taking k ≡ w (mod T) with lane w.
    func forEachComponent(_ body: @escaping (Int, CollocationLane<S>) -> Void) {
        guard workers > 1 else {
            for k in 0..<P { body(k, lanes[0]) }
            return
        }
        let T = workers, P = P, lanes = lanes
        LaneWork.perform(T) { w in
            for k in stride(from: w, to: P, by: T) { body(k, lanes[w]) }
        }
    }

    /// The moments of step H (`PhiFunctions.moments`), component by component.
    func prepareMoments(step H: S) {
        step.pointee.set(H)
        forEachComponent { k, lane in
            lane.phis.moments(component: k, step: step.pointee, lambda: lambdas[k], nodes: nodes, linear: linear,
                              moments: moments)
        }
    }

    /// u_ik ← c_i H φ₁(c_i H λ_k) f₀_k + Σ_m M_kim b_km with b_km = Σ_j ℓ_jm r_jk, for every
    /// component k; returns max_k |change of u_Kk|.
    func updateNodeValues() -> S {
        for lane in lanes { lane.change.pointee.set(0) }
        forEachComponent { k, lane in updateNodeValues(component: k, lane: lane) }
        var change = S(0, precision: precision)
        for lane in lanes where lane.change.pointee > change { change.set(lane.change.pointee) }
        return change
    }

    /// Node j's remainder, with `lane`'s registers.
    func updateRemainder(node j: Int, system: inout System, lane: CollocationLane<S>) {
        for i in 0..<P { lane.dots.state(i, start: start, vectors: q, values: u + j * P, dimension: P, into: &lane.state[i]) }
        lane.evaluate(&system)
        for k in 0..<P {
            let dst = r + j * P + k
            lane.dots.begin(dst)
            lane.dots.add(P, q + k, stride: P, lane.difference, stride: 1, into: dst)
            lane.dots.add(f0 + k, negated: true, into: dst)
            lane.dots.add(lambdas + k, u + j * P + k, negated: true, into: dst)
            lane.dots.finish(dst)
        }
    }

    /// Component k's node values; the largest change of u_Kk so far in `lane.change`.
    func updateNodeValues(component k: Int, lane: CollocationLane<S>) {
        let coefficients = lane.coefficients, dots = lane.dots
        for m in 0...K {
            dots.begin(coefficients + m)
            dots.add(K, lagrange + (K + 1) + m, stride: K + 1, r + P + k, stride: P, into: coefficients + m)
            dots.finish(coefficients + m)
        }
        let t = lane.t
        for i in 1...K {
            let row = (k * K + i - 1) * (K + 1), dst = u + i * P + k
            if i == K { t.pointee.set(dst.pointee) }
            dots.begin(dst)
            dots.add(linear + k * (K + 1) + i, f0 + k, into: dst)
            dots.add(K + 1, moments + row, stride: 1, coefficients, stride: 1, into: dst)
            dots.finish(dst)
            if i == K {
                t.pointee.sub(dst.pointee, t.pointee); t.pointee.abs(t.pointee)
                if t.pointee > lane.change.pointee { lane.change.pointee.set(t.pointee) }
            }
        }
    }
}

/// The registers one thread of `CollocationLanes` writes: a node state and its field, the field
/// as a pointer operand, the interpolant's monomial coefficients (extended precision), a change
/// and a scratch register, an exact dot accumulator, and the φ-functions' registers.
final class CollocationLane<S: Scalar>: @unchecked Sendable {
    var state: [S], field: [S]
    let working: RegisterFile<S>, extendedRegisters: RegisterFile<S>
    let difference: UnsafeMutablePointer<S>, change: UnsafeMutablePointer<S>, t: UnsafeMutablePointer<S>
    let coefficients: UnsafeMutablePointer<S>
    let dots: DotAccumulator<S>
    var phis: PhiFunctions<S>

    init(P: Int, K: Int, precision: Precision, extended: Precision) {
        phis = PhiFunctions(degree: K, extended: extended)
        state = (0..<P).map { _ in S(0, precision: precision) }
        field = state.map { S($0, precision: precision) }
        working = RegisterFile(count: P + 2, precision: precision)
        difference = working.take(P); change = working.take(1); t = working.take(1)
        extendedRegisters = RegisterFile(count: K + 1, precision: extended)
        coefficients = extendedRegisters.take(K + 1)
        dots = DotAccumulator(precision: extended)
    }

    /// difference ← F(state).
    func evaluate<System: FlowSystem>(_ system: inout System) where System.Value == S {
        system.field(at: state, into: &field)
        for i in field.indices { difference[i].set(field[i]) }
    }
}

/// A loop body handed to `DispatchQueue.concurrentPerform`, thread w running `body(w)`; wrapped
/// so that the concurrent closure captures no generic metatype (the body's captures are the
/// lanes', `@unchecked Sendable` as documented there).
struct LaneWork: @unchecked Sendable {
    let body: (Int) -> Void

    static func perform(_ threads: Int, _ body: @escaping (Int) -> Void) {
        let work = LaneWork(body: body)
        DispatchQueue.concurrentPerform(iterations: threads) { w in work.body(w) }
    }
}

/// A system owned by one thread of `CollocationLanes`.
final class SystemReplica<System: FlowSystem>: @unchecked Sendable {
    var system: System
    init(_ system: System) { self.system = system }
}
