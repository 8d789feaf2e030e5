import MultiPrecision

/// The runs a comparison's uncertainty is measured from (README "The main job": "a run at
/// another precision or tolerance"): the main run at the working precision p with the
/// integrator's default tolerance 2^(−t), a run at p′ = p + 32 bits with its own default
/// tolerance, and a run at p with the looser tolerance 2^(−(t − 8)).
///
/// The uncertainty of a quantity x is |x(p) − x(p′)| + |x(tol 2^−t) − x(tol 2^−(t−8))|: the
/// first term the error of the main run (p′ has both a finer rounding and a tighter tolerance,
/// so its own error is about 2^−32 of the main run's), the second the main run's integration
/// error alone, overstated by the looser run (a tolerance tighter than 2^−p is not usable:
/// FlowOptions.toleranceBits). p′ = p + 32 rather than the ladder's next rung: a run at 2p costs
/// several times the main run (the ladder's per-rung times show it), one at p + 32 little more. Runs go through the claims' caches (`RunCache`), so a run
/// made for the ladder, for another comparison or for another claim is not repeated.
public struct UncertaintyRuns: Sendable {
    public var main: Rung
    public var otherPrecision: Rung
    /// The main run's tolerance bits and the other tolerance's.
    public var mainToleranceBits: Int
    public var otherToleranceBits: Int
    /// One line per setting (the CLI prints it on stderr).
    public var progress: @Sendable (String) -> Void

    /// How many bits finer the other precision is, and how many bits looser the other tolerance.
    public static let precisionStep = 32
    public static let toleranceStep = 8

    public init(main: Rung, progress: @escaping @Sendable (String) -> Void = { _ in }) {
        self.main = main
        otherPrecision = Rung(bits: main.bits + UncertaintyRuns.precisionStep)
        mainToleranceBits = UncertaintyRuns.defaultToleranceBits(main)
        otherToleranceBits = mainToleranceBits - UncertaintyRuns.toleranceStep
        self.progress = progress
    }

    public init(_ context: CheckContext) { self.init(main: context.precision, progress: context.progress) }

    /// The integrator's default tolerance at a rung (FlowOptions.toleranceBits: p with the
    /// state's guard bits, p − 6 in double).
    public static func defaultToleranceBits(_ rung: Rung) -> Int { rung.isDouble ? 47 : rung.bits }

    /// One run's setting: a rung and its tolerance bits (nil: the rung's default).
    public struct Setting: Sendable, Hashable {
        public var rung: Rung
        public var toleranceBits: Int?
        public var precision: Precision { rung.precision }
    }

    /// The main run, the one at the other precision, the one at the other tolerance.
    public var settings: [Setting] {
        [Setting(rung: main, toleranceBits: nil), Setting(rung: otherPrecision, toleranceBits: nil),
         Setting(rung: main, toleranceBits: otherToleranceBits)]
    }

    /// "|x(256) − x(512)| + |x(tol 2^−256) − x(tol 2^−248)|".
    public var source: String {
        "|x(\(Self.name(main))) − x(\(Self.name(otherPrecision)))| + |x(tol 2^−\(mainToleranceBits)) − x(tol 2^−\(otherToleranceBits))|"
    }

    static func name(_ rung: Rung) -> String { rung.isDouble ? "double" : String(rung.bits) }

    /// Measures quantities in the three runs: `body` returns every quantity at one setting (in
    /// the same order each time); each comes back with its value from the main run and its
    /// uncertainty from the other two.
    public func measure(_ body: (Setting) throws -> [BigFloat]) rethrows -> [Measured] {
        let values = try settings.map { setting in
            progress("uncertainty run at \(setting.rung)" + (setting.toleranceBits.map { ", tolerance 2^-\($0)" } ?? ""))
            return try body(setting)
        }
        precondition(values.allSatisfy { $0.count == values[0].count }, "the same quantities at every setting")
        return values[0].indices.map { i in
            let x = values[0][i]
            let u = Measured.sum(Measured.distance(x, values[1][i]), Measured.distance(x, values[2][i]))
            return Measured(value: x, uncertainty: u, source: source)
        }
    }
}

/// A quantity measured at the working precision with its measured uncertainty and the runs
/// that uncertainty came from (`UncertaintyRuns`).
public struct Measured: Sendable {
    public var value: BigFloat
    public var uncertainty: BigFloat
    /// The runs or estimates the uncertainty came from, in words.
    public var source: String

    public init(value: BigFloat, uncertainty: BigFloat, source: String) {
        self.value = value
        self.uncertainty = uncertainty
        self.source = source
    }

    /// This measurement with one more error term added to its uncertainty (rounded up).
    public func adding(_ term: BigFloat, _ what: String) -> Measured {
        Measured(value: value, uncertainty: Measured.sum(uncertainty, BigFloat.abs(term)), source: source + " + " + what)
    }

    /// a + b rounded up, at the larger of the two precisions.
    static func sum(_ a: BigFloat, _ b: BigFloat) -> BigFloat {
        var s = BigFloat(precision: a.precision.bits >= b.precision.bits ? a.precision : b.precision)
        s.add(a, b, rounding: .up)
        return s
    }

    /// |a − b| rounded up, at the larger of the two precisions (NaN for a non-finite one, which
    /// `Comparison.decide` reads as "nothing decided").
    static func distance(_ a: BigFloat, _ b: BigFloat) -> BigFloat {
        var d = BigFloat(precision: a.precision.bits >= b.precision.bits ? a.precision : b.precision)
        d.sub(a, b, rounding: a >= b ? .up : .down)
        return BigFloat.abs(d)
    }
}


extension BigFloat {
    /// `x` exactly, at its own precision (a `Scalar` is `Double` or `BigFloat`).
    public static func exactly<S: Scalar>(_ x: S) -> BigFloat {
        (x as? BigFloat) ?? BigFloat(x.doubleValue)
    }
}

extension Comparison {
    /// A comparison whose value and uncertainty were measured (`UncertaintyRuns`); the
    /// uncertainty's source names the runs.
    public init(quantity: String, measured m: Measured, relation: Relation, bound: BigFloat, boundReason: String,
                reference: String? = nil, agreementDigits: Double? = nil) {
        self.init(quantity: quantity, measured: m.value, relation: relation, bound: bound, boundReason: boundReason,
                  uncertainty: m.uncertainty, uncertaintySource: m.source, reference: reference, agreementDigits: agreementDigits)
    }
}
