import RealModule

/// The fast path: `Double` as a 53-bit `Scalar`. Every member is `@inlinable` so that generic
/// code specializes to plain machine arithmetic; `fma` is the fused IEEE operation, and the
/// elementary functions are swift-numerics' (the platform libm).
extension Double: Scalar {
    @inlinable public var precision: Precision { .double }

    @inlinable static func checkDouble(_ p: Precision) {
        precondition(p.bits == 53, "Double holds 53 bits, not \(p.bits); use BigFloat for other precisions")
    }

    @inlinable public init(_ n: Int, precision: Precision) { Double.checkDouble(precision); self.init(n) }
    @inlinable public init(_ x: Double, precision: Precision) { Double.checkDouble(precision); self = x }
    public init(_ r: Rational, precision: Precision) { Double.checkDouble(precision); self = r.doubleValue }
    public init(parsing text: String, precision: Precision) throws(MultiPrecisionError) {
        Double.checkDouble(precision)
        self = try BigFloat(parsing: text, precision: .double).doubleValue
    }

    @inlinable public var doubleValue: Double { self }
    public func decimal(significantDigits: Int) -> String {
        BigFloat(self).decimal(significantDigits: significantDigits)
    }

    @inlinable public static func abs(_ a: Double) -> Double { Swift.abs(a) }
    @inlinable public static func expm1(_ a: Double) -> Double { .expMinusOne(a) }
    @inlinable public static func log1p(_ a: Double) -> Double { .log(onePlus: a) }

    @inlinable public mutating func set(_ a: consuming Double) { self = a }
    @inlinable public mutating func set(_ n: Int) { self = Double(n) }
    @inlinable public mutating func add(_ a: consuming Double, _ b: consuming Double) { self = a + b }
    @inlinable public mutating func sub(_ a: consuming Double, _ b: consuming Double) { self = a - b }
    @inlinable public mutating func mul(_ a: consuming Double, _ b: consuming Double) { self = a * b }
    @inlinable public mutating func div(_ a: consuming Double, _ b: consuming Double) { self = a / b }
    @inlinable public mutating func fma(_ a: consuming Double, _ b: consuming Double, _ c: consuming Double) { self = c.addingProduct(a, b) }
    @inlinable public mutating func fms(_ a: consuming Double, _ b: consuming Double, _ c: consuming Double) { self = (-c).addingProduct(a, b) }
    @inlinable public mutating func mul(_ a: consuming Double, _ n: Int) { self = a * Double(n) }
    @inlinable public mutating func div(_ a: consuming Double, _ n: Int) { self = a / Double(n) }
    @inlinable public mutating func neg(_ a: consuming Double) { self = -a }
    @inlinable public mutating func abs(_ a: consuming Double) { self = Swift.abs(a) }
    @inlinable public mutating func sqr(_ a: consuming Double) { self = a * a }
    @inlinable public mutating func sqrt(_ a: consuming Double) { self = a.squareRoot() }
    @inlinable public mutating func exp(_ a: consuming Double) { self = .exp(a) }
    @inlinable public mutating func expm1(_ a: consuming Double) { self = .expMinusOne(a) }
    @inlinable public mutating func log(_ a: consuming Double) { self = .log(a) }
    @inlinable public mutating func log1p(_ a: consuming Double) { self = .log(onePlus: a) }
    @inlinable public mutating func tanh(_ a: consuming Double) { self = .tanh(a) }
    @inlinable public mutating func sinh(_ a: consuming Double) { self = .sinh(a) }
    @inlinable public mutating func cosh(_ a: consuming Double) { self = .cosh(a) }
    @inlinable public mutating func atanh(_ a: consuming Double) { self = .atanh(a) }
}
