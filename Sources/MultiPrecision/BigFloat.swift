import CMPFR
import Synchronization

/// The number of `BigFloat` storages alive in this process (for leak checks).
private let liveBigFloats = Atomic<Int>(0)

/// A binary floating-point number of any precision, backed by MPFR: every operation is
/// correctly rounded to the precision of its destination (round to nearest, ties to even,
/// unless another `RoundingMode` is asked for).
///
/// Each value carries its own precision (no global precision; proofs/DESIGN.md). `BigFloat` is a
/// value type with copy-on-write storage: `var y = x; y.add(a, b)` leaves `x` unchanged. Two APIs:
///
/// - **Operators and static functions** (`a + b`, `BigFloat.tanh(x)`) return a new value and
///   never touch their operands. Operands must share one precision (mixing precisions by
///   accident is a programming error, trapped by a precondition); convert explicitly with
///   `init(_:precision:rounding:)`.
/// - **In-place methods** (`x.add(a, b)`, `x.fma(a, b, c)`, `x.tanh(a)`) write the correctly
///   rounded result into the receiver, at the receiver's precision. When the receiver's storage
///   is uniquely referenced the Swift layer allocates nothing (arithmetic allocates nothing at
///   all; MPFR's elementary functions allocate their own temporaries, as they do when called
///   from C): this is the API for hot loops. When the storage is shared with another value, the
///   receiver first gets storage of its own (one allocation), so the other value keeps its
///   value. Aliasing is legal, as in MPFR: `x.add(x, x)` doubles `x` without allocating (see
///   `BigFloat+InPlace.swift` for how operands that share the receiver's storage are counted).
///
/// Storage is one allocation (the `mpfr_t` header followed by its limbs, MPFR's custom
/// interface); the precision of a value never changes after creation.
///
/// Comparisons follow IEEE 754: NaN is unordered, so `==`, `<`, `<=`, `>`, `>=` are all false
/// when either side is NaN, and `NaN != NaN`. Values of different precisions compare by value.
public struct BigFloat: @unchecked Sendable {
    /// The MPFR value and its limbs, shared by copies of a `BigFloat` until one of them is
    /// written in place.
    @usableFromInline final class Storage {
        @usableFromInline let mpfr: UnsafeMutablePointer<__mpfr_struct>

        /// +0 at `bits` of precision.
        @usableFromInline init(bits: Int) {
            let header = MemoryLayout<__mpfr_struct>.stride
            let limbs = fv_mpfr_custom_get_size(bits)
            let raw = UnsafeMutableRawPointer.allocate(byteCount: header + limbs, alignment: 16)
            mpfr = raw.bindMemory(to: __mpfr_struct.self, capacity: 1)
            fv_mpfr_custom_init_set(mpfr, bits, raw + header)
            liveBigFloats.add(1, ordering: .relaxed)
        }

        deinit {
            UnsafeMutableRawPointer(mpfr).deallocate()
            liveBigFloats.subtract(1, ordering: .relaxed)
        }
    }

    @usableFromInline var storage: Storage

    /// A new value +0 at `precision`.
    public init(precision: Precision) {
        storage = Storage(bits: precision.bits)
    }

    /// The MPFR value, for reading it with direct calls into MPFR (`mpfr_*` source operands).
    /// It is shared with every copy of this value: write through it only into a value created
    /// for the purpose and not yet copied, or use `withUnsafeMutableMPFR`. Valid while this
    /// value (or a copy) is alive; do not change its precision or free it.
    @inlinable public var mpfr: UnsafeMutablePointer<__mpfr_struct> { storage.mpfr }

    /// The MPFR value of the `BigFloat` at `register`, read without retaining its storage (a
    /// load of `register.pointee.mpfr` costs a retain and a release): for kernels that address
    /// registers by pointer (`RegisterFile`). `register` must point to an initialized value that
    /// stays alive while the result is used; the rules of `mpfr` apply to writing through it.
    @inlinable @inline(__always)
    public static func mpfr(at register: UnsafePointer<BigFloat>) -> UnsafeMutablePointer<__mpfr_struct> {
        // A BigFloat is its one stored property, the storage reference.
        UnsafeRawPointer(register).load(as: Unmanaged<Storage>.self)._withUnsafeGuaranteedRef { $0.mpfr }
    }

    /// Calls `body` with this value's MPFR struct as a destination, after giving this value
    /// storage of its own if it was shared (copies keep their value). `body` must not change
    /// the precision, free the value or keep the pointer.
    @inlinable
    public mutating func withUnsafeMutableMPFR<R>(_ body: (UnsafeMutablePointer<__mpfr_struct>) throws -> R) rethrows -> R {
        if !isKnownUniquelyReferenced(&storage) {
            let fresh = Storage(bits: mpfr_get_prec(storage.mpfr))
            mpfr_set(fresh.mpfr, storage.mpfr, MPFR_RNDN)
            storage = fresh
        }
        return try body(storage.mpfr)
    }

    /// The number of `BigFloat` storages currently alive in this process.
    public static var liveCount: Int { liveBigFloats.load(ordering: .relaxed) }

    /// The precision of this value, fixed at creation.
    @inlinable public var precision: Precision { Precision(unchecked: mpfr_get_prec(storage.mpfr)) }

    /// A new value equal to this one with storage of its own (a plain copy `let y = x` is as
    /// good: the storage is copied when either is first written).
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
