import MultiPrecision

extension GradientFlowIntegrator {
    /// The earliest event inside the accepted step from `run.y` to `run.candidate`, if any:
    /// the escape ‖θ‖₂ = δ, an activation-pattern change the Taylor step ended on, or a sign
    /// change of a switching function. The step is cut at the event (`step.taken` and
    /// `run.candidate` moved onto it), located on the step's dense output.
    mutating func locateEvent(_ method: FlowMethod, _ step: inout FlowStep<S>, _ run: inout FlowRun<System>,
                              _ limits: FlowLimits<S>) -> FlowEventKind? {
        if !run.escaped, let d2 = limits.deltaSquared, FlowRun<System>.squaredNorm(run.candidate) >= d2 {
            run.escaped = true
            cut(method, &step, &run, limits, start: FlowRun<System>.squaredNorm(run.y) - d2,
                end: FlowRun<System>.squaredNorm(run.candidate) - d2) { _, state in FlowRun<System>.squaredNorm(state) - d2 }
            return .escape
        }
        if let index = step.patternChange { return .activationPatternChange(index: index) }
        let count = system.switchingFunctionCount
        guard count > 0 else { return nil }
        var gStart = (0..<count).map { _ in S(0, precision: precision) }
        var gEnd = gStart.map { S($0, precision: precision) }
        system.switchingFunctions(at: run.y, into: &gStart)
        system.switchingFunctions(at: run.candidate, into: &gEnd)
        let zero = S(0, precision: precision)
        guard let index = gStart.indices.first(where: { (gStart[$0] < zero && gEnd[$0] > zero) || (gStart[$0] > zero && gEnd[$0] < zero) })
        else { return nil }
        let p = precision
        cut(method, &step, &run, limits, start: gStart[index], end: gEnd[index]) { system, state in
            system.switchingFunctions(at: state, into: &gEnd)
            return S(gEnd[index], precision: p)
        }
        return .activationPatternChange(index: index)
    }

    /// Moves the end of the accepted step onto the root of g (g(start state) = `start`,
    /// g(candidate) = `end`), located by `EventLocator` on the method's dense output.
    mutating func cut(_ method: FlowMethod, _ step: inout FlowStep<S>, _ run: inout FlowRun<System>, _ limits: FlowLimits<S>,
                      start: S, end: S, _ g: (inout System, [S]) -> S) {
        var dense = run.y.map { S($0, precision: precision) }
        let y = run.y, f0 = run.f0
        let tau = EventLocator.locate(on: step.taken, start: start, end: end) { tau in
            guard steppers.denseOutput(method, &system, from: y, field: f0, at: tau, tolerance: limits.tolerance, into: &dense)
            else { return nil }
            return g(&system, dense)
        }
        guard !(tau == step.taken) else { return }
        if steppers.denseOutput(method, &system, from: y, field: f0, at: tau, tolerance: limits.tolerance, into: &run.candidate) {
            step.taken = tau
        }
    }

    /// The stiffness policy of this run: the explicit and stiff methods that exist here, the
    /// memory budget and the cost model (`StiffnessPolicy`). Throws for a forced method the
    /// model or the precision cannot run.
    func stiffnessPolicy() throws(FlowError) -> StiffnessPolicy {
        let forced = options.method.forcedMethod
        if forced == .taylor, steppers.taylor == nil {
            throw .badOption(field: "method", reason: "taylor needs a two-layer network with a hand-written activation (an expression activation has no jets)")
        }
        let multiple = guardBits > 0
        if forced == .exponentialCollocation, !multiple {
            throw .badOption(field: "method", reason: "collocation needs multiple precision (its weights are formed above the working precision)")
        }
        let P = Double(system.dimension)
        let bytesPerEntry = multiple ? Double(72 + 8 * ((precision.bits + 63) / 64)) : 8
        return StiffnessPolicy(
            forced: forced, explicitMethod: steppers.taylor != nil ? .taylor : .explicitMidpoint,
            stiffRule: multiple ? .linearlyImplicitEuler : .linearlyImplicitMidpoint,
            collocationAvailable: multiple,
            denseAllowed: 4 * P * P * bytesPerEntry <= Double(options.denseMatrixBytes),
            denseOperations: 4 * P * P * P, fieldOperations: Double(max(1, system.fieldOperations)))
    }
}
