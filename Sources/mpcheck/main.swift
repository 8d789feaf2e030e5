// mpcheck: a small executable that exercises the multiprecision core in a fresh process,
// where nothing else allocates. Used by the tests (leaks, aliasing in this build's
// configuration) and under valgrind (see README, "Development").
//
//   mpcheck leaks [N]    create and drop N BigFloats (and Rationals, Intervals); exit 1 if the
//                        live BigFloat count changes
//   mpcheck aliasing     x.add(x, x), x.fma(x, x, x) and friends against known values; exit 1
//                        on a wrong value
//   mpcheck inplace N G  N rounds of the in-place operations of group G on preallocated
//                        registers; run under valgrind by .ci/check-inplace-allocations
import CMPFR
import MultiPrecision
#if canImport(Glibc)
import Glibc
#endif

func leaks(_ n: Int) -> Bool {
    let p256 = try! Precision(bits: 256)
    var acc = BigFloat(0, precision: p256)
    let before = BigFloat.liveCount
    for i in 0..<n {
        let x = BigFloat(i, precision: p256)
        let y = BigFloat.tanh(x / BigFloat(n, precision: p256)) + x
        acc.add(acc, y)
        if i % 1000 == 0 {
            let r = Rational(numerator: i, denominator: 7) + Rational(1)
            let iv = Interval.exp(Interval(r, precision: p256))
            _ = iv.contains(BigFloat(r, precision: p256))
            _ = try? BigFloat(parsing: y.description, precision: p256)
            _ = try? BigFloat(parsing: "1e+", precision: p256)
        }
    }
    let after = BigFloat.liveCount
    print("live BigFloats before: \(before), after \(n) created and dropped: \(after) (sum \(acc.decimal(significantDigits: 10)))")
    return before == after
}

func aliasing() -> Bool {
    let p = try! Precision(bits: 256)
    var ok = true
    func check(_ name: String, _ x: BigFloat, _ expected: String) {
        let e = try! BigFloat(parsing: expected, precision: p)
        let good = x == e
        ok = ok && good
        print("\(name) = \(x.decimal(significantDigits: 20)) \(good ? "ok" : "WRONG, expected \(expected)")")
    }
    var x = BigFloat(3, precision: p)
    x.add(x, x); check("x.add(x, x) with x = 3", x, "6")
    x.fma(x, x, x); check("x.fma(x, x, x) with x = 6", x, "42")
    x.mul(x, x); check("x.mul(x, x) with x = 42", x, "1764")
    x.sub(x, x); check("x.sub(x, x)", x, "0")
    x.set(2); x.fms(x, x, x); check("x.fms(x, x, x) with x = 2", x, "2")
    x.div(x, x); check("x.div(x, x) with x = 2", x, "1")
    // Generic code: the `Scalar` requirements with aliased arguments.
    func generic<S: Scalar>(_ v: inout S) { v.add(v, v); v.fma(v, v, v) }
    var g = BigFloat(5, precision: p)
    generic(&g); check("generic v.add(v, v); v.fma(v, v, v) with v = 5", g, "110")
    var d = 5.0
    generic(&d)
    ok = ok && d == 110
    print("generic Double with v = 5: \(d) \(d == 110 ? "ok" : "WRONG, expected 110")")
    // Copy on write: aliased in-place operations on a value with storage of its own create no
    // storage (the operand copies Swift makes of the receiver are not counted as sharing);
    // writing into a copy creates exactly one.
    let before = BigFloat.liveCount
    for _ in 0..<1000 { x.add(x, x); x.fma(x, x, x); x.mul(x, x); x.set(3) }
    let afterAliased = BigFloat.liveCount
    var copy = x
    copy.add(copy, copy)
    let afterCopy = BigFloat.liveCount
    let cowOK = afterAliased == before && afterCopy == before + 1 && x == BigFloat(3, precision: p)
    ok = ok && cowOK
    print("storages created by 3000 aliased writes: \(afterAliased - before), by writing into a copy: \(afterCopy - afterAliased) \(cowOK ? "ok" : "WRONG, expected 0 and 1 (and the original unchanged)")")
    return ok
}

/// The in-place operations, `rounds` times, on registers created up front. `group` picks
/// "arith" (add … sqrt, set: MPFR needs no heap for these), "functions" through the Swift API,
/// or "functions-c": the same functions as direct MPFR calls (MPFR allocates temporaries inside
/// its elementary functions; the Swift layer must add nothing to that).
func inPlace(_ rounds: Int, _ group: String) {
    let p = try! Precision(bits: 256)
    let a = BigFloat(Rational(numerator: 1, denominator: 3), precision: p)
    let b = BigFloat(Rational(numerator: 5, denominator: 7), precision: p)
    var x = BigFloat(precision: p), y = BigFloat(precision: p)
    for _ in 0..<rounds {
        switch group {
        case "arith":
            x.add(a, b); x.sub(x, b); x.mul(x, b); x.div(x, b); x.fma(x, a, b); x.fms(x, a, b)
            x.mul(x, 3); x.div(x, 3); x.scale(x, byPowerOfTwo: 1); x.neg(x); x.abs(x); x.sqr(x)
            x.sqrt(x); y.set(x); y.set(2); y.add(a, b, rounding: .up); y.div(a, b, rounding: .down)
        case "functions":
            y.exp(a); y.expm1(a); y.log(a); y.log1p(a); y.tanh(a); y.sinh(a); y.cosh(a); y.atanh(a)
            y.pow(a, b); y.tanh(a, rounding: .down)
        case "functions-c":
            mpfr_exp(y.mpfr, a.mpfr, MPFR_RNDN); mpfr_expm1(y.mpfr, a.mpfr, MPFR_RNDN)
            mpfr_log(y.mpfr, a.mpfr, MPFR_RNDN); mpfr_log1p(y.mpfr, a.mpfr, MPFR_RNDN)
            mpfr_tanh(y.mpfr, a.mpfr, MPFR_RNDN); mpfr_sinh(y.mpfr, a.mpfr, MPFR_RNDN)
            mpfr_cosh(y.mpfr, a.mpfr, MPFR_RNDN); mpfr_atanh(y.mpfr, a.mpfr, MPFR_RNDN)
            mpfr_pow(y.mpfr, a.mpfr, b.mpfr, MPFR_RNDN); mpfr_tanh(y.mpfr, a.mpfr, MPFR_RNDD)
        default:
            print("unknown group \(group)"); exit(64)
        }
    }
    print("in-place \(group) rounds: \(rounds), last values \(x.decimal(significantDigits: 6)) \(y.decimal(significantDigits: 6))")
}

let args = CommandLine.arguments.dropFirst()
switch args.first {
case "leaks":
    let n = args.dropFirst().first.flatMap { Int($0) } ?? 1_000_000
    if !leaks(n) { print("FAIL: live count changed"); exit(1) }
case "inplace":
    let rest = Array(args.dropFirst())
    inPlace(rest.first.flatMap { Int($0) } ?? 1000, rest.count > 1 ? rest[1] : "arith")
case "aliasing":
    if !aliasing() { print("FAIL: aliasing"); exit(1) }
default:
    print("usage: mpcheck leaks [N] | mpcheck aliasing | mpcheck inplace N arith|functions|functions-c")
    exit(64)
}
