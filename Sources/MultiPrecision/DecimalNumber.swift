/// A number as the user wrote it (the grammar of `DecimalSyntax`, rationals "p/q" included),
/// parsed once at the input boundary: the text and the exact rational it denotes. Inside, code
/// instantiates it at the working precision (`value(at:)`, correctly rounded to nearest) and
/// never parses it again; reports print `text`, so "1e-6" stays "1e-6".
///
/// Equality and hashing are by the exact value ("1e-6" == "0.000001"); `text` is what was written.
/// Codable as its text, so a JSON field keeps the string form of problem files
/// (proofs/DESIGN.md: every number in a file is a decimal string). Printed inside another value
/// (an enum's payload, an array) it shows as the string literal it was written as, `"1e-6"`.
public struct DecimalNumber: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible,
                             ExpressibleByStringLiteral {
    /// The text as written.
    public let text: String
    /// The exact value.
    public let exact: Rational

    /// Parses `text`.
    /// - Throws: `MultiPrecisionError.malformedNumber` (with the position), `.zeroDenominator`,
    ///   or `.outOfRange` for an exponent beyond `DecimalSyntax.maximumRationalExponent`.
    public init(_ text: String) throws(MultiPrecisionError) {
        exact = try Rational(parsing: text)
        self.text = text
    }

    /// A literal in source code: a malformed literal is a programming error and traps.
    public init(stringLiteral text: String) {
        do { try self.init(text) } catch { preconditionFailure("malformed decimal literal \"\(text)\": \(error)") }
    }

    /// An integer.
    public init(_ n: Int) {
        text = "\(n)"
        exact = Rational(n)
    }

    /// The shortest decimal text that reads back as `x` (Swift's `description`), and its exact
    /// value; nil for NaN and infinities.
    public init?(_ x: Double) {
        guard x.isFinite, let parsed = try? DecimalNumber("\(x)") else { return nil }
        self = parsed
    }

    public var description: String { text }
    /// The text as a string literal: what `debugPrint`, and the description of a value holding
    /// this one, show.
    public var debugDescription: String { text.debugDescription }

    /// The value at precision `p`, rounded to nearest.
    @inlinable public func value<S: Scalar>(at p: Precision) -> S { S(exact, precision: p) }

    /// The value rounded to the nearest double.
    public var doubleValue: Double { exact.doubleValue }

    public var isZero: Bool { exact == 0 }
    public var isPositive: Bool { exact > 0 }

    public static func == (a: DecimalNumber, b: DecimalNumber) -> Bool { a.exact == b.exact }
    public func hash(into h: inout Hasher) { h.combine(exact) }
}

extension DecimalNumber: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do { try self.init(text) } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "\(error)")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }
}
