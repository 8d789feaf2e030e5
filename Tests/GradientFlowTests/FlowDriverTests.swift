@testable import GradientFlow
import Foundation
import MultiPrecision
import Testing
import TwoLayerNet

/// θ' = 1 from θ = 0 with the loss L = log(2 − θ), which stops being finite (NaN) once θ > 2:
/// the driver must end the run with a failure naming the loss, at the last finite state.
struct LogBarrierFlow: FlowSystem {
    typealias Value = Double
    var precision: Precision { .double }
    var dimension: Int { 1 }
    mutating func field(at theta: [Double], into v: inout [Double]) { v[0] = 1 }
    func replica() -> Self { self }
    mutating func fieldJacobian(at theta: [Double], into jacobian: inout [Double]) { jacobian[0] = 0 }
    mutating func loss(at theta: [Double], into l: inout Double) { l = Foundation.log(2 - theta[0]) }
}

@Suite("Integrator driver: failures, methods, dense matrices")
struct FlowDriverTests {
    static func options(until t: DecimalNumber, method: FlowOptions.MethodChoice = .automatic) -> FlowOptions {
        var o = FlowOptions()
        o.stop = .time(t)
        o.escapeRadius = nil
        o.method = method
        return o
    }

    @Test("a loss that becomes NaN ends the run with failed-non-finite-loss at the last finite state")
    func nonFiniteLoss() throws {
        var integrator = GradientFlowIntegrator(system: LogBarrierFlow(), options: Self.options(until: "10", method: .explicitMidpoint))
        let run = try integrator.integrate(from: [0])
        guard case .nonFinite(.loss, let time) = run.status else { Issue.record("status \(run.status.rawValue)"); return }
        #expect(Double(time)! > 2 && Double(time)! <= 10, "named time \(time)")
        #expect(run.status.rawValue.hasPrefix("failed-non-finite-loss at t = "))
        #expect(run.final.loss.isFinite && run.final.state[0] <= 2 && run.final.time <= 2)
    }

    @Test("the same flow stopped before the barrier reaches its time") func finiteLoss() throws {
        var integrator = GradientFlowIntegrator(system: LogBarrierFlow(), options: Self.options(until: "1.5", method: .explicitMidpoint))
        let run = try integrator.integrate(from: [0])
        #expect(run.status == .reachedTime)
        #expect(Swift.abs(run.final.state[0] - 1.5) <= 1e-12)
    }

    static let p1 = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("problems")

    static func spec(_ name: String, scale: String? = nil) throws -> ProblemSpec {
        var text = try String(contentsOf: p1.appendingPathComponent("\(name).json"), encoding: .utf8)
        if let scale { text = text.replacingOccurrences(of: "\"scale\": \"1e-6\"", with: "\"scale\": \"\(scale)\"")
            .replacingOccurrences(of: "\"scale\": \"1e-30\"", with: "\"scale\": \"\(scale)\"") }
        return try ProblemSpec(json: Data(text.utf8))
    }

