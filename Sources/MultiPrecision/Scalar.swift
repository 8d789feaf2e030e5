/// The number type of the numeric layers: one generic code path serves `Double` (the fast
/// path, 53 bits) and `BigFloat` (any precision) (proofs/DESIGN.md).
///
/// **Precision.** Every value has a `precision`; a run carries its working precision and creates
/// every value through `init(_:precision:)`. `Double` accepts only `Precision.double`.
///
/// **Registers.** The in-place methods (`x.add(a, b)`, `x.fma(a, b, c)`, …) store the result,
/// rounded to nearest at `x`'s precision, into `x`; they allocate nothing when `x`'s storage is
/// its own. Both conformances have value semantics (`BigFloat` copies its storage on the first
/// write after a copy), so a copy `var y = x` is a new register, and writing into it leaves `x`
/// unchanged; generic code still creates its registers with `init(_:precision:)` so that they
/// have the working precision and storage of their own from the start. Operands are
/// `consuming` (a `BigFloat` drops an operand that is a copy of the receiver before it checks
/// that its storage is unique) and may alias the receiver: `x.add(x, x)` is legal.
///
/// **Specialization.** `Double`'s conformance is `@inlinable`; generic code that is itself
/// `@inlinable` (or in the same module) specializes to plain `Double` arithmetic in release
/// builds (checked bit for bit in the tests, and for speed in Benchmarks/).
public protocol Scalar: Comparable, CustomStringConvertible {
    /// Significand bits of this value.
    var precision: Precision { get }

    /// `n` rounded to `precision`.
    init(_ n: Int, precision: Precision)
    /// `x` rounded to `precision` (exact when `precision ≥ 53`).
    init(_ x: Double, precision: Precision)
    /// The exact rational `r` correctly rounded to `precision`.
    init(_ r: Rational, precision: Precision)
    /// A new register holding `x` rounded to `precision`.
    init(_ x: Self, precision: Precision)
    /// The decimal text correctly rounded to `precision`.
    init(parsing text: String, precision: Precision) throws(MultiPrecisionError)

    /// The nearest `Double`.
    var doubleValue: Double { get }
    /// The value with `significantDigits` correctly rounded decimal digits.
    func decimal(significantDigits: Int) -> String

    var isNaN: Bool { get }
    var isFinite: Bool { get }
    var isZero: Bool { get }

    // Value API (correctly rounded for BigFloat, IEEE 754 for Double).
    static func + (a: Self, b: Self) -> Self
    static func - (a: Self, b: Self) -> Self
    static func * (a: Self, b: Self) -> Self
    static func / (a: Self, b: Self) -> Self
    static prefix func - (a: Self) -> Self
    static func abs(_ a: Self) -> Self
    static func sqrt(_ a: Self) -> Self
    static func exp(_ a: Self) -> Self
    static func expm1(_ a: Self) -> Self
    static func log(_ a: Self) -> Self
    static func log1p(_ a: Self) -> Self
    static func tanh(_ a: Self) -> Self
    static func sinh(_ a: Self) -> Self
    static func cosh(_ a: Self) -> Self
    static func atanh(_ a: Self) -> Self
    static func pow(_ a: Self, _ b: Self) -> Self
    static func pow(_ a: Self, _ n: Int) -> Self

    // In-place API: self ← op(operands), rounded to nearest at self's precision.
    mutating func set(_ a: consuming Self)
    mutating func set(_ n: Int)
    mutating func add(_ a: consuming Self, _ b: consuming Self)
    mutating func sub(_ a: consuming Self, _ b: consuming Self)
    mutating func mul(_ a: consuming Self, _ b: consuming Self)
    mutating func div(_ a: consuming Self, _ b: consuming Self)
    /// self ← a · b + c, one rounding.
    mutating func fma(_ a: consuming Self, _ b: consuming Self, _ c: consuming Self)
    /// self ← a · b − c, one rounding.
    mutating func fms(_ a: consuming Self, _ b: consuming Self, _ c: consuming Self)
    mutating func mul(_ a: consuming Self, _ n: Int)
    mutating func div(_ a: consuming Self, _ n: Int)
    mutating func neg(_ a: consuming Self)
    mutating func abs(_ a: consuming Self)
    mutating func sqr(_ a: consuming Self)
    mutating func sqrt(_ a: consuming Self)
    mutating func exp(_ a: consuming Self)
    mutating func expm1(_ a: consuming Self)
    mutating func log(_ a: consuming Self)
    mutating func log1p(_ a: consuming Self)
    mutating func tanh(_ a: consuming Self)
    mutating func sinh(_ a: consuming Self)
    mutating func cosh(_ a: consuming Self)
    mutating func atanh(_ a: consuming Self)
}

extension BigFloat: Scalar {}
