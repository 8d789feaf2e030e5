import MultiPrecision
@testable import Symbolic

/// Random expressions in x and y, built from every node kind, that are finite and smooth
/// (except at the kinks of relu/leakyRelu/abs) for x, y in [−3/2, 3/2]: denominators,
/// logarithms and non-integer powers are applied to arguments bounded away from 0.
struct RandomExpressions {
    var rng: SeededGenerator

    init(seed: UInt64) { rng = SeededGenerator(seed: seed) }

    mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(rng.next() % UInt64(range.count))
    }

    mutating func unit() -> Double { rng.nextUnitDouble() }

    /// A small rational p/q.
    mutating func rational() -> Rational {
        Rational(numerator: int(-5...5), denominator: int(1...4))
    }

    /// A point coordinate in [−3/2, 3/2] (a Double, embedded exactly).
    mutating func coordinate() -> Double { (unit() * 3 - 1.5) }

    mutating func leaf() -> Expr {
        switch int(0...9) {
        case 0...3: return .variable("x")
        case 4...6: return .variable("y")
        case 7: return .pi / .constant(Rational(int(2...6)))
        default: return .constant(rational())
        }
    }

    mutating func expression(depth: Int) -> Expr {
        if depth == 0 || int(0...9) < 2 { return leaf() }
        let a = expression(depth: depth - 1)
        let one = Expr.one
        switch int(0...21) {
        case 0, 1: return a + expression(depth: depth - 1)
        case 2: return a - expression(depth: depth - 1)
        case 3, 4: return a * expression(depth: depth - 1)
        case 5: return a / (one + .pow(expression(depth: depth - 1), 2))
        case 6: return .pow(a, int(2...3))
        case 7:
            let r = [Rational(numerator: 1, denominator: 2), Rational(numerator: -1, denominator: 2),
                     Rational(numerator: 1, denominator: 3), Rational(numerator: -3, denominator: 2)][int(0...3)]
            return .pow(one + .pow(a, 2), r)
        case 8: return .exp(.tanh(a))
        case 9: return .tanh(a)
        case 10: return .sech(a)
        case 11: return .cosh(.tanh(a))
        case 12: return .sinh(.tanh(a) * 2)
        case 13: return .log(one + .pow(a, 2))
        case 14: return .log(2 + .tanh(a))
        case 15: return .sqrt(2 + .tanh(a))
        case 16: return .relu(a)
        case 17: return .leakyRelu(a, slope: Rational(numerator: 1, denominator: 10))
        case 18: return .abs(a)
        case 19: return a * .e + .pi
        case 20: return .tanh(a) / (.cosh(expression(depth: depth - 1)))
        default: return .exp(a / (one + .pow(a, 2)))
        }
    }
}