    /// ε = 1e308 in double: F(θ(0)) overflows. The problem-file reader refuses it before any
    /// integration (naming the field); a system whose loss is already non-finite at θ(0) reaches
    /// the driver and fails there at t = 0; a large finite ε runs.
    @Test("an initialization that overflows in double is refused or fails at t = 0; a large finite one runs")
    func overflowingInitialization() throws {
        let options = Self.options(until: "1")
        #expect(throws: ProblemError.self) { _ = try ProblemRun.run(try Self.spec("P1", scale: "1e308"), precision: nil, options: options) }
        var integrator = GradientFlowIntegrator(system: LogBarrierFlow(), options: Self.options(until: "1", method: .explicitMidpoint))
        let failed = try integrator.integrate(from: [3])
        #expect(failed.status.rawValue.hasPrefix("failed-non-finite-") && failed.status.rawValue.hasSuffix("at t = 0"),
                "\(failed.status.rawValue)")
        let fine = try ProblemRun.run(try Self.spec("P1", scale: "1e2"), precision: nil, options: options)
        #expect(fine.status == .reachedTime, "\(fine.status.rawValue)")
    }

    @Test("non-finite or non-positive end times are refused: non-numbers at parsing, the rest by the integrator",
          arguments: ["inf", "-inf", "nan", "0", "-1", "1e999999"])
    func badEnd(_ text: String) throws {
        guard let end = try? DecimalNumber(text) else {
            #expect(["inf", "-inf", "nan"].contains(text), "\(text) should parse")
            return
        }
        var integrator = GradientFlowIntegrator(system: LogBarrierFlow(), options: Self.options(until: end))
        #expect(throws: FlowError.self) { _ = try integrator.integrate(from: [0]) }
    }

    @Test("tolerance bits outside 1…max(64, 2p) are refused", arguments: [0, -1, 10_000])
    func badToleranceBits(_ bits: Int) throws {
        var options = Self.options(until: "1")
        options.toleranceBits = bits
        var integrator = GradientFlowIntegrator(system: LogBarrierFlow(), options: options)
        #expect(throws: FlowError.self) { _ = try integrator.integrate(from: [0]) }
    }

    /// P2 in double to t = 1e4: the automatic method hands the stiff tail to linearly implicit
    /// midpoint extrapolation; with no memory for P × P matrices it must stay with Taylor and
    /// never create the stiff steppers.
    @Test("the automatic method allocates P × P matrices only for a stiff method it runs")
    func denseOnlyWhenNeeded() throws {
        let problem: Problem<Double> = try Self.spec("P2").instantiate(precision: .double)
        let P = problem.network.parameterCount
        var options = Self.options(until: "1e4")
        var stiff = GradientFlowIntegrator(network: problem.network, data: problem.data, options: options)
        let withDense = try stiff.integrate(from: problem.initialParameters)
        #expect(withDense.statistics.steps(.linearlyImplicitMidpoint) > 0)
        #expect(stiff.steppers.extrapolation?.jacobian.count == P * P)
        options.denseMatrixBytes = 0
        var explicit = GradientFlowIntegrator(network: problem.network, data: problem.data, options: options)
        let withoutDense = try explicit.integrate(from: problem.initialParameters)
        #expect(withoutDense.status == .reachedTime)
        #expect(withoutDense.statistics.methodsUsed == [.taylor])
        #expect(explicit.steppers.extrapolation == nil && explicit.steppers.collocation == nil)
        #expect(!withoutDense.events.contains { if case .methodSwitch = $0.kind { return true } else { return false } })
    }

    /// The policy's cost gate: with a stiff step predicted at more than 16 explicit steps it
    /// neither estimates ρ nor switches, however stiff; with a cheap one it switches after
    /// three stability-limited Taylor steps.
    @Test("the stiffness policy switches only when the stiff method may pay off")
    func costGate() {
        func policy(denseOperations: Double) -> StiffnessPolicy {
            var p = StiffnessPolicy(forced: nil, explicitMethod: .taylor, stiffRule: .linearlyImplicitMidpoint,
                                    collocationAvailable: false, denseAllowed: true,
                                    denseOperations: denseOperations, fieldOperations: 1000)
            p.observe(.taylor, work: 100)
            return p
        }
        var cheap = policy(denseOperations: 1e4), dear = policy(denseOperations: 1e8)
        #expect(cheap.wantsSpectralRadius(after: .taylor, acceptedSteps: 3))
        #expect(!dear.wantsSpectralRadius(after: .taylor, acceptedSteps: 3))
        var methods: [FlowMethod] = []
        for _ in 0..<3 {
            methods.append(cheap.next(after: .taylor, bound: 6, length: 10, rho: 1, eventsPossible: true))
            _ = dear.next(after: .taylor, bound: 6, length: 10, rho: nil, eventsPossible: true)
        }
        #expect(methods == [.taylor, .taylor, .linearlyImplicitMidpoint])
        #expect(dear.next(after: .taylor, bound: 6, length: 10, rho: nil, eventsPossible: true) == .taylor)
    }

    /// The policy prices steps by counted work, not by the clock: the same problem integrated
    /// twice takes the same steps, switches method at the same steps and ends in the same state,
    /// bit for bit (sweep shards and their merge rely on it).
    @Test("an automatic run is reproducible: same steps, same switches, same final state")
    func reproducible() throws {
        let spec = try Self.spec("P2")
        var options = Self.options(until: "2000")
        options.escapeRadius = "1e-2"
        let a = try ProblemRun.run(spec, precision: nil, options: options)
        let b = try ProblemRun.run(spec, precision: nil, options: options)
        #expect(a.finalState == b.finalState)
        #expect(a.work.acceptedSteps == b.work.acceptedSteps)
        #expect(a.work.methods.map(\.method) == b.work.methods.map(\.method))
        #expect(a.work.methods.map(\.acceptedSteps) == b.work.methods.map(\.acceptedSteps))
    }

    /// The methods a run names are the ones that took its steps: each one is the initial
    /// method or the target of a method-switch event, and the per-method counts add up.
    @Test("statistics and method-switch events name the methods that ran (linear flow, 256 bits)")
    func methodsNamed() throws {
        let p = try Precision(bits: 256)
        var integrator = GradientFlowIntegrator(system: LinearFlow<BigFloat>(precision: p), options: Self.options(until: "1000000"))
        let run = try integrator.integrate(from: LinearFlow<BigFloat>.initial.map { BigFloat($0, precision: p) })
        let stats = run.statistics
        let switched = run.events.compactMap { event -> FlowMethod? in
            if case .methodSwitch(let m) = event.kind { return m } else { return nil }
        }
        #expect(switched.contains(.exponentialCollocation))
        #expect(Set(stats.methodsUsed).isSubset(of: Set([FlowMethod.explicitMidpoint] + switched)))
        #expect(stats.methodsUsed.reduce(0) { $0 + stats.steps($1) } == stats.acceptedSteps)
        #expect(stats.methodsUsed.reduce(0) { $0 + stats.rejections($1) } == stats.rejectedSteps)
    }

    @Test("forced methods run what they name, or are refused where they cannot run")
    func forcedMethods() throws {
        let problem: Problem<Double> = try Self.spec("P2").instantiate(precision: .double)
        var euler = GradientFlowIntegrator(network: problem.network, data: problem.data,
                                           options: Self.options(until: "10", method: .linearlyImplicitEuler))
        #expect(try euler.integrate(from: problem.initialParameters).statistics.methodsUsed == [.linearlyImplicitEuler])
        var collocation = GradientFlowIntegrator(network: problem.network, data: problem.data,
                                                 options: Self.options(until: "10", method: .exponentialCollocation))
        #expect(throws: FlowError.self) { _ = try collocation.integrate(from: problem.initialParameters) }
        var taylor = GradientFlowIntegrator(system: LogBarrierFlow(), options: Self.options(until: "1", method: .taylor))
        #expect(throws: FlowError.self) { _ = try taylor.integrate(from: [0]) }
    }
}
