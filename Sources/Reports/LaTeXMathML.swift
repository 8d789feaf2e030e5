/// LaTeX → MathML Core, for the formulas the claims carry (`ClaimInfo.latex`), so that the
/// HTML report shows them as mathematics without scripts or fonts from the network (Chromium
/// renders MathML Core natively).
///
/// The subset: \frac, \dfrac, \tfrac (arguments in braces or single tokens, \tfrac23),
/// sub/superscripts and primes, \sqrt[n]{x}, Greek letters, accents (\hat, \bar, \tilde, \vec,
/// \dot), named functions (\ln, \tanh, \cosh, \sinh, \Pr, \operatorname{…}), limits-style
/// operators (\lim, \min, \max, \sum, \prod, scripts under and over), \text, \mathrm,
/// \mathbb/\mathbf/\mathcal (as Unicode mathematical letters: MathML Core knows no other
/// mathvariant than "normal"), \left … \middle … \right, \big…, spaces (\quad, \qquad, \, \:
/// \; \ , \! as nothing), \xrightarrow[below]{above}, \overset, \underset, \binom, and the
/// symbol commands of `LaTeXSymbols`. An unknown command degrades to its own text in an
/// <mtext>; braces that do not match, trailing scripts and missing arguments yield empty
/// <mrow>s; nesting deeper than `LaTeXMathML.maxDepth` is shown as text. It never fails, and
/// the output is always well-formed XML.
public enum LaTeXMathML {
    static let maxDepth = 48

    /// A complete `<math>` element: the converted formula, with the LaTeX source kept as its
    /// `application/x-tex` annotation.
    public static func render(_ latex: String, display: Bool = true) -> String {
        "<math xmlns=\"http://www.w3.org/1998/Math/MathML\" display=\"\(display ? "block" : "inline")\">"
            + "<semantics><mrow>" + body(latex) + "</mrow>"
            + "<annotation encoding=\"application/x-tex\">" + escapeXML(latex) + "</annotation></semantics></math>"
    }

    /// The converted formula without the `<math>` wrapper.
    static func body(_ latex: String) -> String {
        var parser = LaTeXParser(latex)
        return parser.parseAll()
    }
}

/// The recursive-descent converter behind `LaTeXMathML` (one pass, no intermediate tree: an
/// atom is a MathML element with its pending scripts).
struct LaTeXParser {
    enum Token: Equatable {
        case command(String), open, close, sup, sub, char(Character), end
    }

    /// An element and the scripts attached to it so far.
    struct Atom {
        var base: String
        var sub: String?
        var sup: String?
        /// Scripts go under/over (\sum, \lim) rather than to the right.
        var limits = false
        /// Written after the scripted element (the function application after \ln).
        var suffix = ""

        init(_ base: String, limits: Bool = false, suffix: String = "") {
            self.base = base
            self.limits = limits
            self.suffix = suffix
        }

        var scripted: String {
            switch (sub, sup) {
            case (nil, nil): return base
            case let (s?, nil): return limits ? "<munder>\(base)\(s)</munder>" : "<msub>\(base)\(s)</msub>"
            case let (nil, p?): return limits ? "<mover>\(base)\(p)</mover>" : "<msup>\(base)\(p)</msup>"
            case let (s?, p?): return limits ? "<munderover>\(base)\(s)\(p)</munderover>" : "<msubsup>\(base)\(s)\(p)</msubsup>"
            }
        }
        var xml: String { scripted + suffix }
    }

    static let emptyRow = "<mrow></mrow>"
    /// The invisible function application, with TeX's thin space after an operator name
    /// (\cosh st, \ln x).
    static let functionApplication = #"<mo lspace="0em" rspace="0.1667em">\#u{2061}</mo>"#

    let chars: [Character]
    var i = 0
    var depth = 0

    init(_ latex: String) { chars = Array(latex) }

    mutating func parseAll() -> String {
        // Stops only at the end (a stray "}" is skipped inside).
        LaTeXParser.join(parseSequence(stop: { _ in false }))
    }

    // MARK: tokens

