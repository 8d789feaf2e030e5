import MultiPrecision

/// The work budget of one series expansion (`Expr.series`): a span of processor time,
/// checked before every product of two coefficients and after every node, so that an expansion
/// whose coefficients explode (exp(exp(exp(x))) or sigmoid(sigmoid(x)) at order 100 with
/// symbolic coefficients) ends with `SymbolicError.limitExceeded` in bounded time instead of
/// running for hours. Once the budget is spent the arithmetic stops multiplying (its results
/// are then discarded) and the expansion throws at the next node. Time rather than a count of
/// operations, because the cost of one product of symbolic coefficients (their expansion and
/// canonical ordering) has no useful bound in their sizes.
public final class SeriesBudget: @unchecked Sendable {
    /// The default budget, 10 seconds: the series of tanh to order 200 takes 0.4 s.
    public static let defaultSeconds = 10.0

    /// The largest exact rational coefficient an expansion keeps: 2^21 bits.
    public static let maximumCoefficientLimbs = (1 << 21) / 64

    public let seconds: Double
    private let deadline: ContinuousClock.Instant
    private(set) var isExhausted = false
    /// Set when the budget was spent by refusing a coefficient beyond 2^21 bits.
    private(set) var refusedOversized = false

    public init(seconds: Double = SeriesBudget.defaultSeconds) {
        self.seconds = seconds
        deadline = ContinuousClock.now + .milliseconds(Int64(seconds * 1000))
    }

    /// False once the budget is spent (the clock is read on every call: one product of
    /// coefficients can itself take long).
    @inline(__always) func charge() -> Bool {
        if isExhausted { return false }
        if ContinuousClock.now > deadline { isExhausted = true }
        return !isExhausted
    }

    /// Spends the budget because a coefficient would pass 2^21 bits.
    func refuseOversized() {
        refusedOversized = true
        isExhausted = true
    }

    /// Whether the running expansion (if any) may combine the constants a and b: false once its
    /// budget is spent, or when the result would pass 2^21 bits. The canonical sums and
    /// products of `Expr` ask before every operation on constants, so that an expansion stops
    /// inside one normalization of a huge polynomial, not after it (the caller's result is then
    /// incomplete and discarded: the expansion throws at its next node). Outside an expansion
    /// always true.
    static func permits(_ a: Rational, _ b: Rational) -> Bool {
        guard let budget = current else { return true }
        if a.limbCount + b.limbCount > maximumCoefficientLimbs { budget.refuseOversized() }
        return budget.charge()
    }

    /// The error an expansion past its budget throws.
    func exhausted(order n: Int) -> SymbolicError {
        refusedOversized
            ? .limitExceeded("a coefficient of the series to order \(n) would have more than 2^21 bits")
            : .limitExceeded("the series to order \(n) takes longer than its budget of \(seconds) s; lower the order")
    }

    /// Whether the budget was spent (a result computed under it is then incomplete).
    public var isSpent: Bool { isExhausted }

    /// Runs `body` with this budget charged by every expansion inside it.
    public func run<T>(_ body: () throws -> T) rethrows -> T {
        try SeriesBudget.$current.withValue(self, operation: body)
    }

    /// The budget of the expansion running on this task, if any.
    @TaskLocal static var current: SeriesBudget?
}

extension Rational {
    /// The number of GMP limbs of numerator and denominator: the cost unit of rational
    /// arithmetic in `SeriesBudget`.
    public var limbCount: Int {
        withMPQ { q in Int(Swift.abs(q.pointee._mp_num._mp_size)) + Int(Swift.abs(q.pointee._mp_den._mp_size)) }
    }
}
