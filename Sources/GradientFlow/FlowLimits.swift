import MultiPrecision

/// The numbers of `FlowOptions` a run needs, read and checked once at its start: the end time,
/// the escape radius, the local tolerance 2^(−toleranceBits)·‖θ‖∞ and the convergence
/// thresholds (‖∇L‖∞ ≤ 2^(−g)·‖θ‖∞ or L ≤ 2^(−2g), g = `FlowOptions.gradientToleranceBits`).
struct FlowLimits<S: Scalar> {
    let end: S
    let stopsAtTime: Bool
    /// δ², for the escape event ‖θ‖₂ = δ (claim 4); nil: no escape event.
    let deltaSquared: S?
    let toleranceBits: Int
    let tolerance: S
    let gradientTolerance: S
    let lossFloor: S

    init(_ options: FlowOptions, working: Precision, precision p: Precision, guarded: Bool) throws(FlowError) {
        func instantiate(_ number: DecimalNumber, _ field: String) throws(FlowError) -> S {
            let value: S = number.value(at: p)
            guard number.isPositive, value.isFinite else {
                throw .badOption(field: field, reason: "must be finite and positive at this precision, not \(number)")
            }
            return value
        }
        switch options.stop {
        case .time(let t): end = try instantiate(t, "until"); stopsAtTime = true
        case .converged: end = try instantiate(options.maximumTime, "maximumTime"); stopsAtTime = false
        }
        deltaSquared = try options.escapeRadius.map { radius throws(FlowError) in
            let d = try instantiate(radius, "escapeRadius")
            return d * d
        }
        func power2(_ e: Int) -> S { S(Rational.pow(Rational(2), e), precision: p) }
        toleranceBits = options.tolerance(at: working, guarded: guarded)
        let bitsRange = 1...max(64, 2 * working.bits)
        guard bitsRange.contains(toleranceBits) else {
            throw .badOption(field: "toleranceBits", reason: "must be in \(bitsRange.lowerBound)…\(bitsRange.upperBound) at this precision, not \(toleranceBits)")
        }
        guard bitsRange.contains(options.gradientTolerance(at: working)) else {
            throw .badOption(field: "gradientToleranceBits", reason: "must be in \(bitsRange.lowerBound)…\(bitsRange.upperBound) at this precision")
        }
        tolerance = power2(-toleranceBits)
        gradientTolerance = power2(-options.gradientTolerance(at: working))
        lossFloor = power2(-2 * options.gradientTolerance(at: working))
    }
}