    func peek() -> (Token, Int) {
        var j = i
        while j < chars.count, chars[j].isWhitespace { j += 1 }
        guard j < chars.count else { return (.end, j) }
        switch chars[j] {
        case "{": return (.open, j + 1)
        case "}": return (.close, j + 1)
        case "^": return (.sup, j + 1)
        case "_": return (.sub, j + 1)
        case "\\":
            var k = j + 1
            guard k < chars.count else { return (.command(""), k) }
            guard chars[k].isASCII, chars[k].isLetter else { return (.command(String(chars[k])), k + 1) }
            while k < chars.count, chars[k].isASCII, chars[k].isLetter { k += 1 }
            var name = String(chars[(j + 1)..<k])
            if name == "operatorname", k < chars.count, chars[k] == "*" {
                name += "*"
                k += 1
            }
            return (.command(name), k)
        default:
            return (.char(chars[j]), j + 1)
        }
    }

    @discardableResult
    mutating func next() -> Token {
        let (t, j) = peek()
        i = j
        return t
    }

    /// The rest of the input as text (past the nesting limit).
    mutating func restAsText() -> String {
        let rest = String(chars[min(i, chars.count)...])
        i = chars.count
        return "<mtext>" + escapeXML(rest) + "</mtext>"
    }

    static func join(_ atoms: [Atom]) -> String { atoms.map(\.xml).joined() }

    static func group(_ atoms: [Atom]) -> String {
        atoms.count == 1 ? atoms[0].xml : "<mrow>" + join(atoms) + "</mrow>"
    }

    // MARK: sequences and arguments

    /// Atoms up to (not including) the first token `stop` accepts, or the end.
    mutating func parseSequence(stop: (Token) -> Bool) -> [Atom] {
        depth += 1
        defer { depth -= 1 }
        if depth > LaTeXMathML.maxDepth { return [Atom(restAsText())] }
        var atoms: [Atom] = []
        while true {
            let (t, j) = peek()
            if t == .end || stop(t) { break }
            switch t {
            case .close:
                i = j  // an unmatched "}": skipped
            case .sup, .sub:
                i = j
                let script = parseArgument()
                var a = atoms.popLast() ?? Atom(LaTeXParser.emptyRow)
                if t == .sub {
                    if a.sub != nil { a = nested(a) }
                    a.sub = script
                } else {
                    if a.sup != nil { a = nested(a) }
                    a.sup = script
                }
                atoms.append(a)
            case .char("'"):
                var primes = 0
                while i < chars.count, chars[i] == "'" || chars[i].isWhitespace {
                    if chars[i] == "'" { primes += 1 }
                    i += 1
                }
                // Primes: a full-size ′ after an unscripted base (a superscript ′ is tiny in
                // MathML), the superscript of a subscripted one (a_k′).
                var a = atoms.popLast() ?? Atom(LaTeXParser.emptyRow)
                let mark = #"<mo lspace="0em" rspace="0em">"# + String(repeating: "′", count: primes) + "</mo>"
                if a.sub == nil && a.sup == nil {
                    a.base = "<mrow>" + a.base + mark + "</mrow>"
                } else {
                    if a.sup != nil { a = nested(a) }
                    a.sup = mark
                }
                atoms.append(a)
            case .command("limits"), .command("nolimits"):
                i = j
                if var a = atoms.popLast() {
                    a.limits = t == .command("limits")
                    atoms.append(a)
                }
            default:
                if let a = parseAtom() { atoms.append(a) }
            }
        }
        return atoms
    }

    /// The atom `a` with its scripts, as the base of new scripts (a^b^c).
    func nested(_ a: Atom) -> Atom {
        Atom(a.scripted, suffix: a.suffix)
    }

    /// A command's argument: a braced group, one command, or one character.
    mutating func parseArgument() -> String {
        if depth > LaTeXMathML.maxDepth { return restAsText() }
        let (t, j) = peek()
        switch t {
        case .open:
            i = j
            let atoms = parseSequence(stop: { $0 == .close })
            if peek().0 == .close { next() }
            return atoms.isEmpty ? LaTeXParser.emptyRow : LaTeXParser.group(atoms)
        case .end, .close:
            return LaTeXParser.emptyRow
        case .sup, .sub:
            i = j
            return LaTeXParser.emptyRow
        case .char(let c):
            i = j
            return LaTeXParser.token(c)
        case .command:
            depth += 1
            defer { depth -= 1 }
            return parseAtom()?.xml ?? LaTeXParser.emptyRow
        }
    }

    /// "[…]" after a command, when there is one.
    mutating func parseOptional() -> String? {
        let (t, j) = peek()
        guard t == .char("[") else { return nil }
        i = j
        let atoms = parseSequence(stop: { $0 == .char("]") || $0 == .close })
        if peek().0 == .char("]") { next() }
        return atoms.isEmpty ? nil : LaTeXParser.group(atoms)
    }

