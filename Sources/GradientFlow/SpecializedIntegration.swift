import MultiPrecision
import TwoLayerNet

/// `integrate(from:)` for concrete scalar types, instantiated here in GradientFlow. Callers in
/// other modules that reach `integrate` through generic code (`Experiment.run<S>`) get the
/// unspecialized generic integrator, measured 10 times slower per step in double (the stiff
/// tail's implicit extrapolation is not `@inlinable`); these entry points let the compiler
/// specialize the whole integrator for the type.
extension GradientFlowIntegrator where System == LossKernel<Double> {
    public mutating func integrateSpecialized(from initial: [Double]) throws(FlowError) -> Trajectory<Double> {
        try integrate(from: initial)
    }
}

extension GradientFlowIntegrator where System == LossKernel<BigFloat> {
    public mutating func integrateSpecialized(from initial: [BigFloat]) throws(FlowError) -> Trajectory<BigFloat> {
        try integrate(from: initial)
    }
}
