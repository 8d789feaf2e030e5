import Foundation
import MultiPrecision

/// One rung of the precision ladder (README "The main job"): 53 means the `Double` fast path, anything else
/// `BigFloat` at that many bits.
public struct Rung: Codable, Sendable, Hashable, Comparable, CustomStringConvertible {
    public var bits: Int
    public init(bits: Int) { self.bits = bits }
    public var isDouble: Bool { bits == 53 }
    public var precision: Precision { isDouble ? .double : (try? Precision(bits: bits)) ?? .double }
    public var description: String { isDouble ? "double" : "\(bits) bits" }
    public static func < (a: Rung, b: Rung) -> Bool { a.bits < b.bits }

    /// The default ladder: double, 128, 256, 512, 1024 bits.
    public static let defaultLadder: [Rung] = [53, 128, 256, 512, 1024].map(Rung.init(bits:))
    /// The ladder of `--quick`: double, 128, 256 bits.
    public static let quickLadder: [Rung] = [53, 128, 256].map(Rung.init(bits:))

    /// Parses "53,128,256" (53 = double); nil for malformed text or a rung outside 2 … 2^20 bits.
    public static func ladder(parsing text: String) -> [Rung]? {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
        var rungs: [Rung] = []
        for part in parts {
            let word = part.trimmingCharacters(in: .whitespaces)
            let bits = word == "double" ? 53 : Int(word)
            guard let b = bits, b >= 2, b <= 1 << 20 else { return nil }
            rungs.append(Rung(bits: b))
        }
        return rungs.isEmpty ? nil : Array(Set(rungs)).sorted()
    }
}

/// A computation to run at one precision: `S` is `Double` or `BigFloat`, `p` its precision.
/// (Swift has no generic closures; a claim's ladder quantity conforms to this.)
public protocol AtPrecision: Sendable {
    associatedtype Result: Sendable
    func callAsFunction<S: Scalar>(_ type: S.Type, _ p: Precision) throws -> Result
}

extension Rung {
    /// Runs `body` at this rung's arithmetic.
    public func run<B: AtPrecision>(_ body: B) throws -> B.Result {
        isDouble ? try body(Double.self, .double) : try body(BigFloat.self, precision)
    }
}

/// One point of a claim's ladder: the quantity at one precision and tolerance.
public struct LadderPoint: Codable, Sendable, Equatable {
    /// "double" or the number of bits.
    public var precision: String
    public var bits: Int
    /// The integrator's local tolerance, 2^(−toleranceBits) (nil where nothing is integrated).
    public var toleranceBits: Int?
    /// The quantity, as a decimal string with the digits this precision carries.
    public var value: String
    /// Relative error against the reference (the closed form, or the ladder's top rung).
    public var relativeError: Double?
    /// Decimal digits of agreement with the reference, −log10(relative error), capped at the
    /// digits the precision carries.
    public var digits: Double
    public var seconds: Double
    /// Where double loses the quantity: "absorption", "cancellation", "underflow".
    public var flags: [String]

    public init(rung: Rung, toleranceBits: Int?, value: String, relativeError: Double?, digits: Double,
                seconds: Double, flags: [String] = []) {
        precision = rung.isDouble ? "double" : String(rung.bits)
        bits = rung.bits
        self.toleranceBits = toleranceBits
        self.value = value
        self.relativeError = relativeError.flatMap { $0.isFinite ? $0 : nil }
        self.digits = digits
        self.seconds = seconds
        self.flags = flags
    }
}

/// A claim's precision ladder: the compared quantity at every rung, against a
/// reference; the integration tolerance and the rounding varied one at a time.
public struct LadderResult: Codable, Sendable, Equatable {
    /// The quantity followed up the ladder.
    public var quantity: String
    /// "closed form …" or "top rung (N bits)".
    public var reference: String
    /// Tolerance tied to each rung's precision (the default), rounding and tolerance together.
    public var points: [LadderPoint]
    /// Rounding only: the precision varies, the tolerance is held at `fixedToleranceBits`.
    public var roundingSweep: [LadderPoint]
    /// Tolerance only: the tolerance varies at the fixed precision `fixedPrecisionBits`.
    public var toleranceSweep: [LadderPoint]
    public var fixedToleranceBits: Int?
    public var fixedPrecisionBits: Int?
    /// The precision this quantity needs, measured against proofs/THEORY.md §4's formula, as
    /// (ε, bits measured, bits by the formula) rows; empty where §4 says nothing.
    public var precisionNeeded: [PrecisionNeed]

    public init(quantity: String, reference: String, points: [LadderPoint],
                roundingSweep: [LadderPoint] = [], toleranceSweep: [LadderPoint] = [],
                fixedToleranceBits: Int? = nil, fixedPrecisionBits: Int? = nil,
                precisionNeeded: [PrecisionNeed] = []) {
        self.quantity = quantity
        self.reference = reference
        self.points = points
        self.roundingSweep = roundingSweep
        self.toleranceSweep = toleranceSweep
        self.fixedToleranceBits = fixedToleranceBits
        self.fixedPrecisionBits = fixedPrecisionBits
        self.precisionNeeded = precisionNeeded
    }
}

/// proofs/THEORY.md §4: keeping q digits of C(θ) after escape needs about q + 2·log10(1/ε) digits.
public struct PrecisionNeed: Codable, Sendable, Equatable {
    /// ε as text ("1e-30").
    public var scale: String
    /// The digits asked for.
    public var digitsWanted: Double
    /// The smallest rung tried that kept them (nil: none did).
    public var measuredBits: Int?
    /// (q + 2·log10(1/ε))·log2(10).
    public var formulaBits: Double

    public init(scale: String, digitsWanted: Double, measuredBits: Int?, log10InverseScale: Double) {
        self.scale = scale
        self.digitsWanted = digitsWanted
        self.measuredBits = measuredBits
        formulaBits = (digitsWanted + 2 * log10InverseScale) * 3.321928094887362
    }
}
