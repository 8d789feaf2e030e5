/// Text made safe for XML and HTML: the five markup characters become entities, and the
/// characters XML 1.0 forbids (C0 controls other than tab, newline and carriage return, lone
/// surrogates cannot occur in a Swift `String`) are dropped, so that any title, label or
/// statement a claim carries yields a well-formed SVG, MathML or HTML document.
func escapeXML(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars {
        switch scalar {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        case "'": out += "&#39;"
        case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
        default:
            let v = scalar.value
            if v < 0x20 || v == 0xFFFE || v == 0xFFFF { continue }
            out.unicodeScalars.append(scalar)
        }
    }
    return out
}