    /// A braced group's source text, unparsed (for \text, \mathrm, \operatorname); a single
    /// non-brace character counts as a group of one.
    mutating func rawGroup() -> String {
        while i < chars.count, chars[i].isWhitespace { i += 1 }
        guard i < chars.count else { return "" }
        guard chars[i] == "{" else {
            if chars[i] == "}" || chars[i] == "\\" { return "" }
            i += 1
            return String(chars[i - 1])
        }
        i += 1
        var level = 1, out = ""
        while i < chars.count {
            let c = chars[i]
            if c == "\\", i + 1 < chars.count {
                out.append(c)
                out.append(chars[i + 1])
                i += 2
                continue
            }
            if c == "{" { level += 1 }
            if c == "}" {
                level -= 1
                if level == 0 {
                    i += 1
                    break
                }
            }
            out.append(c)
            i += 1
        }
        return out
    }

    /// One character as a token element.
    static func token(_ c: Character) -> String {
        if c.isNumber { return "<mn>" + escapeXML(String(c)) + "</mn>" }
        if c.isLetter { return "<mi>" + escapeXML(String(c)) + "</mi>" }
        // As in TeX, only \left … \right (and \big…) stretch: a plain bracket keeps its size
        // (MathML's operator dictionary would stretch it to the height of its row).
        if "()[]".contains(c) { return #"<mo stretchy="false">"# + escapeXML(String(c)) + "</mo>" }
        if "|‖".contains(c) { return bar(String(c)) }
        return "<mo>" + escapeXML(operatorText(c)) + "</mo>"
    }

    /// | and ‖ as TeX sets them: ordinary symbols, no spacing, no stretching (|p̂_k|, ‖θ‖).
    static func bar(_ s: String) -> String {
        #"<mo stretchy="false" lspace="0em" rspace="0em">"# + s + "</mo>"
    }

    static func operatorText(_ c: Character) -> String {
        switch c {
        case "-": return "−"
        case "*": return "∗"
        case "'": return "′"
        default: return String(c)
        }
    }

    // MARK: atoms

    mutating func parseAtom() -> Atom? {
        if depth > LaTeXMathML.maxDepth { return Atom(restAsText()) }
        let (t, j) = peek()
        switch t {
        case .end, .close, .sup, .sub:
            return nil
        case .open:
            return Atom(parseArgument())
        case .char(let c):
            i = j
            if c.isASCII, c.isNumber {
                var text = String(c)
                while i < chars.count {
                    if chars[i].isASCII, chars[i].isNumber {
                        text.append(chars[i])
                        i += 1
                    } else if chars[i] == ".", i + 1 < chars.count, chars[i + 1].isASCII, chars[i + 1].isNumber {
                        text.append(".")
                        i += 1
                    } else {
                        break
                    }
                }
                return Atom("<mn>" + text + "</mn>")
            }
            switch c {
            case "~": return Atom(#"<mspace width="0.25em"/>"#)
            case "&", "$": return nil
            default: return Atom(LaTeXParser.token(c))
            }
        case .command(let name):
            i = j
            depth += 1
            defer { depth -= 1 }
            return command(name)
        }
    }

    mutating func command(_ name: String) -> Atom? {
        typealias S = LaTeXSymbols
        if let s = S.identifiers[name] { return Atom("<mi>" + s + "</mi>") }
        if let s = S.uprightIdentifiers[name] { return Atom(#"<mi mathvariant="normal">"# + s + "</mi>") }
        if let s = S.largeOperators[name] { return Atom(#"<mo movablelimits="true">"# + s + "</mo>", limits: true) }
        if let s = S.operators[name] {
            if s == "|" || s == "‖" { return Atom(LaTeXParser.bar(s)) }
            let fixed = LaTeXSymbols.delimiters[name] != nil  // \{ \langle …: not stretched outside \left … \right
            return Atom((fixed ? #"<mo stretchy="false">"# : "<mo>") + escapeXML(s) + "</mo>")
        }
        if S.functions.contains(name) { return Atom("<mi>" + name + "</mi>", suffix: LaTeXParser.functionApplication) }
        if let s = S.limitFunctions[name] { return limitOperator(s) }
        if let em = S.spaces[name] { return em > 0 ? Atom(#"<mspace width="\#(em)em"/>"#) : nil }
        if let (mark, stretchy) = S.accents[name] {
            let arg = parseArgument()
            return Atom(#"<mover accent="true">"# + arg + #"<mo stretchy="\#(stretchy)">"# + escapeXML(mark) + "</mo></mover>")
        }
        if let size = S.bigSizes[name] {
            let d = delimiter() ?? ""
            return Atom(#"<mo stretchy="true" symmetric="true" minsize="\#(size)em" maxsize="\#(size)em">"# + escapeXML(d) + "</mo>")
        }
        switch name {
        case "frac", "dfrac", "tfrac", "cfrac":
            let numerator = parseArgument(), denominator = parseArgument()
            let frac = "<mfrac>" + numerator + denominator + "</mfrac>"
            switch name {
            case "tfrac": return Atom(#"<mstyle displaystyle="false">"# + frac + "</mstyle>")
            case "dfrac", "cfrac": return Atom(#"<mstyle displaystyle="true">"# + frac + "</mstyle>")
            default: return Atom(frac)
            }
        case "binom", "tbinom", "dbinom":
            let top = parseArgument(), bottom = parseArgument()
            return Atom(#"<mrow><mo>(</mo><mfrac linethickness="0">"# + top + bottom + "</mfrac><mo>)</mo></mrow>")
        case "sqrt":
            let index = parseOptional()
            let radicand = parseArgument()
            return Atom(index.map { "<mroot>" + radicand + $0 + "</mroot>" } ?? "<msqrt>" + radicand + "</msqrt>")
        case "underline":
            return Atom(#"<munder accentunder="true">"# + parseArgument() + #"<mo stretchy="true">_</mo></munder>"#)
        case "overbrace":
            return Atom("<mover>" + parseArgument() + #"<mo stretchy="true">⏞</mo></mover>"#, limits: true)
        case "underbrace":
            return Atom("<munder>" + parseArgument() + #"<mo stretchy="true">⏟</mo></munder>"#, limits: true)
        case "overset", "stackrel":
            let over = parseArgument(), base = parseArgument()
            return Atom("<mover>" + base + over + "</mover>")
        case "underset":
            let under = parseArgument(), base = parseArgument()
            return Atom("<munder>" + base + under + "</munder>")
        case "xrightarrow", "xleftarrow", "xRightarrow", "xLeftarrow", "xmapsto":
            let arrows = ["xrightarrow": "→", "xleftarrow": "←", "xRightarrow": "⇒", "xLeftarrow": "⇐", "xmapsto": "↦"]
            let below = parseOptional(), above = parseArgument()
            let pad = #"<mspace width="0.4em"/>"#
            let arrow = #"<mo stretchy="true" lspace="0.2778em" rspace="0.2778em">"# + arrows[name, default: "→"] + "</mo>"
            let under = below.map { "<mrow>" + pad + $0 + pad + "</mrow>" }
            let over = above == LaTeXParser.emptyRow ? nil : "<mrow>" + pad + above + pad + "</mrow>"
            switch (under, over) {
            case let (u?, o?): return Atom("<munderover>" + arrow + u + o + "</munderover>")
            case let (u?, nil): return Atom("<munder>" + arrow + u + "</munder>")
            case let (nil, o?): return Atom("<mover>" + arrow + o + "</mover>")
            case (nil, nil): return Atom(arrow)
            }
        case "text", "textrm", "textnormal", "mbox", "hbox", "textit", "textbf", "textsf", "texttt":
            return Atom("<mtext>" + escapeXML(LaTeXParser.textContent(rawGroup())) + "</mtext>")
        case "operatorname", "operatorname*":
            let text = LaTeXParser.textContent(rawGroup()).trimmingCharacters(in: .whitespaces)
            if name == "operatorname*" { return limitOperator(text) }
            return Atom(LaTeXParser.uprightIdentifier(text), suffix: LaTeXParser.functionApplication)
        case "mathrm", "mathup", "rm":
            let start = i
            let raw = rawGroup()
            if raw.contains("\\") || raw.contains("{") || raw.contains("^") || raw.contains("_") {
                i = start
                return Atom(parseArgument())
            }
            let text = raw.filter { !$0.isWhitespace }
            return text.isEmpty ? nil : Atom(LaTeXParser.uprightIdentifier(text))
        case "mathit", "mathnormal":
            return Atom(parseArgument())
        case "mathbb", "mathbf", "mathcal", "mathscr", "boldsymbol", "bm":
            let start = i
            let raw = rawGroup()
            if raw.contains("\\") || raw.contains("{") || raw.contains("^") || raw.contains("_") {
                i = start
                let inner = parseArgument()
                return Atom(name == "mathbf" || name == "boldsymbol" || name == "bm" ? #"<mrow style="font-weight:bold">"# + inner + "</mrow>" : inner)
            }
            let letters = raw.filter { !$0.isWhitespace }.map { LaTeXSymbols.styled($0, name) }
            guard !letters.isEmpty else { return nil }
            let tokens = letters.map { c -> String in
                c.isNumber ? "<mn>" + escapeXML(String(c)) + "</mn>" : #"<mi mathvariant="normal">"# + escapeXML(String(c)) + "</mi>"
            }
            return Atom(tokens.count == 1 ? tokens[0] : "<mrow>" + tokens.joined() + "</mrow>")
        case "left":
            let open = delimiter()
            let inner = parseSequence(stop: { $0 == .command("right") || $0 == .close })
            var close: String?
            if peek().0 == .command("right") {
                next()
                close = delimiter()
            }
            var row = "<mrow>"
            if let open, !open.isEmpty { row += #"<mo fence="true" form="prefix" stretchy="true">"# + escapeXML(open) + "</mo>" }
            row += LaTeXParser.join(inner)
            if let close, !close.isEmpty { row += #"<mo fence="true" form="postfix" stretchy="true">"# + escapeXML(close) + "</mo>" }
            return Atom(row + "</mrow>")
        case "right", "middle":
            let d = delimiter() ?? ""
            return d.isEmpty ? nil : Atom(#"<mo stretchy="true">"# + escapeXML(d) + "</mo>")
        case "hspace", "hskip", "kern", "mkern":
            let raw = name == "hspace" ? rawGroup() : ""  // \kern3mu and the like: ignored
            if let em = LaTeXParser.lengthInEm(raw), em > 0 { return Atom(#"<mspace width="\#(em)em"/>"#) }
            return nil
        case "phantom":
            return Atom("<mphantom>" + parseArgument() + "</mphantom>")
        case "begin", "end", "label", "color", "tag":
            _ = rawGroup()
            return nil
        case "displaystyle", "textstyle", "scriptstyle", "nonumber", "notag", "mathstrut", "strut":
            return nil
        default:
            return Atom(#"<mtext class="tex-unknown">"# + escapeXML("\\" + name) + "</mtext>")
        }
    }

    func limitOperator(_ text: String) -> Atom {
        Atom(#"<mo form="prefix" movablelimits="true" lspace="0em" rspace="0.1667em">"# + escapeXML(text) + "</mo>", limits: true)
    }

    /// The delimiter after \left, \right, \middle, \big…: "" for ".", nil when there is none.
    mutating func delimiter() -> String? {
        let (t, j) = peek()
        switch t {
        case .char(let c):
            i = j
            return c == "." ? "" : String(c)
        case .command(let name):
            i = j
            return LaTeXSymbols.delimiters[name] ?? LaTeXSymbols.operators[name] ?? ""
        default:
            return nil
        }
    }

    /// Multi-letter identifiers are upright by default in MathML; a single letter needs
    /// mathvariant="normal".
    static func uprightIdentifier(_ text: String) -> String {
        text.count == 1 ? #"<mi mathvariant="normal">"# + escapeXML(text) + "</mi>" : "<mi>" + escapeXML(text) + "</mi>"
    }

    /// \text's source as text: escaped specials (\%, \{, \ ) become themselves, braces vanish,
    /// spaces become no-break spaces (MathML trims and collapses ordinary ones).
    static func textContent(_ raw: String) -> String {
        var out = "", chars = Array(raw), k = 0
        while k < chars.count {
            let c = chars[k]
            if c == "\\", k + 1 < chars.count, !(chars[k + 1].isASCII && chars[k + 1].isLetter) {
                out.append(chars[k + 1] == " " ? "\u{00A0}" : chars[k + 1])
                k += 2
                continue
            }
            if c == "{" || c == "}" {
                k += 1
                continue
            }
            out.append(c == " " || c == "~" ? "\u{00A0}" : c)
            k += 1
        }
        return out
    }

    /// "1em", "0.5em", "3mu", "4pt" in em; nil when not understood.
    static func lengthInEm(_ text: String) -> Double? {
        let t = text.trimmingCharacters(in: .whitespaces)
        for (unit, factor) in [("em", 1.0), ("ex", 0.43), ("mu", 1.0 / 18), ("pt", 0.1), ("px", 1.0 / 16)] where t.hasSuffix(unit) {
            return Double(t.dropLast(unit.count)).map { $0 * factor }
        }
        return nil
    }
}
