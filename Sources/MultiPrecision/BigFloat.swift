import CMPFR
import Synchronization

/// The number of `BigFloat` values alive in this process (for leak checks).
private let liveBigFloats = Atomic<Int>(0)

/// A binary floating-point number of any precision, backed by MPFR: every operation is
/// correctly rounded to the precision of its destination (round to nearest, ties to even,
/// unless another `RoundingMode` is asked for).
///
/// Each value carries its own precision (no global precision; proofs/DESIGN.md). Two APIs:
///
/// - **Operators and static functions** (`a + b`, `BigFloat.tanh(x)`) have value semantics:
///   they return a new value and never touch their operands. Operands must share one precision
///   (mixing precisions by accident is a programming error, trapped by a precondition); convert
///   explicitly with `init(_:precision:rounding:)`.
/// - **In-place methods** (`x.add(a, b)`, `x.fma(a, b, c)`, `x.tanh(a)`) write the correctly
///   rounded result into the receiver's own storage, at the receiver's precision; the Swift
///   layer allocates nothing (arithmetic allocates nothing at all; MPFR's elementary functions
///   allocate their own temporaries, as they do when called from C): this is the API for hot loops. `BigFloat` is a final class, so the receiver is a
///   register: every reference to it sees the write. Aliasing is legal, as in MPFR:
///   `x.add(x, x)` doubles `x`.
///
/// Storage is one allocation (the `mpfr_t` header followed by its limbs, MPFR's custom
/// interface); the precision of a value never changes after creation.
///
/// Comparisons follow IEEE 754: NaN is unordered, so `==`, `<`, `<=`, `>`, `>=` are all false
/// when either side is NaN, and `NaN != NaN`. Values of different precisions compare by value.
public final class BigFloat: @unchecked Sendable {
    /// The MPFR value, for direct calls into MPFR (`mpfr_*`). The pointer lives as long as
    /// this object; do not change its precision or free it.
    public let mpfr: UnsafeMutablePointer<__mpfr_struct>

    /// A new value +0 at `precision`.
    public init(precision: Precision) {
        let header = MemoryLayout<__mpfr_struct>.stride
        let limbs = fv_mpfr_custom_get_size(precision.bits)
        let raw = UnsafeMutableRawPointer.allocate(byteCount: header + limbs, alignment: 16)
        mpfr = raw.bindMemory(to: __mpfr_struct.self, capacity: 1)
        fv_mpfr_custom_init_set(mpfr, precision.bits, raw + header)
        liveBigFloats.add(1, ordering: .relaxed)
    }

    deinit {
        UnsafeMutableRawPointer(mpfr).deallocate()
        liveBigFloats.subtract(1, ordering: .relaxed)
    }

    /// The number of `BigFloat` values currently alive in this process.
    public static var liveCount: Int { liveBigFloats.load(ordering: .relaxed) }

    /// The precision of this value, fixed at creation.
    @inlinable public var precision: Precision { Precision(unchecked: mpfr_get_prec(mpfr)) }

    /// A new, independent register holding this value at the same precision.
    public func copy() -> BigFloat {
        let r = BigFloat(precision: precision)
        mpfr_set(r.mpfr, mpfr, MPFR_RNDN)
        return r
    }

    // MARK: Classification

    @inlinable public var isNaN: Bool { mpfr_nan_p(mpfr) != 0 }
    @inlinable public var isInfinite: Bool { mpfr_inf_p(mpfr) != 0 }
    @inlinable public var isFinite: Bool { mpfr_number_p(mpfr) != 0 }
    @inlinable public var isZero: Bool { mpfr_zero_p(mpfr) != 0 }
    /// −1, 0 or +1; 0 for zero and NaN.
    @inlinable public var signum: Int { isNaN ? 0 : Int(fv_mpfr_sgn(mpfr)) }
    /// True if the sign bit is set (including −0 and negative NaN).
    @inlinable public var signBit: Bool { mpfr_signbit(mpfr) != 0 }
    /// The binary exponent e with value = m · 2^e, 1/2 ≤ |m| < 1 (finite nonzero values only).
    public var exponent: Int { Int(mpfr_get_exp(mpfr)) }
}

extension BigFloat: Equatable, Comparable {
    public static func == (a: BigFloat, b: BigFloat) -> Bool { mpfr_equal_p(a.mpfr, b.mpfr) != 0 }
    public static func < (a: BigFloat, b: BigFloat) -> Bool { mpfr_less_p(a.mpfr, b.mpfr) != 0 }
    public static func <= (a: BigFloat, b: BigFloat) -> Bool { mpfr_lessequal_p(a.mpfr, b.mpfr) != 0 }
    public static func > (a: BigFloat, b: BigFloat) -> Bool { mpfr_greater_p(a.mpfr, b.mpfr) != 0 }
    public static func >= (a: BigFloat, b: BigFloat) -> Bool { mpfr_greaterequal_p(a.mpfr, b.mpfr) != 0 }

    /// True if the two values are identical in value and precision, NaN included
    /// (for tests and caches; not IEEE equality).
    public func isIdentical(to other: BigFloat) -> Bool {
        precision == other.precision
            && ((isNaN && other.isNaN) || (self == other && signBit == other.signBit))
    }
}
