import Foundation

/// A deterministic generator of hostile inputs: mutated problem files, command lines and
/// activation expressions. Case i of each kind depends only on (seed, i), so a failure is
/// reproduced by its index. Mutations are those a hostile user tries: extreme integers and
/// decimals, wrong JSON types, missing and duplicated keys, trailing commas, truncation, stray
/// bytes, long strings, deep nesting, huge constants and exponents.
struct FuzzGenerator {
    let seed: UInt64

    /// SplitMix64.
    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(max(1, n))) }
        mutating func chance(_ p: Double) -> Bool { Double(next() >> 11) / Double(1 << 53) < p }
        mutating func pick<T>(_ xs: [T]) -> T { xs[below(xs.count)] }
    }

    func random(_ kind: UInt64, _ i: Int) -> Random {
        var r = Random(state: seed ^ (kind &* 0xD6E8_FEB8_6659_FD93) ^ UInt64(i) &* 0x2545_F491_4F6C_DD1D)
        _ = r.next()
        return r
    }

    // MARK: Values

    static let interestingIntegers = [
        "0", "1", "2", "-1", "3000", "1000000000", "2147483647", "2147483648", "4611686018427387904",
        "9223372036854775807", "9223372036854775808", "18446744073709551616", "99999999999999999999999",
        "1e3", "1.5", "0x10", " 2", "2 ", "+2", "-0", "007", "", "1/2",
    ]
    static let interestingDecimals = [
        "0", "-0", "1", "-1", "1e308", "-1e308", "1e309", "1e-300", "1e-320", "1e-3000", "1e-400",
        "1e999999999", "1e-999999999", "1e99999999999999999999", "nan", "NaN", "inf", "-inf", "1/0", "0/0",
        "1/3", "3.", ".5", "1e", "e5", "--1", "1e+", "0.1", "4.9e-324", "2.2250738585072014e-308",
        "1.7976931348623157e308", "123456789012345678901234567890", "",
    ]
    static let interestingExpressions = [
        "x", "tanh(x)", "log(x)", "sqrt(x)", "1/x", "x^(1/3)", "exp(x)", "exp(exp(exp(x)))", "sigmoid(sigmoid(x))",
        "((2^4096)^4096)^4096", "(1e10000)^4096", "x^4096", "((x^4096)^4096)^4096", "exp(1e10000)", "0^(-1)",
        "(-1)^(1/2)", "log(0)", "x/0", "relu(x)", "abs(x)", "leakyrelu(x, 1/3)", "heaviside(x)", "sign(x)",
        "x + x^3/10", "sech(x)^2", "cosh(x)*sinh(x)", "(", ")", "x +", "y", "tanh()", "1e999999", "pi*x", "e^x",
    ]

    static func longString(_ r: inout Random) -> String {
        String(repeating: r.pick(["9", "x", "(", "é", "\\u0000", "1e"]), count: r.pick([200, 5_000, 20_000]))
    }

    func expressionCase(_ i: Int) -> String {
        var r = random(3, i)
        return Self.expression(&r)
    }

    /// A random expression (grammar-based, then possibly corrupted).
    static func expression(_ r: inout Random, depth: Int = 0) -> String {
        if r.chance(0.15) { return r.pick(interestingExpressions) }
        if r.chance(0.03) { return longString(&r) }
        var s = term(&r, depth)
        if r.chance(0.1), !s.isEmpty {
            var chars = Array(s)
            let k = r.below(chars.count)
            switch r.below(3) {
            case 0: chars.remove(at: k)
            case 1: chars.insert(r.pick(Array("()^*/+-.,e0x _\u{00e9}\u{0}")), at: k)
            default: chars[k] = r.pick(Array("()^*/+-.,e9x"))
            }
            s = String(chars)
        }
        return s
    }

    static func term(_ r: inout Random, _ depth: Int) -> String {
        if depth > 6 || r.chance(0.3) {
            return r.pick(["x", "x", "1", "2", "1/2", "0.1", "1e10000", "2^4096", "pi", "e", "3", "1e-10000", "x"])
        }
        let a = term(&r, depth + 1)
        switch r.below(8) {
        case 0: return "\(a) + \(term(&r, depth + 1))"
        case 1: return "\(a) * \(term(&r, depth + 1))"
        case 2: return "\(a) / \(term(&r, depth + 1))"
        case 3: return "(\(a))^\(r.pick(["2", "3", "-1", "1/2", "4096", "4097", "(1/3)", "x", "0", "100"]))"
        case 4: return "-\(a)"
        default:
            return "\(r.pick(["exp", "log", "tanh", "sinh", "cosh", "sech", "sigmoid", "relu", "abs", "sqrt", "heaviside", "sign"]))(\(a))"
        }
    }

    // MARK: Problem files

    /// A JSON tree printed with optional corruption (the model keeps insertion order).
    indirect enum JSON {
        case object([(String, JSON)])
        case array([JSON])
        case string(String)
        case raw(String)

        func text() -> String {
            switch self {
            case .object(let ms): return "{" + ms.map { "\"\($0.0)\": \($0.1.text())" }.joined(separator: ", ") + "}"
            case .array(let xs): return "[" + xs.map { $0.text() }.joined(separator: ", ") + "]"
            case .string(let s):
                var out = "\""
                for u in s.unicodeScalars {
                    switch u {
                    case "\"": out += "\\\""
                    case "\\": out += "\\\\"
                    case _ where u.value < 0x20: out += String(format: "\\u%04x", u.value)
                    default: out.unicodeScalars.append(u)
                    }
                }
                return out + "\""
            case .raw(let s): return s
            }
        }
    }

    static func base(_ r: inout Random) -> JSON {
        let m = r.pick(["1", "2", "3"]), d = r.pick(["1", "2", "5"])
        let dn = Int(d)!, mn = Int(m)!
        let activation: [(String, JSON)] = r.pick([
            [("activation", .string("tanh"))], [("activation", .string("relu"))], [("activation", .string("linear"))],
            [("activation", .string("leaky_relu")), ("slope", .string("1/100"))],
            [("activation", .string("expression")), ("expression", .string(expression(&r)))],
        ])
        let data: JSON = r.pick([
            .object([("gaussian", .object([("n", .string(r.pick(["4", "8", "20"]))), ("seed", .string("1"))]))]),
            .object([("uniform", .object([("n", .string("6")), ("seed", .string("3"))]))]),
            .object([("explicit", .object([("x", .array((0..<3).map { i in .array((0..<dn).map { j in .string(i == j ? "1" : "0.5") }) }))]))]),
        ])
        let P = mn * (1 + dn)
        let family: (String, JSON) = r.pick([
            ("gaussian", .object([("seed", .string("2")), ("layerScaleRatio", .string("1"))])),
            ("first_layer_zero", .object([("seed", .string("2"))])),
            ("prescribed_imbalance", .object([("normalizedImbalance", .array((0..<mn).map { _ in .string("0.5") })), ("seed", .string("2"))])),
            ("identical_neurons", .object([("seed", .string("2")), ("perturbation", .string("1e-3"))])),
            ("explicit", .object([("direction", .array((0..<P).map { k in .string(k % 3 == 0 ? "1" : "-0.5") }))])),
        ])
        return .object([
            ("name", .string("F")),
            ("network", .object([("width", .string(m)), ("inputDimension", .string(d))] + activation + [("bias", .raw(r.pick(["false", "true"])))])),
            ("target", .object([("outputWeight", .string("1")), ("inputWeights", .array((0..<dn).map { .string($0 == 0 ? "1" : "0") }))])),
            ("data", data),
            ("initialization", .object([("scale", .string(r.pick(["1e-30", "1e-3", "0.1"]))), family])),
            ("integration", .object([("until", .string("1")), ("stopWhenConverged", .raw("false"))])),
        ])
    }

    /// One structural mutation at a random node.
    static func mutate(_ j: JSON, _ r: inout Random, depth: Int = 0) -> JSON {
        switch j {
        case .object(var ms) where !ms.isEmpty && r.chance(0.75):
            let k = r.below(ms.count)
            switch r.below(10) {
            case 0: ms.remove(at: k)
            case 1: ms.append(ms[k])
            case 2: ms.append((r.pick(["extra", "gausian", "", longString(&r)]), .string("1")))
            default: ms[k].1 = mutate(ms[k].1, &r, depth: depth + 1)
            }
            return .object(ms)
        case .array(var xs) where !xs.isEmpty && r.chance(0.75):
            let k = r.below(xs.count)
            switch r.below(7) {
            case 0: xs.remove(at: k)
            case 1: xs.append(xs[k])
            default: xs[k] = mutate(xs[k], &r, depth: depth + 1)
            }
            return .array(xs)
        case .string(let s):
            switch r.below(10) {
            case 0...2: return .string(r.pick(interestingIntegers))
            case 3...5: return .string(r.pick(interestingDecimals))
            case 6: return .string(r.chance(0.5) ? expression(&r) : longString(&r))
            case 7: return .raw(r.pick(["1", "1.5e3", "true", "null", "[]", "{}", "-0", "1e999"]))
            default: return .string(s + r.pick(["0", "e5", "x", " ", "\u{0}"]))
            }
        default:
            return r.pick([.raw("null"), .raw("[]"), .raw("{}"), .raw("true"), .string("1"), .array([j]), .object([("k", j)])])
        }
    }

    /// Byte-level corruption of printed JSON.
    static func corrupt(_ text: String, _ r: inout Random) -> String {
        var bytes = Array(text.utf8)
        guard !bytes.isEmpty else { return text }
        let k = r.below(bytes.count)
        switch r.below(7) {
        case 0: bytes = Array(bytes[..<k])
        case 1: bytes.insert(r.pick(Array(",]}[{:\"\\\n\0".utf8)), at: k)
        case 2: bytes.remove(at: k)
        case 3: if let c = bytes.lastIndex(of: UInt8(ascii: "}")) { bytes.insert(UInt8(ascii: ","), at: c) }
        case 4: bytes.insert(contentsOf: Array("/* c */".utf8), at: k)
        case 5: bytes = Array(repeating: UInt8(ascii: "["), count: 5000) + bytes
        default: bytes[k] = UInt8(r.below(256))
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    func problemCase(_ i: Int) -> Data {
        var r = random(1, i)
        var j = Self.base(&r)
        for _ in 0..<(1 + r.below(3)) where r.chance(0.9) { j = Self.mutate(j, &r) }
        var text = j.text()
        if r.chance(0.15) { text = Self.corrupt(text, &r) }
        return Data(text.utf8)
    }

    // MARK: Command lines

    static let optionValues = ["0", "-1", "1", "2", "8", "53", "64", "10000", "65536", "65537", "9223372036854775807",
                               "9223372036854775551", "10000000", "double", "inf", "1e309", "nan", "-inf", "converged",
                               "1e-400", "", "abc", "1,2", "12", "1/2", "0.5", "1e3", "taylor", "implicit", "explicit",
                               "automatic", "foo", "16G", "1M", "0K", "99999999999999999T"]

    /// Arguments after the program name. `problem` and `out` are the paths to use.
    func commandCase(_ i: Int, problem: String, out: String) -> [String] {
        var r = random(2, i)
        var args: [String]
        let options: [String]
        switch r.below(7) {
        case 0, 1:
            args = ["run", problem, "--until", "1", "--quiet", "--time-limit", "50"]
            options = ["--precision", "--until", "--method", "--tolerance-bits", "--memory-limit", "--out", "--workers",
                       "--collocation-newton", "--collocation-mixing", "--collocation-contraction"]
        case 2:
            args = ["problem", problem]
            options = ["--precision", "--memory-limit"]
        case 3:
            args = ["symbolic", "series"]
            options = ["--activation", "--order", "--at"]
        case 4:
            args = ["symbolic", "flow"]
            options = ["--activation", "--m", "--d", "--n", "--inputs"]
        case 5:
            // The problem file itself, a missing file or the output path as the run record: each
            // must be refused (65) or, for --out, checked (73), never judged.
            args = ["recovery", problem, r.pick([problem, "/nonexistent/run.json", out])]
            options = ["--memory-limit", "--out"]
        default:
            args = ["selfcheck"]
            options = ["--precisions"]
        }
        for _ in 0..<(1 + r.below(3)) {
            let o = r.pick(options)
            let v: String
            switch o {
            case "--activation": v = Self.expression(&r)
            // Never a real device: a broken check would replace it for the whole machine.
            case "--out": v = r.pick([out, out, (out as NSString).deletingLastPathComponent, "/nonexistent/dir/o.json"])
            case "--inputs": v = r.pick(["1,0;0,1;1,1/2", "1", ";;", "1e10000,1"])
            case "--order", "--m", "--d", "--n": v = r.pick(Self.interestingIntegers)
            case "--at": v = r.pick(Self.interestingDecimals)
            default: v = r.pick(Self.optionValues)
            }
            args += r.chance(0.1) ? ["\(o)=\(v)"] : [o, v]
        }
        if r.chance(0.1) { args.insert(r.pick(["--bogus", "-x", "--", "--help", "--version", "-"]), at: 1 + r.below(args.count)) }
        if r.chance(0.05) { args.append(Self.longString(&r)) }
        if args.first == "selfcheck", !args.contains("--precisions") { args += ["--precisions", "53"] }
        return args
    }
}
