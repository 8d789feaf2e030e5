import MultiPrecision

/// A bad problem specification. Every case names the offending field by its path in the
/// problem file (e.g. `"initialization.scale"`, `"data.explicit.x[3][1]"`), and quotes the bad
/// text where there is one, so the CLI can print a one-line message (proofs/DESIGN.md: exit code ≥ 64).
public enum ProblemError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file could not be read.
    case unreadable(path: String, reason: String)
    /// The text is not JSON, or its top level is not an object.
    case invalidJSON(reason: String)
    /// A required field is absent.
    case missingField(field: String)
    /// A field has the wrong JSON type (`expected` says which: "a decimal string", "an object", …).
    case wrongType(field: String, expected: String)
    /// A decimal string that is not a number (`reason` from `MultiPrecisionError`).
    case malformedNumber(field: String, text: String, reason: String)
    /// A string that should be a whole number (counts, seeds).
    case notAnInteger(field: String, text: String)
    /// A number that must be > 0 (n, m, d, ε, a prescribed norm) is not.
    case notPositive(field: String, text: String)
    /// An array of the wrong length (w* vs d, explicit rows vs d, θ̂ vs P, Ĉ vs m, …).
    case dimensionMismatch(field: String, expected: Int, found: Int)
    /// An activation name that is none of tanh, linear, relu, leaky_relu, expression.
    case unknownActivation(field: String, name: String)
    /// A data source or initialization family name that is not known.
    case unknownKind(field: String, name: String)
    /// A value that is legal but not usable at this precision: ε (or ε θ̂) underflows, e.g.
    /// ε = 1e-3000 in double. Never silently zero.
    case underflow(field: String, text: String, precision: Int)
    /// A legal value this build cannot handle (e.g. an expression activation without a parser).
    case unsupported(field: String, reason: String)
    /// Any other invalid value.
    case invalidValue(field: String, text: String, reason: String)

    /// The path of the offending field ("" for file-level errors).
    public var field: String {
        switch self {
        case .unreadable, .invalidJSON: return ""
        case .missingField(let f), .wrongType(let f, _), .malformedNumber(let f, _, _),
             .notAnInteger(let f, _), .notPositive(let f, _), .dimensionMismatch(let f, _, _),
             .unknownActivation(let f, _), .unknownKind(let f, _), .underflow(let f, _, _),
             .unsupported(let f, _), .invalidValue(let f, _, _):
            return f
        }
    }

    /// One line naming the field; quoted input is cut to a short excerpt
    /// (`DecimalSyntax.excerpt`), whatever its length.
    public var description: String {
        func q(_ text: String) -> String { DecimalSyntax.excerpt(text) }
        switch self {
        case .unreadable(let path, let reason): return "cannot read problem file \(q(path)): \(q(reason))"
        case .invalidJSON(let reason): return "problem file is not valid JSON: \(reason)"
        case .missingField(let f): return "missing field \(f)"
        case .wrongType(let f, let expected): return "field \(f): expected \(expected)"
        case .malformedNumber(let f, let text, let reason): return "field \(f): \"\(q(text))\" is not a number (\(q(reason)))"
        case .notAnInteger(let f, let text): return "field \(f): \"\(q(text))\" is not a whole number"
        case .notPositive(let f, let text): return "field \(f): \"\(q(text))\" must be positive"
        case .dimensionMismatch(let f, let expected, let found): return "field \(f): expected \(expected) entries, found \(found)"
        case .unknownActivation(let f, let name): return "field \(f): unknown activation \"\(q(name))\" (tanh, linear, relu, leaky_relu, expression)"
        case .unknownKind(let f, let name): return "field \(f): unknown kind \"\(q(name))\""
        case .underflow(let f, let text, let bits): return "field \(f): \"\(q(text))\" underflows at \(bits) bits (use a higher precision)"
        case .unsupported(let f, let reason): return "field \(f): \(reason)"
        case .invalidValue(let f, let text, let reason): return "field \(f): \"\(q(text))\" \(reason)"
        }
    }

    /// Parses the decimal text of `field`, once, at the input boundary: the grammar of
    /// `DecimalSyntax` without p/q, finite, its power of ten within
    /// 10^±`DecimalSyntax.maximumRationalExponent`. `instantiate` gives its value at a working precision.
    public static func decimal(_ text: String, field: String) throws(ProblemError) -> DecimalNumber {
        do {
            if try DecimalSyntax(text, allowSpecial: true).special == nil { return try DecimalNumber(text) }
        } catch {
            switch error {
            case .outOfRange:
                throw .invalidValue(field: field, text: text,
                                    reason: "is beyond 10^±\(DecimalSyntax.maximumRationalExponent), the range of exact decimals")
            case .malformedNumber(_, let reason): throw .malformedNumber(field: field, text: text, reason: reason)
            default: throw .malformedNumber(field: field, text: text, reason: error.description)
            }
        }
        throw .invalidValue(field: field, text: text, reason: "is not finite")
    }

    /// `x` correctly rounded at working precision `p`: the one conversion of a parsed number
    /// of `field` into arithmetic. A nonzero `x` that rounds to zero (or, in `Double`, to a
    /// subnormal) is `.underflow`, never a silent zero; one beyond the exponent range is `.invalidValue`.
    public static func instantiate<S: Scalar>(_ x: DecimalNumber, as: S.Type = S.self, precision p: Precision,
                                              field: String) throws(ProblemError) -> S {
        let value: S = x.value(at: p)
        if !value.isFinite {
            let range = S.self == Double.self ? "Double's range" : "MPFR's exponent range"
            throw .invalidValue(field: field, text: x.text, reason: "is outside \(range)")
        }
        if !x.isZero && underflowed(value) { throw .underflow(field: field, text: x.text, precision: p.bits) }
        return value
    }

    /// True for zero and, in `Double`, a subnormal: where a nonzero value has lost its digits.
    static func underflowed<S: Scalar>(_ value: S) -> Bool {
        value.isZero || (value as? Double).map { Swift.abs($0) < Double.leastNormalMagnitude } ?? false
    }

    /// Parses a whole number ≥ `minimum`.
    public static func parseInteger(_ text: String, field: String, minimum: Int? = nil) throws(ProblemError) -> Int {
        guard let v = Int(text) else {
            if (try? DecimalSyntax(text, allowRational: true)) != nil {
                let digits = text.drop { $0 == "-" || $0 == "+" || $0 == "0" }
                if !digits.isEmpty, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber) {
                    throw .invalidValue(field: field, text: text, reason: "is larger than \(Int.max)")
                }
                throw .notAnInteger(field: field, text: text)
            }
            throw .malformedNumber(field: field, text: text, reason: "not a whole number")
        }
        if let minimum, v < minimum {
            if minimum == 1 { throw .notPositive(field: field, text: text) }
            throw .invalidValue(field: field, text: text, reason: "must be at least \(minimum)")
        }
        return v
    }

    /// Parses a count (width, inputDimension, n): a whole number in 1 ... `TwoLayerNetwork.maximumCount`.
    public static func parseCount(_ text: String, field: String) throws(ProblemError) -> Int {
        let v = try parseInteger(text, field: field, minimum: 1)
        guard v <= TwoLayerNetwork.maximumCount else {
            throw .invalidValue(field: field, text: text, reason: "is larger than \(TwoLayerNetwork.maximumCount)")
        }
        return v
    }

    /// Parses a seed (a whole number in 0 ... 2^64 − 1).
    public static func parseSeed(_ text: String, field: String) throws(ProblemError) -> UInt64 {
        guard let v = UInt64(text) else { throw .notAnInteger(field: field, text: text) }
        return v
    }
}
