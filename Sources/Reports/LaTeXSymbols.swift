/// The command tables of `LaTeXMathML`: which LaTeX command becomes which MathML token.
enum LaTeXSymbols {
    /// Letters (rendered as <mi>): lower-case Greek and letter-like symbols.
    static let identifiers: [String: String] = [
        "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ϵ", "varepsilon": "ε",
        "zeta": "ζ", "eta": "η", "theta": "θ", "vartheta": "ϑ", "iota": "ι", "kappa": "κ",
        "lambda": "λ", "mu": "μ", "nu": "ν", "xi": "ξ", "pi": "π", "varpi": "ϖ", "rho": "ρ",
        "varrho": "ϱ", "sigma": "σ", "varsigma": "ς", "tau": "τ", "upsilon": "υ", "phi": "ϕ",
        "varphi": "φ", "chi": "χ", "psi": "ψ", "omega": "ω",
        "partial": "∂", "infty": "∞", "ell": "ℓ", "hbar": "ℏ", "nabla": "∇", "emptyset": "∅",
        "varnothing": "∅", "imath": "ı", "jmath": "ȷ", "aleph": "ℵ", "Re": "ℜ", "Im": "ℑ",
    ]

    /// Upper-case Greek: upright (<mi mathvariant="normal">).
    static let uprightIdentifiers: [String: String] = [
        "Gamma": "Γ", "Delta": "Δ", "Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ", "Pi": "Π",
        "Sigma": "Σ", "Upsilon": "Υ", "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω",
    ]

    /// Operators, relations, arrows, delimiters (rendered as <mo>).
    static let operators: [String: String] = [
        "le": "≤", "leq": "≤", "ge": "≥", "geq": "≥", "ne": "≠", "neq": "≠", "ll": "≪", "gg": "≫",
        "in": "∈", "notin": "∉", "ni": "∋", "subset": "⊂", "subseteq": "⊆", "supset": "⊃",
        "supseteq": "⊇", "cup": "∪", "cap": "∩", "setminus": "∖", "approx": "≈", "sim": "∼",
        "simeq": "≃", "cong": "≅", "equiv": "≡", "propto": "∝", "pm": "±", "mp": "∓",
        "times": "×", "cdot": "⋅", "ast": "∗", "star": "⋆", "circ": "∘", "bullet": "∙",
        "otimes": "⊗", "oplus": "⊕", "div": "÷",
        "to": "→", "rightarrow": "→", "leftarrow": "←", "gets": "←", "longrightarrow": "⟶",
        "Rightarrow": "⇒", "Leftarrow": "⇐", "Leftrightarrow": "⇔", "leftrightarrow": "↔",
        "implies": "⟹", "iff": "⟺", "mapsto": "↦", "uparrow": "↑", "downarrow": "↓",
        "searrow": "↘", "nearrow": "↗",
        "lor": "∨", "vee": "∨", "land": "∧", "wedge": "∧", "neg": "¬", "lnot": "¬",
        "forall": "∀", "exists": "∃", "nexists": "∄", "mid": "∣", "parallel": "∥",
        "perp": "⊥", "top": "⊤", "bot": "⊥", "angle": "∠",
        "|": "‖", "Vert": "‖", "vert": "|", "lvert": "|", "rvert": "|", "lVert": "‖", "rVert": "‖",
        "langle": "⟨", "rangle": "⟩", "lbrace": "{", "rbrace": "}", "{": "{", "}": "}",
        "lfloor": "⌊", "rfloor": "⌋", "lceil": "⌈", "rceil": "⌉",
        "dots": "…", "ldots": "…", "cdots": "⋯", "vdots": "⋮", "ddots": "⋱", "colon": ":",
        "prime": "′", "backslash": "∖", "%": "%", "#": "#", "&": "&", "$": "$", "_": "_",
        "int": "∫", "iint": "∬", "oint": "∮",
    ]

    /// Large operators whose scripts go under and over in display style.
    static let largeOperators: [String: String] = [
        "sum": "∑", "prod": "∏", "coprod": "∐", "bigcup": "⋃", "bigcap": "⋂",
        "bigoplus": "⨁", "bigotimes": "⨂", "bigvee": "⋁", "bigwedge": "⋀",
    ]

    /// Named functions set upright, followed by the invisible function application.
    static let functions: Set<String> = [
        "sin", "cos", "tan", "cot", "sec", "csc", "sinh", "cosh", "tanh", "coth", "arcsin", "arccos",
        "arctan", "ln", "log", "lg", "exp", "det", "dim", "ker", "deg", "arg", "gcd", "hom", "Pr",
        "sgn", "tr",
    ]

