import MultiPrecision
import Symbolic
import TwoLayerNet

/// The model rank of proofs/THEORY.md §2 (rank of J_ij = ∂f(x_i; θ)/∂θ_j) certified with interval
/// arithmetic (claim 7, proofs/claim-07.md "Numerical check").
///
/// - **Lower bound.** Gaussian elimination with complete pivoting on the MPFI enclosure of J:
///   every pivot's enclosure is an enclosure of the exact elimination's pivot (for every matrix
///   inside the enclosure), so when k pivots in a row exclude 0 the k × k minor on the pivot
///   rows and columns is nonzero, and rank J ≥ k. The minor's enclosure is ± the product of the
///   pivots.
/// - **Upper bound**, by one of two exact arguments: if every entry's enclosure is a single
///   point, J is known exactly and its rank is computed in rational arithmetic (`.exact`);
///   otherwise a column whose every entry encloses only the point 0 is exactly zero, and
///   rank J ≤ min(n, number of other columns) (`.structuralZeros`).
public struct CertifiedRank: Sendable {
    public enum UpperBoundArgument: String, Sendable {
        case exact = "J known exactly (point enclosures): rational rank"
        case structuralZeros = "structural zero columns: rank ≤ min(n, nonzero columns)"
    }

    /// rank J ≥ lower (certified), rank J ≤ upper (certified).
    public let lower: Int
    public let upper: Int
    public let upperArgument: UpperBoundArgument
    /// The enclosure of the certified nonzero `lower × lower` minor (nil when lower = 0).
    public let minor: Interval?
    public let minorRows: [Int]
    public let minorColumns: [Int]

    public var isExact: Bool { lower == upper }

    /// Certifies the rank of the interval matrix `J` (rows × columns).
    public init(_ J: [[Interval]]) {
        let rows = J.count, cols = J.first?.count ?? 0
        // Upper bound.
        let allPoints = J.allSatisfy { $0.allSatisfy { $0.width.isZero } }
        if allPoints, rows > 0 {
            upper = CertifiedRank.rationalRank(J.map { $0.map { Rational(exactly: $0.lower)! } })
            upperArgument = .exact
        } else {
            let nonzero = (0..<cols).filter { c in !(0..<rows).allSatisfy { r in
                J[r][c].width.isZero && J[r][c].lower.isZero } }.count
            upper = min(rows, nonzero)
            upperArgument = .structuralZeros
        }
        // Lower bound: interval elimination, complete pivoting on the mignitude.
        var M = J
        var freeRows = Array(0..<rows), freeCols = Array(0..<cols)
        var pivots: [Interval] = [], pr: [Int] = [], pc: [Int] = []
        while !freeRows.isEmpty && !freeCols.isEmpty {
            var best: (r: Int, c: Int, mig: Double)? = nil
            for r in freeRows {
                for c in freeCols {
                    let e = M[r][c]
                    guard e.isValid, e.certifiedSign != nil else { continue }
                    let mig = min(Swift.abs(e.lower.doubleValue), Swift.abs(e.upper.doubleValue))
                    if best == nil || mig > best!.mig { best = (r, c, mig) }
                }
            }
            guard let (r0, c0, _) = best else { break }
            let pivot = M[r0][c0]
            pivots.append(pivot); pr.append(r0); pc.append(c0)
            freeRows.removeAll { $0 == r0 }
            freeCols.removeAll { $0 == c0 }
            for r in freeRows {
                let factor = M[r][c0] / pivot
                for c in freeCols { M[r][c] = M[r][c] - factor * M[r0][c] }
            }
        }
        lower = pivots.count
        minorRows = pr
        minorColumns = pc
        minor = pivots.isEmpty ? nil : pivots.dropFirst().reduce(Interval.abs(pivots[0])) { $0 * Interval.abs($1) }
    }

    /// The exact rank of a rational matrix (fraction-free enough for the small sizes of claim 7).
    public static func rationalRank(_ A: [[Rational]]) -> Int {
        var M = A
        let rows = M.count, cols = M.first?.count ?? 0
        var rank = 0
        for c in 0..<cols where rank < rows {
            guard let p = (rank..<rows).first(where: { !M[$0][c].isZero }) else { continue }
            M.swapAt(rank, p)
            for r in (rank + 1)..<rows where !M[r][c].isZero {
                let f = M[r][c] / M[rank][c]
                for j in c..<cols { M[r][j] = M[r][j] - f * M[rank][j] }
            }
            rank += 1
        }
        return rank
    }
}

/// The MPFI enclosure of the model Jacobian J_ij = ∂f(x_i; θ)/∂θ_j (proofs/THEORY.md §2), from exact
/// parameters and exactly embedded inputs: J_{i,a_k} = σ(w̃_kᵀx̃_i), J_{i,w̃_kj} = a_k σ'(w̃_kᵀx̃_i) x̃_ij
/// (`LossKernel.jacobian`'s formula, evaluated here in interval arithmetic through the symbolic
/// activation and its derivative).
public enum ModelJacobianEnclosure {
    /// σ as an exact expression, for the activations that have one.
    public static func symbolic(_ activation: Activation) -> SymbolicActivation? {
        switch activation {
        case .tanh: return .tanh
        case .linear: return .linear
        case .relu: return .relu
        case .leakyRelu(let s): return .leakyRelu(slope: s)
        case .expression: return nil
        }
    }

    /// J's enclosure at θ (exact rationals, network order) on the inputs `x` (n rows of d
    /// exact values, e.g. the doubles of a Gaussian draw), at `precision`.
    public static func enclose(network: TwoLayerNetwork, theta: [Rational], inputs x: [[Double]],
                               precision p: Precision) throws -> [[Interval]] {
        guard let sigma = symbolic(network.activation) else {
            throw VerificationError.runIncomplete("no exact expression for the activation \(network.activation)")
        }
        precondition(theta.count == network.parameterCount, "θ has the wrong length")
        let v = SymbolicActivation.variableName
        let s0 = sigma.expression, s1 = sigma.derivative()
        let D = network.extendedInputDimension, d = network.inputDimension, q = network.neuronBlockSize
        let th = theta.map { Interval($0, precision: p) }
        return try x.map { row in
            precondition(row.count == d, "input row has the wrong length")
            let xt: [Interval] = (0..<D).map { j in
                j < d ? Interval(BigFloat(row[j], precision: p)) : Interval(1, precision: p)
            }
            var out: [Interval] = []
            for k in 0..<network.width {
                var u = Interval(0, precision: p)
                for j in 0..<D { u = u + th[k * q + 1 + j] * xt[j] }
                out.append(try s0.enclosure(at: [v: u], precision: p))
                let slope = th[k * q] * (try s1.enclosure(at: [v: u], precision: p))
                for j in 0..<D { out.append(slope * xt[j]) }
            }
            return out
        }
    }
}
