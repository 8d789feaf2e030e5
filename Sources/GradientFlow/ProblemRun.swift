import MultiPrecision
import TwoLayerNet

/// Runs a problem file's gradient flow at one working precision and collects the `RunRecord`:
/// problem spec → `Problem<S>` → `GradientFlowIntegrator` → `Trajectory` → quantities
/// (proofs/DESIGN.md data flow). `precision == nil` selects the `Double` fast path.
public enum ProblemRun {
    /// The horizon of a problem file mapped onto the integrator's stop rule, unless overridden.
    public static func options(for spec: ProblemSpec, until override: ProblemSpec.Horizon?, base: FlowOptions = FlowOptions()) -> FlowOptions {
        var options = base
        let horizon = override ?? spec.horizon
        switch horizon {
        case .converged?, nil:
            options.stop = .converged
        case .time(let t, let stopWhenConverged)?:
            if stopWhenConverged { options.stop = .converged; options.maximumTime = t } else { options.stop = .time(t) }
        }
        return options
    }

    /// Runs `spec` at `precision` (nil: Double). Throws `ProblemError` for a problem that cannot
    /// be instantiated at this precision and `FlowError` for bad integration options.
    public static func run(_ spec: ProblemSpec, precision: Precision?, options: FlowOptions, problemFile: String? = nil,
                           progress: ((FlowProgress) -> Void)? = nil) throws -> RunRecord {
        if let p = precision {
            return try execute(spec, BigFloat.self, p, options, problemFile, progress)
        }
        return try execute(spec, Double.self, .double, options, problemFile, progress)
    }

    static func execute<S: Scalar>(_ spec: ProblemSpec, _: S.Type, _ p: Precision, _ options: FlowOptions,
                                   _ file: String?, _ progress: ((FlowProgress) -> Void)?) throws -> RunRecord {
        let problem: Problem<S> = try spec.instantiate(precision: p)
        var integrator = GradientFlowIntegrator(network: problem.network, data: problem.data, options: options)
        let trajectory = try integrator.integrate(from: problem.initialParameters, progress: progress)
        let network = problem.network
        var riskEvaluator = PopulationRiskEvaluator<S>(network: network, precision: p)
        let risk = riskEvaluator.risk(of: trajectory.final.state, target: problem.target)
        let escape = trajectory.firstEvent(.escape)
        func text(_ v: [S]) -> [String] { v.map(\.description) }
        let stats = trajectory.statistics
        return RunRecord(
            provenance: .init(
                tool: "flowverify \(LibraryVersions.flowverify)", gmp: LibraryVersions.gmp,
                mpfr: LibraryVersions.mpfr, mpfi: LibraryVersions.mpfi,
                precision: S.self == Double.self ? "double" : String(p.bits),
                toleranceBits: trajectory.toleranceBits, guardBits: integrator.guardBits,
                integrator: integratorDescription(options, trajectory.statistics, precision: p),
                problemFile: file, problemName: spec.name, network: networkText(spec),
                data: dataText(spec), initialization: initializationText(spec)),
            status: status(trajectory.status, at: trajectory.final.time, risk: risk.value),
            finalTime: trajectory.final.time.description,
            finalState: text(trajectory.final.state),
            finalLoss: trajectory.final.loss.description,
            populationRisk: .init(value: risk.value.description, errorEstimate: risk.errorEstimate.description,
                                  method: risk.method.rawValue),
            imbalanceAtStart: text(network.imbalance(of: problem.initialParameters)),
            imbalanceAtEscape: escape.map { text(network.imbalance(of: $0.state)) },
            imbalanceAtEnd: text(network.imbalance(of: trajectory.final.state)),
            escapeTime: escape?.time.description,
            escapeRadius: options.escapeRadius?.text,
            events: trajectory.events.map { .init(kind: eventName($0.kind), time: $0.time.description) },
            samples: trajectory.samples.map { .init(time: $0.time.description, loss: $0.loss.description, state: text($0.state)) },
            work: .init(acceptedSteps: stats.acceptedSteps, rejectedSteps: stats.rejectedSteps,
                        fieldEvaluations: stats.fieldEvaluations, jacobianEvaluations: stats.jacobianEvaluations,
                        explicitSteps: stats.explicitSteps, taylorSteps: stats.taylorSteps, implicitSteps: stats.implicitSteps,
                        collocationSteps: stats.collocationSteps,
                        methods: stats.methodsUsed.map { .init(method: $0, acceptedSteps: stats.steps($0),
                                                                rejectedSteps: stats.rejections($0)) },
                        wallSeconds: stats.wallSeconds, workers: options.workers))
    }

    /// The network, data and initialization as `RunRecord.provenance` names them (a record is
    /// matched to its problem file by them).
    public static func networkText(_ spec: ProblemSpec) -> String { "\(spec.network)" }
    public static func dataText(_ spec: ProblemSpec) -> String { "\(spec.data)" }
    public static func initializationText(_ spec: ProblemSpec) -> String {
        "\(spec.initialization.family), scale \(spec.initialization.scale)"
    }

    /// The trajectory's status, or a failure when the population risk at its final state is
    /// not finite (the integrator checks the state, the field and the loss itself).
    static func status<S: Scalar>(_ status: FlowStatus, at time: S, risk: S) -> FlowStatus {
        guard status.isComplete || status.isIncomplete, !risk.isFinite else { return status }
        return .nonFinite(.risk, time: time.decimal(significantDigits: 6))
    }

    /// The methods a run used, by their step counts, and the collocation's settings when it ran
    /// (they change its steps, so a record must name them): its degree at `precision`, the
    /// mixing depth, the contraction target and the Newton mode.
    static func integratorDescription(_ options: FlowOptions, _ s: FlowStatistics, precision: Precision) -> String {
        let used = s.methodsUsed.map { method in
            "\(method.title) \(s.steps(method)) steps" + (method == .exponentialCollocation
                ? " (degree \(FlowOptions.collocationDegree(for: precision)), mixing \(options.collocationMixing), "
                  + "contraction target \(options.collocationContraction), Newton \(options.collocationNewton.rawValue))"
                : "")
        }
        return "method \(options.method.rawValue): " + (used.isEmpty ? "no steps" : used.joined(separator: "; "))
    }

    static func eventName(_ kind: FlowEventKind) -> String {
        switch kind {
        case .escape: return "escape"
        case .convergence: return "convergence"
        case .activationPatternChange(let i): return "activation-pattern-change[\(i)]"
        case .methodSwitch(let m): return "method-switch:\(m.rawValue)"
        }
    }
}
