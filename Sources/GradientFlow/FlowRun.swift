import MultiPrecision

/// The state of a run between steps: θ, F(θ), L(θ), t at the integrator's precision, and what
/// the trajectory keeps (events and evenly thinned samples at the working precision).
struct FlowRun<System: FlowSystem> {
    typealias S = System.Value
    let working: Precision
    let maximumSamples: Int
    var y: [S], f0: [S]
    var t: S, loss: S, remaining: S
    /// Registers for the candidate state of a step and its field and loss.
    var candidate: [S], nextField: [S], nextLoss: S
    var events: [FlowEvent<S>] = []
    var samples: [FlowSample<S>] = []
    var sampleStride = 1
    var escaped: Bool
    var stats = FlowStatistics()

    init(initial: [S], precision p: Precision, working: Precision, maximumSamples: Int, escaped: Bool) {
        self.working = working
        self.maximumSamples = maximumSamples
        y = initial.map { S($0, precision: p) }
        f0 = initial.map { _ in S(0, precision: p) }
        candidate = f0.map { S($0, precision: p) }
        nextField = f0.map { S($0, precision: p) }
        t = S(0, precision: p); loss = S(0, precision: p); remaining = S(0, precision: p); nextLoss = S(0, precision: p)
        self.escaped = escaped
    }

    mutating func record(_ kind: FlowEventKind) {
        events.append(FlowEvent(kind: kind, time: S(t, precision: working), state: y.map { S($0, precision: working) }))
    }

    mutating func sample() {
        samples.append(FlowSample(time: S(t, precision: working), state: y.map { S($0, precision: working) },
                                  loss: S(loss, precision: working)))
        if samples.count >= maximumSamples {
            samples = samples.enumerated().filter { $0.offset % 2 == 0 }.map(\.element)
            sampleStride *= 2
        }
    }

    /// The first of θ, F(θ), L(θ) that is not finite at `state`, with `field` and `loss`.
    static func nonFiniteQuantity(_ state: [S], _ field: [S], _ loss: S) -> FlowQuantity? {
        if !state.allSatisfy(\.isFinite) { return .state }
        if !field.allSatisfy(\.isFinite) { return .gradient }
        if !loss.isFinite { return .loss }
        return nil
    }

    /// Evaluates F and L at θ(0); a non-finite quantity ends the run at t = 0.
    mutating func start(_ system: inout System) -> FlowStatus? {
        system.field(at: y, into: &f0)
        stats.fieldEvaluations += 1
        system.loss(at: y, into: &loss)
        sample()
        return Self.nonFiniteQuantity(y, f0, loss).map { .nonFinite($0, time: "0") }
    }

    /// Moves to `candidate` after a step of length `taken` (landing exactly on `end` if given):
    /// restores the symmetries θ had (`FlowSystem.keepSymmetries`), evaluates F and L there first, and if any of θ, F, L is not finite, stays at the last
    /// finite state and returns the failure.
    mutating func commit(_ system: inout System, taken: S, landingOn end: S?) -> FlowStatus? {
        let time = end.map { S($0, precision: t.precision) } ?? t + taken
        if !candidate.allSatisfy(\.isFinite) { return failure(.state, at: time) }
        system.keepSymmetries(of: y, in: &candidate)
        system.field(at: candidate, into: &nextField)
        stats.fieldEvaluations += 1
        system.loss(at: candidate, into: &nextLoss)
        if let quantity = Self.nonFiniteQuantity(candidate, nextField, nextLoss) { return failure(quantity, at: time) }
        swap(&y, &candidate)
        swap(&f0, &nextField)
        swap(&loss, &nextLoss)
        t = time
        return nil
    }

    func failure(_ quantity: FlowQuantity, at time: S) -> FlowStatus {
        .nonFinite(quantity, time: S(time, precision: working).decimal(significantDigits: 6))
    }

    /// ‖v‖∞ (non-empty v).
    static func maxNorm(_ v: [S]) -> S {
        var m = S(0, precision: v[0].precision)
        for x in v { let a = S.abs(x); if a > m { m = a } }
        return m
    }

    /// ‖v‖₂² (non-empty v).
    static func squaredNorm(_ v: [S]) -> S {
        var acc = S(0, precision: v[0].precision)
        for x in v { acc.fma(x, x, acc) }
        return acc
    }

    /// Converged: ‖∇L‖∞ ≤ 2^(−g)·‖θ‖∞ (relative, so that the saddle at θ = 0, where ∇L is as
    /// small as θ itself, is not mistaken for a minimum), or L at its floor 2^(−2g). Records the
    /// convergence event (once); returns `.converged` if that ends the run.
    mutating func checkConvergence(_ limits: FlowLimits<S>) -> FlowStatus? {
        guard Self.maxNorm(f0) <= limits.gradientTolerance * Self.maxNorm(y) || loss <= limits.lossFloor else { return nil }
        if !limits.stopsAtTime { record(.convergence); return .converged }
        if !events.contains(where: { $0.kind == .convergence }) { record(.convergence) }
        return nil
    }

    func trajectory(_ status: FlowStatus, toleranceBits: Int) -> Trajectory<S> {
        var samples = samples
        if samples.last.map({ !($0.time == S(t, precision: working)) }) ?? true {
            samples.append(FlowSample(time: S(t, precision: working), state: y.map { S($0, precision: working) },
                                      loss: S(loss, precision: working)))
        }
        let final = FlowSample(time: S(t, precision: working), state: y.map { S($0, precision: working) },
                               loss: S(loss, precision: working))
        return Trajectory(samples: samples, events: events, final: final, status: status,
                          statistics: stats, toleranceBits: toleranceBits)
    }
}