    /// Named operators whose subscripts go underneath in display style (\lim_{ε→0}).
    static let limitFunctions: [String: String] = [
        "lim": "lim", "liminf": "lim inf", "limsup": "lim sup", "min": "min", "max": "max",
        "sup": "sup", "inf": "inf", "argmin": "arg min", "argmax": "arg max",
    ]

    /// Spaces, in em (\! is a negative thin space: rendered as nothing).
    static let spaces: [String: Double] = [
        "quad": 1, "qquad": 2, ",": 0.1667, "thinspace": 0.1667, ":": 0.2222, ">": 0.2222,
        "medspace": 0.2222, ";": 0.2778, "thickspace": 0.2778, " ": 0.25, "enspace": 0.5,
        "!": 0, "negthinspace": 0, "\\": 0, "newline": 0,
    ]

    /// Accents over their argument: \hat, \bar, ...; the flag says whether it stretches.
    static let accents: [String: (String, Bool)] = [
        "hat": ("^", false), "widehat": ("^", true), "bar": ("¯", false), "overline": ("‾", true),
        "tilde": ("~", false), "widetilde": ("~", true), "vec": ("→", false),
        "overrightarrow": ("→", true), "dot": ("˙", false), "ddot": ("¨", false),
        "check": ("ˇ", false), "breve": ("˘", false), "acute": ("´", false), "grave": ("`", false),
    ]

    /// Delimiter names after \left, \right, \big...
    static let delimiters: [String: String] = [
        "{": "{", "}": "}", "|": "‖", "lbrace": "{", "rbrace": "}", "langle": "⟨", "rangle": "⟩",
        "lvert": "|", "rvert": "|", "vert": "|", "lVert": "‖", "rVert": "‖", "Vert": "‖",
        "lfloor": "⌊", "rfloor": "⌋", "lceil": "⌈", "rceil": "⌉", "backslash": "∖",
    ]

    /// \big, \Big, \bigg, \Bigg (and their l/r/m forms): the delimiter's size in em.
    static let bigSizes: [String: Double] = [
        "big": 1.2, "bigl": 1.2, "bigr": 1.2, "bigm": 1.2, "Big": 1.8, "Bigl": 1.8, "Bigr": 1.8, "Bigm": 1.8,
        "bigg": 2.4, "biggl": 2.4, "biggr": 2.4, "biggm": 2.4, "Bigg": 3, "Biggl": 3, "Biggr": 3, "Biggm": 3,
    ]

    /// Mathematical alphanumerics for \mathbb, \mathbf, \mathcal (MathML Core knows only
    /// mathvariant="normal", so styled letters are Unicode characters of their own).
    static func styled(_ ch: Character, _ font: String) -> Character {
        guard let ascii = ch.asciiValue else { return ch }
        let upper = ascii >= 65 && ascii <= 90, lower = ascii >= 97 && ascii <= 122, digit = ascii >= 48 && ascii <= 57
        func scalar(_ base: UInt32, _ offset: UInt8) -> Character {
            Unicode.Scalar(base + UInt32(offset)).map(Character.init) ?? ch
        }
        switch font {
        case "mathbb":
            let holes: [Character: Character] = ["C": "ℂ", "H": "ℍ", "N": "ℕ", "P": "ℙ", "Q": "ℚ", "R": "ℝ", "Z": "ℤ"]
            if let h = holes[ch] { return h }
            if upper { return scalar(0x1D538, ascii - 65) }
            if lower { return scalar(0x1D552, ascii - 97) }
            if digit { return scalar(0x1D7D8, ascii - 48) }
        case "mathbf", "boldsymbol", "bm":
            if upper { return scalar(0x1D400, ascii - 65) }
            if lower { return scalar(0x1D41A, ascii - 97) }
            if digit { return scalar(0x1D7CE, ascii - 48) }
        case "mathcal", "mathscr":
            let holes: [Character: Character] = ["B": "ℬ", "E": "ℰ", "F": "ℱ", "H": "ℋ", "I": "ℐ", "L": "ℒ", "M": "ℳ", "R": "ℛ"]
            if let h = holes[ch] { return h }
            if upper { return scalar(0x1D49C, ascii - 65) }
        default:
            break
        }
        return ch
    }
}
