/// Greedy word wrap for SVG text, which does not wrap by itself: lines of at most `width`
/// characters (a longer word gets a line of its own), no empty lines.
func wrapWords(_ text: String, width: Int) -> [String] {
    var lines: [String] = [], line = ""
    for word in text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }) {
        if line.isEmpty {
            line = String(word)
        } else if line.count + 1 + word.count <= width {
            line += " " + word
        } else {
            lines.append(line)
            line = String(word)
        }
    }
    if !line.isEmpty { lines.append(line) }
    return lines
}
