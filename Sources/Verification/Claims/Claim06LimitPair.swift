import Dispatch
import Foundation
import MultiPrecision
import TwoLayerNet

/// Claim 6: two runs to convergence from a pair of directions at one scale ε, and the distance
/// between their limit points modulo the symmetries (`symmetricDistance`).
public struct LimitPair: Sendable {
    /// The first-layer tilt τ of a (6C) pair; nil for the counterexample (6U).
    public var tilt: Double?
    /// ε of the first side and of the second (equal except for the mirrored pair).
    public var scale: DecimalNumber
    public var secondScale: DecimalNumber
    public var first: ConvergedLimit
    public var second: ConvergedLimit
    /// dist_G(θ∞_A, θ∞_B) at the default and at the loose gradient tolerance.
    public var distance: Double
    public var looseDistance: Double
    /// ‖Ĉ_A − Ĉ_B‖₂, ‖p̂_A − p̂_B‖₂ and dist_G(p̂_A, p̂_B) (p̂ modulo signs and permutations);
    /// ∞ when Ĉ or p̂ is undefined.
    public var imbalanceGap: Double
    public var growthGap: Double
    public var growthDistance: Double

    /// What to run: the directions, the tilt they were built at, and ε (of the second side
    /// `secondScale` when given).
    struct Job: Sendable {
        var tilt: Double?
        var scale: DecimalNumber
        var directions: (first: [Double], second: [Double])
        var secondScale: DecimalNumber? = nil
    }

    init(_ job: Job, first: ConvergedLimit, second: ConvergedLimit, width: Int) {
        tilt = job.tilt
        scale = job.scale
        secondScale = job.secondScale ?? job.scale
        self.first = first
        self.second = second
        distance = symmetricDistance(first.state, second.state, width: width)
        looseDistance = symmetricDistance(first.looseState, second.looseState, width: width)
        imbalanceGap = LimitPair.gap(first.normalizedImbalance, second.normalizedImbalance)
        growthGap = LimitPair.gap(first.normalizedGrowth, second.normalizedGrowth)
        if let p = first.normalizedGrowth, let r = second.normalizedGrowth {
            growthDistance = symmetricDistance(p, r, width: width)
        } else {
            growthDistance = .infinity
        }
    }

    /// ‖x − y‖₂ (∞ when either is missing or the sizes differ).
    static func gap(_ x: [Double]?, _ y: [Double]?) -> Double {
        guard let x, let y, x.count == y.count else { return .infinity }
        return zip(x, y).map { ($0 - $1) * ($0 - $1) }.reduce(0, +).squareRoot()
    }

    /// Both runs converged at both tolerances.
    public var converged: Bool { first.converged && second.converged }

    /// D's change between the gradient tolerances (at least its rounding in double); infinite
    /// if a run did not converge or D is not finite.
    public var uncertainty: Double {
        guard converged, distance.isFinite, looseDistance.isFinite else { return .infinity }
        return Swift.max(Swift.abs(distance - looseDistance), distance * 0x1p-52)
    }

    public var seconds: Double { first.seconds + second.seconds }

    /// Runs every job's two directions to convergence, the runs shared out over the cores; the
    /// pairs come back in the order of `jobs`. The first error of any run is thrown.
    static func run(_ jobs: [Job], check: SmallInitializationLimit) throws -> [LimitPair] {
        let specs = try jobs.flatMap { [try check.spec($0.directions.first, scale: $0.scale),
                                        try check.spec($0.directions.second, scale: $0.secondScale ?? $0.scale)] }
        let results = Results(count: specs.count)
        DispatchQueue.concurrentPerform(iterations: specs.count) { i in
            results.set(i, Result { try ConvergedLimit(specs[i]) })
        }
        let limits = try results.values.map { try $0.get() }
        return jobs.enumerated().map { i, job in
            LimitPair(job, first: limits[2 * i], second: limits[2 * i + 1], width: check.width)
        }
    }

    /// One slot per run, written from the concurrent loop.
    private final class Results: @unchecked Sendable {
        private let lock = NSLock()
        private var slots: [Result<ConvergedLimit, any Error>?]
        init(count: Int) { slots = Array(repeating: nil, count: count) }
        func set(_ i: Int, _ r: Result<ConvergedLimit, any Error>) { lock.lock(); slots[i] = r; lock.unlock() }
        var values: [Result<ConvergedLimit, any Error>] {
            lock.lock(); defer { lock.unlock() }
            return slots.map { $0 ?? .failure(VerificationError.runIncomplete("claim 6: a run did not report")) }
        }
    }
}
