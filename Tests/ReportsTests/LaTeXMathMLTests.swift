import Foundation
import Testing
@testable import Reports
import Verification

@Suite("LaTeX to MathML")
struct LaTeXMathMLTests {
    /// The converted formula as a parsed tree (the <mrow> inside <semantics>).
    func tree(_ latex: String) throws -> XMLElementNode {
        let math = try XMLElementNode.parse(LaTeXMathML.render(latex)).get()
        #expect(math.name == "math")
        let semantics = try #require(math.children.first)
        #expect(semantics.name == "semantics")
        #expect(semantics.children.last?.name == "annotation")
        // The source survives as the annotation (less the control characters XML cannot carry).
        #expect(semantics.children.last?.allText == latex.filter { !($0.asciiValue.map { $0 < 32 } ?? false) })
        return try #require(semantics.children.first)
    }

    func names(_ node: XMLElementNode) -> [String] { node.children.map(\.name) }

    @Test(#"\frac{a}{b} → <mfrac><mi>a</mi><mi>b</mi></mfrac>; \tfrac23 → a compact fraction of two digits"#)
    func fractions() throws {
        let frac = try #require(try tree(#"\frac{a}{b}"#).all("mfrac").first)
        #expect(names(frac) == ["mi", "mi"])
        #expect(frac.children.map(\.allText) == ["a", "b"])

        let t = try tree(#"\tfrac23u^3"#)
        let style = try #require(t.all("mstyle").first)
        #expect(style.attributes["displaystyle"] == "false")
        #expect(style.all("mfrac").first?.children.map(\.allText) == ["2", "3"])
        #expect(t.all("msup").first.map { names($0) } == ["mi", "mn"])

        let mixed = try #require(try tree(#"\tfrac8{15}"#).all("mfrac").first)
        #expect(mixed.children.map(\.allText) == ["8", "15"])
        let command = try #require(try tree(#"\frac1\varepsilon"#).all("mfrac").first)
        #expect(command.children.map(\.allText) == ["1", "ε"])
    }

    @Test("scripts: x_i^2 → msubsup; primes; \\sum_{i=1}^n under and over; \\lim_{ε→0} under")
    func scripts() throws {
        let s = try #require(try tree("x_i^2").all("msubsup").first)
        #expect(s.children.map(\.allText) == ["x", "i", "2"])
        // A prime follows an unscripted base at full size, and is the superscript of a scripted one.
        let prime = try tree(#"\sigma'(u)"#)
        #expect(prime.all("msup").isEmpty)
        #expect(prime.allText.hasPrefix("σ′(u)"))
        let subPrime = try #require(try tree("a_k''").all("msubsup").first)
        #expect(subPrime.children.map(\.allText) == ["a", "k", "′′"])
        let sum = try #require(try tree(#"\sum_{i=1}^n e_i"#).all("munderover").first)
        #expect(sum.children.first?.allText == "∑")
        #expect(sum.children.count == 3)
        let lim = try #require(try tree(#"\lim_{\varepsilon\to0}\theta_\varepsilon"#).all("munder").first)
        #expect(lim.children.first?.allText == "lim")
        #expect(lim.children.last?.allText == "ε→0")
        let top = try #require(try tree(#"\hat z^\top w_k"#).all("msup").first)
        #expect(top.children.first?.name == "mover")
        #expect(top.children.last?.allText == "⊤")
    }

    @Test("roots, accents, fences, text, functions, Greek, spaces, arrows")
    func constructs() throws {
        #expect(try tree(#"\sqrt2"#).all("msqrt").first?.allText == "2")
        let root = try #require(try tree(#"\sqrt[3]{x}"#).all("mroot").first)
        #expect(root.children.map(\.allText) == ["x", "3"])
        let hat = try #require(try tree(#"\hat\theta"#).all("mover").first)
        #expect(hat.attributes["accent"] == "true")
        #expect(hat.children.first?.allText == "θ")

        let fenced = try tree(#"\left(\frac{s}{b_0^2} - 1\right)"#)
        let fences = fenced.all("mo").filter { $0.attributes["fence"] == "true" }
        #expect(fences.map(\.allText) == ["(", ")"])
        #expect(fenced.all("mo").contains { $0.allText == "−" })

        let text = try #require(try tree(#"\quad\text{for } \sigma"#).all("mtext").first)
        #expect(text.allText == "for\u{00A0}")
        #expect(try tree(#"\quad"#).all("mspace").first?.attributes["width"] == "1.0em")
        #expect(try tree(#"\qquad"#).all("mspace").first?.attributes["width"] == "2.0em")

        let ln = try tree(#"\ln\frac1\varepsilon"#)
        #expect(ln.all("mi").first?.allText == "ln")
        #expect(ln.all("mo").contains { $0.allText == "\u{2061}" })
        let rank = try tree(#"\operatorname{rank} J"#)
        #expect(rank.all("mi").map(\.allText) == ["rank", "J"])
        let esc = try #require(try tree(#"T_{\mathrm{esc}}"#).all("msub").first)
        #expect(esc.children.last?.allText == "esc")

        let greek = try tree(#"\alpha\Delta\varepsilon\partial\infty"#)
        #expect(greek.all("mi").map(\.allText) == ["α", "Δ", "ε", "∂", "∞"])
        #expect(greek.all("mi")[1].attributes["mathvariant"] == "normal")

        let arrow = try #require(try tree(#"R(\delta) \xrightarrow[\delta\to0]{} 0"#).all("munder").first)
        #expect(arrow.children.first?.allText == "→")
        #expect(arrow.children.last?.allText == "δ→0")
        #expect(try tree(#"a \le b \ge c \in Q \Rightarrow d \lor e \forall \|x\| \dots"#).all("mo").map(\.allText)
                == ["≤", "≥", "∈", "⇒", "∨", "∀", "‖", "‖", "…"])
    }

    @Test("unknown commands degrade to their own text; malformed input never breaks the XML")
    func degradation() throws {
        let unknown = try tree(#"\unknowncommand{x} + 1"#)
        #expect(unknown.all("mtext").first?.allText == #"\unknowncommand"#)
        #expect(unknown.all("mi").first?.allText == "x")

        let malformed = [#"}{"#, #"\frac"#, #"x^"#, #"_"#, #"\left("#, #"\right)"#, #"\sqrt["#, #"\"#, #"\text{unclosed"#,
                         #"{{{a}"#, #"a}}}"#, #"\frac{1}{"#, #"x^^y__z"#, #"\left\right"#, #"\xrightarrow["#, "'''",
                         #"<&>"#, "\u{0001}control", String(repeating: "{", count: 500) + "x" + String(repeating: "}", count: 500),
                         String(repeating: #"\frac"#, count: 300), String(repeating: #"\sqrt{"#, count: 300)]
        for latex in malformed {
            _ = try tree(latex)
        }
    }

    @Test("random token soup (seeded) always yields well-formed MathML")
    func fuzz() throws {
        let pieces = [#"\frac"#, #"\tfrac"#, #"\sqrt"#, "{", "}", "^", "_", "[", "]", "x", "2", #"\left("#, #"\right)"#,
                      #"\text{a b}"#, #"\hat"#, #"\sum"#, #"\lim"#, #"\xrightarrow"#, "'", " ", #"\,"#, #"\!"#, #"\|"#,
                      #"\alpha"#, #"\mathrm{d}"#, "<", "&", #"\operatorname{r}"#, #"\foo"#, "\\", "-", #"\quad"#]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<400 {
            var latex = ""
            for _ in 0..<12 {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                latex += pieces[Int((state >> 33) % UInt64(pieces.count))]
            }
            _ = try tree(latex)
        }
    }

    @Test("every claim's formula converts with no unknown command")
    func claims() throws {
        for check in ClaimRegistry.checks {
            guard let latex = check.info.latex else { continue }
            let t = try tree(latex)
            let unknown = t.all("mtext").filter { $0.hasClass("tex-unknown") }.map(\.allText)
            #expect(unknown.isEmpty, "claim \(check.info.id): \(unknown)")
            #expect(t.children.count > 3)
        }
    }
}
