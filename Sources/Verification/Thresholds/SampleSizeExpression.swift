/// A sample size given relative to the grid point: an integer linear form in the width m, the
/// input dimension d and the bias flag b (1 with bias, 0 without), as the thresholds of
/// proofs/claim-09.md are written: "d - 1", "3d + 2", "m + 2d - 1", "d + 1 + b", "7".
/// Grammar: terms joined by + or −; a term is an integer, a variable, or an integer and a
/// variable ("3d", "3*d").
public struct SampleSizeExpression: Sendable, Equatable, CustomStringConvertible {
    public var constant: Int
    public var width: Int
    public var dimension: Int
    public var bias: Int
    public let description: String

    /// Parses `text`; nil when it is not such a form.
    public init?(_ text: String) {
        var constant = 0, width = 0, dimension = 0, bias = 0
        let compact = text.filter { !$0.isWhitespace }.replacingOccurrences(of: "−", with: "-")
        guard !compact.isEmpty else { return nil }
        var terms: [Substring] = []
        var start = compact.startIndex
        for i in compact.indices where i != compact.startIndex && (compact[i] == "+" || compact[i] == "-") {
            terms.append(compact[start..<i])
            start = i
        }
        terms.append(compact[start...])
        for var term in terms {
            var sign = 1
            if term.first == "+" { term = term.dropFirst() } else if term.first == "-" { sign = -1; term = term.dropFirst() }
            var variable: Character? = nil
            if let last = term.last, "mdb".contains(last) {
                variable = last
                term = term.dropLast()
                if term.last == "*" { term = term.dropLast() }
            }
            let coefficient: Int
            if term.isEmpty {
                guard variable != nil else { return nil }
                coefficient = 1
            } else {
                guard term.allSatisfy(\.isASCII), let c = Int(term), c >= 0, c <= 1_000_000 else { return nil }
                coefficient = c
            }
            switch variable {
            case "m": width += sign * coefficient
            case "d": dimension += sign * coefficient
            case "b": bias += sign * coefficient
            default: constant += sign * coefficient
            }
        }
        self.constant = constant; self.width = width; self.dimension = dimension; self.bias = bias
        description = text
    }

    /// The value at width m, dimension d, bias flag.
    public func value(m: Int, d: Int, bias: Bool) -> Int {
        constant + width * m + dimension * d + self.bias * (bias ? 1 : 0)
    }
}
