import MultiPrecision

/// The integrator's steppers, one per family, created at their first step (a run that never
/// turns stiff holds no P × P matrix), and dispatched by `FlowMethod` with static calls.
struct FlowSteppers<System: FlowSystem> {
    typealias S = System.Value
    let dimension: Int
    let precision: Precision
    let columns: Int
    let collocationDegree: Int
    /// The collocation's options (mixing, contraction, Newton, the eigensystem's start) and the
    /// workers.
    let options: FlowOptions
    var taylor: TaylorFlowStepper<System>?
    var extrapolation: ExtrapolationStepper<System>?
    var collocation: ExponentialCollocationStepper<System>?

    init(dimension: Int, precision: Precision, columns: Int, collocationDegree: Int, options: FlowOptions) {
        self.dimension = dimension
        self.precision = precision
        self.columns = columns
        self.collocationDegree = collocationDegree
        self.options = options
    }

    /// Creates the stepper of `method` if it does not exist yet.
    mutating func prepare(_ method: FlowMethod) {
        switch method {
        case .taylor: precondition(taylor != nil, "the Taylor method needs a two-layer network with jets")
        case .exponentialCollocation:
            if collocation == nil {
                collocation = ExponentialCollocationStepper(dimension: dimension, degree: collocationDegree, precision: precision,
                                                            acceleration: options.collocationMixing,
                                                            contractionTarget: options.collocationContraction,
                                                            newton: options.collocationNewton,
                                                            eigensystemStartsInDouble: options.eigensystemStartsInDouble,
                                                            workers: options.workers)
            }
        case .explicitMidpoint, .linearlyImplicitMidpoint, .linearlyImplicitEuler:
            if extrapolation == nil {
                extrapolation = ExtrapolationStepper(dimension: dimension, maximumColumns: columns, precision: precision)
            }
            extrapolation!.rule = method.extrapolationRule!
        }
    }

    mutating func step(_ method: FlowMethod, _ system: inout System, from y: [S], field f0: [S], proposed: S,
                       maximum: S, tolerance: S) -> FlowStep<S> {
        prepare(method)
        switch method {
        case .taylor:
            return taylor!.step(&system, from: y, field: f0, proposed: proposed, maximum: maximum, tolerance: tolerance)
        case .exponentialCollocation:
            return collocation!.step(&system, from: y, field: f0, proposed: proposed, maximum: maximum, tolerance: tolerance)
        case .explicitMidpoint, .linearlyImplicitMidpoint, .linearlyImplicitEuler:
            return extrapolation!.step(&system, from: y, field: f0, proposed: proposed, maximum: maximum, tolerance: tolerance)
        }
    }

    /// out ← the state at the end of `method`'s last accepted step.
    func copyResult(_ method: FlowMethod, into out: inout [S]) {
        let result: [S]
        switch method {
        case .taylor: result = taylor!.result
        case .exponentialCollocation: result = collocation!.result
        case .explicitMidpoint, .linearlyImplicitMidpoint, .linearlyImplicitEuler: result = extrapolation!.result
        }
        for i in 0..<dimension { out[i].set(result[i]) }
    }

    mutating func denseOutput(_ method: FlowMethod, _ system: inout System, from y: [S], field f0: [S], at tau: S,
                              tolerance: S, into out: inout [S]) -> Bool {
        switch method {
        case .taylor:
            return taylor!.denseOutput(&system, from: y, field: f0, at: tau, tolerance: tolerance, into: &out)
        case .exponentialCollocation:
            return collocation!.denseOutput(&system, from: y, field: f0, at: tau, tolerance: tolerance, into: &out)
        case .explicitMidpoint, .linearlyImplicitMidpoint, .linearlyImplicitEuler:
            return extrapolation!.denseOutput(&system, from: y, field: f0, at: tau, tolerance: tolerance, into: &out)
        }
    }
}
