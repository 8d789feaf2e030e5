// mpcheck: a small executable that exercises the multiprecision core in a fresh process,
// where nothing else allocates. Used by the tests (leaks, aliasing in this build's
// configuration) and under valgrind (see README, "Development").
//
//   mpcheck leaks [N]    create and drop N BigFloats (and Rationals, Intervals); exit 1 if the
//                        live BigFloat count changes
//   mpcheck aliasing     x.add(x, x), x.fma(x, x, x) and friends against known values; exit 1
//                        on a wrong value
import MultiPrecision
#if canImport(Glibc)
import Glibc
#endif

func leaks(_ n: Int) -> Bool {
    let p256 = try! Precision(bits: 256)
    let acc = BigFloat(0, precision: p256)
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
    let x = BigFloat(3, precision: p)
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
    return ok
}

let args = CommandLine.arguments.dropFirst()
switch args.first {
case "leaks":
    let n = args.dropFirst().first.flatMap { Int($0) } ?? 1_000_000
    if !leaks(n) { print("FAIL: live count changed"); exit(1) }
case "aliasing":
    if !aliasing() { print("FAIL: aliasing"); exit(1) }
default:
    print("usage: mpcheck leaks [N] | mpcheck aliasing")
    exit(64)
}
