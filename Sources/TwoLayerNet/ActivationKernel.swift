import MultiPrecision

/// σ, σ', σ'' evaluated in place into caller registers, at one working precision, for the
/// hand-written activations (tanh, linear, relu, leaky relu) and through the evaluator of an
/// expression-defined one (`Activation`, proofs/THEORY.md §1). Owns its constant and scratch registers,
/// so evaluation allocates nothing.
///
/// Formulas: tanh: σ' = 1 − σ², σ'' = −2σσ'; linear: σ' = 1, σ'' = 0; relu / leaky relu:
/// left derivative at the kink (see `Activation`), σ'' = 0.
public struct ActivationKernel<S: Scalar> {
    public let activation: Activation
    public let precision: Precision
    @usableFromInline let tag: Int
    @usableFromInline var one: S
    @usableFromInline var zero: S
    @usableFromInline var slope: S
    @usableFromInline var custom: (any ActivationEvaluator<S>)?

    public init(_ activation: Activation, precision: Precision) {
        self.activation = activation
        self.precision = precision
        one = S(1, precision: precision)
        zero = S(0, precision: precision)
        slope = S(0, precision: precision)
        custom = nil
        switch activation {
        case .tanh: tag = 0
        case .linear: tag = 1
        case .relu: tag = 2
        case .leakyRelu(let s):
            tag = 3
            slope = S(s, precision: precision)
        case .expression(let e):
            tag = 4
            custom = e.makeEvaluator(precision: precision) as any ActivationEvaluator<S>
        }
    }

    /// value ← σ(u); first ← σ'(u) if order ≥ 1; second ← σ''(u) if order ≥ 2.
    /// `u` must not alias an output register.
    @inlinable
    public mutating func evaluate(_ u: S, order: Int, value: inout S, first: inout S, second: inout S) {
        switch tag {
        case 0:
            value.tanh(u)
            if order >= 1 {
                first.fms(value, value, one) // σ² − 1
                first.neg(first)
                if order >= 2 {
                    second.mul(value, first)
                    second.mul(second, -2)
                }
            }
        case 1:
            value.set(u)
            if order >= 1 { first.set(1) }
            if order >= 2 { second.set(0) }
        case 2:
            if u > zero {
                value.set(u)
                if order >= 1 { first.set(1) }
            } else {
                value.set(0)
                if order >= 1 { first.set(0) }
            }
            if order >= 2 { second.set(0) }
        case 3:
            if u > zero {
                value.set(u)
                if order >= 1 { first.set(1) }
            } else {
                value.mul(u, slope)
                if order >= 1 { first.set(slope) }
            }
            if order >= 2 { second.set(0) }
        default:
            custom!.evaluate(u, order: order, value: &value, first: &first, second: &second)
        }
    }

    /// σ(u) as a new value (allocates; for set-up code and tests, not hot loops).
    public mutating func value(at u: S) -> S {
        var v = S(0, precision: precision), d1 = S(0, precision: precision), d2 = S(0, precision: precision)
        evaluate(u, order: 0, value: &v, first: &d1, second: &d2)
        return v
    }

    /// σ'(0) at this precision (through the evaluator for expression-defined activations).
    public mutating func slopeAtZero() -> S {
        let zero = S(0, precision: precision)
        var v = S(0, precision: precision), d1 = S(0, precision: precision), d2 = S(0, precision: precision)
        evaluate(zero, order: 1, value: &v, first: &d1, second: &d2)
        return d1
    }
}
