import Foundation

/// How the reports print numbers: compact, and honest about what was cut.
enum NumberText {
    /// A double in at most `significant` digits: plain between 1e-3 and 1e5, scientific
    /// ("1.23e-45") outside; "∞" for the sentinel `Comparison` stores for an infinite
    /// uncertainty, "–" for nil.
    static func short(_ x: Double?, significant: Int = 3) -> String {
        guard let x else { return "–" }
        if x.isNaN { return "NaN" }
        if x.isInfinite || x == .greatestFiniteMagnitude { return x < 0 ? "−∞" : "∞" }
        if x == 0 { return "0" }
        let a = abs(x)
        let text = a >= 1e-3 && a < 1e5
            ? String(format: "%.\(significant)g", x)
            : String(format: "%.\(max(0, significant - 1))e", x)
        return text.replacingOccurrences(of: "-", with: "−")
    }

    /// One decimal ("15.3"), or "–".
    static func digits(_ x: Double?) -> String {
        guard let x, x.isFinite else { return "–" }
        return String(format: "%.1f", x).replacingOccurrences(of: "-", with: "−")
    }

    /// Wall time: "0.42 s", "12.3 s", "4 min 05 s".
    static func seconds(_ s: Double) -> String {
        guard s.isFinite, s >= 0 else { return "–" }
        if s < 1 { return String(format: "%.2f s", s) }
        if s < 120 { return String(format: "%.1f s", s) }
        let whole = Int(s.rounded())
        return String(format: "%d min %02d s", whole / 60, whole % 60)
    }

    /// A decimal string at working precision cut to `significant` significant digits, the cut
    /// marked by "…" (no rounding: the full text stays in report.json): "1.2345678901234567…e-30".
    static func abbreviated(_ text: String, significant: Int = 17) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        var mantissa = Substring(trimmed), exponent = Substring("")
        if let e = trimmed.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = trimmed[..<e]
            exponent = trimmed[e...]
        }
        var kept = "", seen = 0, started = false, cut = false
        for ch in mantissa {
            if ch.isNumber {
                if ch != "0" { started = true }
                if started { seen += 1 }
                if seen > significant {
                    cut = true
                    // Only digits after the point may be dropped; integer digits are kept.
                    if !kept.contains(".") { kept.append(ch); continue }
                    continue
                }
            }
            kept.append(ch)
        }
        return cut ? kept + "…" + exponent : trimmed
    }

    /// Superscript digits for an integer exponent: 10⁻⁵.
    static func superscript(_ n: Int) -> String {
        let map: [Character: Character] = ["0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴",
                                            "5": "⁵", "6": "⁶", "7": "⁷", "8": "⁸", "9": "⁹", "-": "⁻"]
        return String(String(n).map { map[$0] ?? $0 })
    }

    /// A tick label: plain between 1e-3 and 1e5 ("0.02", "250"), otherwise "2×10⁻⁵" or "10⁸".
    static func tick(_ v: Double) -> String {
        guard v.isFinite else { return v > 0 ? "∞" : "−∞" }
        if v == 0 { return "0" }
        let a = abs(v)
        if a >= 1e-3 && a < 1e5 {
            return String(format: "%.6g", v).replacingOccurrences(of: "-", with: "−")
        }
        var e = Int(floor(log10(a)))
        var m = v / pow(10, Double(e))
        if abs(m) >= 9.9995 { m /= 10; e += 1 }
        let sign = v < 0 ? "−" : ""
        let mText = String(format: "%.3g", abs(m))
        return mText == "1" ? sign + "10" + superscript(e) : sign + mText + "×10" + superscript(e)
    }
}
