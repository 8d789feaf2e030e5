import MultiPrecision
import TwoLayerNet

/// The Taylor method (`TaylorStepper`) as a `FlowStepper`: it chooses its own order and step
/// (Jorba–Zou, `TaylorStepSize`), so every step is taken, and its dense output is the step's
/// polynomial.
public struct TaylorFlowStepper<System: FlowSystem>: FlowStepper {
    public typealias S = System.Value
    public var taylor: TaylorStepper<S>
    public private(set) var result: [S]
    var taken: S

    /// `threads` workers compute each level of the jets (`TaylorJets.threadCount`: the same
    /// bits for any number).
    public init(network: TwoLayerNetwork, data: Dataset<S>, precision: Precision, threads: Int = 1) {
        taylor = TaylorStepper(network: network, data: data, precision: precision)
        taylor.jets.threadCount = threads
        result = (0..<network.parameterCount).map { _ in S(0, precision: precision) }
        taken = S(0, precision: precision)
    }

    public var method: FlowMethod { .taylor }

    /// A step of the Taylor method's own length (≤ `maximum`; = `maximum` when it lands), or
    /// shorter, ending on an activation-pattern change (relu, leaky relu).
    public mutating func step(_ system: inout System, from y: [S], field f0: [S], proposed: S, maximum: S,
                              tolerance: S) -> FlowStep<S> {
        let order = taylor.step(from: y, maximumStep: maximum, tolerance: tolerance, into: &result, taken: &taken)
        return FlowStep(accepted: true, taken: S(taken, precision: taken.precision), errorRatio: 0, nextFactor: 1,
                        stabilityBound: 0.34 * Double(order), evaluations: 0, jacobians: 0,
                        patternChange: taylor.lastPatternChangeIndex)
    }

    public mutating func denseOutput(_ system: inout System, from y: [S], field f0: [S], at tau: S, tolerance: S,
                                     into out: inout [S]) -> Bool {
        taylor.denseOutput(at: tau, into: &out)
        return true
    }
}
