/// Free text made literal in CommonMark / GitHub Markdown: every ASCII punctuation character
/// that can start markup (emphasis `*` `_`, code, links, HTML, table pipes, entities) is
/// backslash-escaped, and line breaks become spaces so that a value stays in its table cell.
func escapeMarkdown(_ text: String) -> String {
    var out = ""
    for ch in text {
        switch ch {
        case "\\", "`", "*", "_", "[", "]", "<", ">", "|", "&", "#", "{", "}", "~", "$":
            out.append("\\")
            out.append(ch)
        case "\n", "\r", "\r\n":
            out.append(" ")
        default:
            out.append(ch)
        }
    }
    return out
}

/// Text for a Markdown code span: backticks inside are matched by a longer fence (CommonMark
/// §6.1), line breaks become spaces; in a table cell a pipe is escaped even inside the span
/// (GitHub's table extension splits cells before it parses code spans).
func markdownCode(_ text: String, inTable: Bool = true) -> String {
    var flat = text.replacingOccurrences(of: "\n", with: " ")
    if inTable { flat = flat.replacingOccurrences(of: "|", with: "\\|") }
    var longest = 0, run = 0
    for ch in flat {
        run = ch == "`" ? run + 1 : 0
        longest = max(longest, run)
    }
    let fence = String(repeating: "`", count: longest + 1)
    let pad = flat.hasPrefix("`") || flat.hasSuffix("`") ? " " : ""
    return fence + pad + flat + pad + fence
}
