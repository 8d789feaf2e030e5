import Dispatch
import MultiPrecision

/// A quantity a claim follows up the precision ladder: measured at `S`/`p`, optionally with the
/// integrator's tolerance set apart from the precision (`toleranceBits`, nil = tied to p).
public protocol LadderQuantity: Sendable {
    /// What is measured, in words.
    var name: String { get }
    func measure<S: Scalar>(_ type: S.Type, _ p: Precision, toleranceBits: Int?) throws -> LadderMeasurement
}

/// One measurement: the value as a decimal string with every digit the precision carries, and
/// the flags of the double path where they occurred.
public struct LadderMeasurement: Sendable {
    public var text: String
    public var toleranceBits: Int?
    public var flags: [String]
    public init(text: String, toleranceBits: Int?, flags: [String] = []) {
        self.text = text
        self.toleranceBits = toleranceBits
        self.flags = flags
    }

    public init<S: Scalar>(_ value: S, toleranceBits: Int?, flags: [String] = []) {
        self.init(text: value.description, toleranceBits: toleranceBits, flags: flags)
    }
}

/// Runs a `LadderQuantity` at every rung (the precision ladder) and separates the two
/// error sources: rounding (precision varies at a fixed tolerance) and integration (tolerance
/// varies at a fixed precision). The reference is a closed form given as text, or else the
/// ladder's top rung.
public struct LadderRunner: Sendable {
    public var rungs: [Rung]
    /// The fixed tolerance of the rounding sweep, and the fixed precision of the tolerance
    /// sweep (nil: that sweep is skipped).
    public var fixedToleranceBits: Int?
    public var fixedPrecision: Rung?
    public var toleranceSweep: [Int]
    /// One line per measurement (the CLI prints it on stderr: a 1024-bit rung can take a minute).
    public var progress: @Sendable (String) -> Void

    public init(rungs: [Rung], fixedToleranceBits: Int? = nil, fixedPrecision: Rung? = nil, toleranceSweep: [Int] = [],
                progress: @escaping @Sendable (String) -> Void = { _ in }) {
        self.progress = progress
        self.rungs = rungs
        self.fixedToleranceBits = fixedToleranceBits
        self.fixedPrecision = fixedPrecision
        self.toleranceSweep = toleranceSweep
    }

    /// Runs the ladder. `reference` is the closed form as decimal text (with more digits than
    /// the top rung carries), or nil to compare with the top rung.
    public func run<Q: LadderQuantity>(_ quantity: Q, reference: (text: String, name: String)? = nil,
                                       precisionNeeded: [PrecisionNeed] = []) throws -> LadderResult {
        let top = rungs.max() ?? Rung(bits: 53)
        let measured = try rungs.map { rung in try timed { try measure(quantity, rung, nil) } }
        let referenceText = reference?.text ?? measured[rungs.firstIndex(of: top)!].0.text
        let compare = Comparer(referenceText, bits: top.bits + 64)
        func point(_ rung: Rung, _ m: LadderMeasurement, _ seconds: Double, isReference: Bool) -> LadderPoint {
            let error = isReference ? nil : compare.relativeError(m.text)
            let cap = rung.precision.decimalDigits
            return LadderPoint(rung: rung, toleranceBits: m.toleranceBits, value: m.text, relativeError: error,
                               digits: isReference ? cap : agreementDigits(relativeError: error ?? 1, cap: cap),
                               seconds: seconds, flags: m.flags)
        }
        let points = zip(rungs, measured).map { rung, m in
            point(rung, m.0, m.1, isReference: reference == nil && rung == top)
        }
        var rounding: [LadderPoint] = []
        if let t = fixedToleranceBits {
            for rung in rungs where rung.bits >= t && !rung.isDouble {
                let (m, s) = try timed { try measure(quantity, rung, t) }
                rounding.append(point(rung, m, s, isReference: false))
            }
        }
        var tolerance: [LadderPoint] = []
        if let rung = fixedPrecision {
            for t in toleranceSweep {
                let (m, s) = try timed { try measure(quantity, rung, t) }
                tolerance.append(point(rung, m, s, isReference: false))
            }
        }
        return LadderResult(quantity: quantity.name,
                            reference: reference?.name ?? "top rung (\(top))",
                            points: points, roundingSweep: rounding, toleranceSweep: tolerance,
                            fixedToleranceBits: rounding.isEmpty ? nil : fixedToleranceBits,
                            fixedPrecisionBits: tolerance.isEmpty ? nil : fixedPrecision?.bits,
                            precisionNeeded: precisionNeeded)
    }

    func measure<Q: LadderQuantity>(_ q: Q, _ rung: Rung, _ tolerance: Int?) throws -> LadderMeasurement {
        progress("ladder: \(q.name) at \(rung)" + (tolerance.map { ", tolerance 2^-\($0)" } ?? ""))
        return rung.isDouble ? try q.measure(Double.self, .double, toleranceBits: tolerance)
            : try q.measure(BigFloat.self, rung.precision, toleranceBits: tolerance)
    }
}

/// Runs `body` and returns its result with the wall time in seconds.
func timed<R>(_ body: () throws -> R) rethrows -> (R, Double) {
    let start = DispatchTime.now()
    let r = try body()
    return (r, Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9)
}

/// Relative errors of decimal texts against a reference, computed at a precision above every
/// rung's (so the comparison itself adds no error).
struct Comparer {
    let reference: BigFloat?
    let precision: Precision

    init(_ text: String, bits: Int) {
        precision = (try? Precision(bits: bits)) ?? .double
        reference = try? BigFloat(parsing: text, precision: precision)
    }

    /// |x − ref| / |ref| (absolute when ref = 0); nil for unparsable text.
    func relativeError(_ text: String) -> Double? { exactRelativeError(text)?.doubleValue }

    /// The same at the comparer's precision (a double flushes errors below 2^−1074 to 0).
    func exactRelativeError(_ text: String) -> BigFloat? {
        guard let r = reference, let x = try? BigFloat(parsing: text, precision: precision) else { return nil }
        let d = BigFloat.abs(x - r)
        return r.isZero ? d : d / BigFloat.abs(r)
    }
}
