/// The one grammar for numbers written as text, shared by `BigFloat`, `Rational` and
/// `Interval` (problem files carry every number as such a string; proofs/DESIGN.md):
///
///     number   = sign? (digits ("." digits?)? | "." digits) (("e" | "E") sign? digits)?
///     rational = sign? digits "/" digits
///     special  = sign? ("inf" | "infinity") | "nan"          (BigFloat only, any letter case)
///     sign     = "+" | "-"
///
/// No white space, no hexadecimal, no digit separators. Parsing checks the whole text; the
/// first violation is reported with its position.
public struct DecimalSyntax: Sendable, Equatable {
    public enum Special: Sendable, Equatable { case infinity, nan }

    /// True for a leading "-".
    public var isNegative: Bool
    /// Integer-part digits followed by fraction digits, as written (leading zeros kept).
    public var digits: Substring
    /// Number of digits of `digits` after the decimal point.
    public var fractionDigits: Int
    /// The written exponent of ten.
    public var exponent: Int
    /// For `p/q` text: the denominator digits.
    public var denominator: Substring?
    /// For "inf" and "nan".
    public var special: Special?

    /// Exponents of ten beyond this magnitude are rejected as out of range for exact rationals
    /// (10^1000000 has about 3.3 million bits); BigFloat parsing accepts any exponent MPFR can hold.
    public static let maximumRationalExponent = 1_000_000

    /// Parses `text` against the grammar above.
    /// - Throws: `MultiPrecisionError.malformedNumber`, quoting the text and naming the position.
    public init(_ text: String, allowRational: Bool = false, allowSpecial: Bool = false) throws(MultiPrecisionError) {
        func fail(_ reason: String) -> MultiPrecisionError { .malformedNumber(text: DecimalSyntax.excerpt(text), reason: reason) }
        let s = Substring(text)
        if s.isEmpty { throw fail("empty text") }
        var i = s.startIndex
        func position(_ j: Substring.Index) -> Int { s.distance(from: s.startIndex, to: j) + 1 }

        isNegative = false
        if s[i] == "+" || s[i] == "-" {
            isNegative = s[i] == "-"
            i = s.index(after: i)
        }
        exponent = 0
        denominator = nil
        special = nil
        fractionDigits = 0
        digits = ""

        let rest = s[i...].lowercased()
        if allowSpecial, rest == "inf" || rest == "infinity" || (rest == "nan" && s.first != "+" && s.first != "-") {
            special = rest == "nan" ? .nan : .infinity
            return
        }

        func scanDigits(from j: Substring.Index) -> Substring.Index {
            var k = j
            while k < s.endIndex, s[k].isASCII, s[k].isNumber { k = s.index(after: k) }
            return k
        }
        let intEnd = scanDigits(from: i)
        var end = intEnd
        var mantissa = String(s[i..<intEnd])
        if end < s.endIndex, s[end] == "." {
            let fracStart = s.index(after: end)
            let fracEnd = scanDigits(from: fracStart)
            fractionDigits = s.distance(from: fracStart, to: fracEnd)
            mantissa += s[fracStart..<fracEnd]
            end = fracEnd
        }
        if mantissa.isEmpty {
            throw fail(end < s.endIndex ? "expected a digit at position \(position(end)), found \"\(s[end])\"" : "no digits")
        }
        digits = Substring(mantissa)

        if end < s.endIndex, s[end] == "/" {
            guard allowRational else { throw fail("\"/\" at position \(position(end)): a fraction is not accepted here") }
            guard fractionDigits == 0 else { throw fail("a fraction p/q takes whole numbers") }
            let denStart = s.index(after: end)
            let denEnd = scanDigits(from: denStart)
            if denStart == denEnd { throw fail("expected denominator digits at position \(position(denStart))") }
            denominator = s[denStart..<denEnd]
            end = denEnd
        } else if end < s.endIndex, s[end] == "e" || s[end] == "E" {
            var j = s.index(after: end)
            var negativeExponent = false
            if j < s.endIndex, s[j] == "+" || s[j] == "-" {
                negativeExponent = s[j] == "-"
                j = s.index(after: j)
            }
            let expEnd = scanDigits(from: j)
            if j == expEnd { throw fail("exponent has no digits at position \(position(j))") }
            // Saturate: an exponent this large is out of every range, reported by the caller.
            var e = 0
            for c in s[j..<expEnd] {
                e = e > 100_000_000_000_000 ? e : e * 10 + Int(c.asciiValue! - 48)
            }
            exponent = negativeExponent ? -e : e
            end = expEnd
        }
        if end < s.endIndex {
            throw fail("unexpected \"\(s[end])\" at position \(position(end))")
        }
    }
}

extension DecimalSyntax {
    /// Input text as an error message may quote it: at most `limit` characters (the start,
    /// then "…" and the full length), control characters shown as "?", so that a message
    /// stays one short line whatever the input (a 10 MB string, a newline in a field).
    public static func excerpt(_ text: String, limit: Int = 48) -> String {
        var out = ""
        var count = 0
        for c in text {
            if count == limit {
                return out + "… (\(text.utf8.count) bytes)"
            }
            out.append(c.unicodeScalars.allSatisfy { $0.properties.generalCategory != .control } ? c : "?")
            count += 1
        }
        return out
    }
}
