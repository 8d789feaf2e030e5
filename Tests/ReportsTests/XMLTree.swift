import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A parsed XML element (Foundation's XMLParser, building a small tree), for checking the
/// structure of the SVG and MathML the reports write. Parsing fails on any document that is
/// not well-formed.
final class XMLElementNode {
    let name: String
    let attributes: [String: String]
    var children: [XMLElementNode] = []
    var text = ""
    weak var parent: XMLElementNode?

    init(name: String, attributes: [String: String]) {
        self.name = name
        self.attributes = attributes
    }

    /// This element and all below it, in document order.
    var descendants: [XMLElementNode] { [self] + children.flatMap(\.descendants) }

    func all(_ name: String) -> [XMLElementNode] { descendants.filter { $0.name == name } }

    /// The text of this element and everything below it.
    var allText: String { text + children.map(\.allText).joined() }

    func hasClass(_ c: String) -> Bool {
        (attributes["class"] ?? "").split(separator: " ").contains { $0 == c }
    }

    func double(_ attribute: String) -> Double? { attributes[attribute].flatMap(Double.init) }

    /// The parsed root element, or the parser's error.
    static func parse(_ text: String) -> Result<XMLElementNode, ParseFailure> {
        let builder = TreeBuilder()
        let parser = XMLParser(data: Data(text.utf8))
        parser.delegate = builder
        parser.shouldProcessNamespaces = false
        let ok = parser.parse()
        guard ok, let root = builder.root else {
            return .failure(ParseFailure(message: parser.parserError.map { "\($0)" } ?? "no root element",
                                         line: parser.lineNumber, column: parser.columnNumber))
        }
        return .success(root)
    }

    struct ParseFailure: Error, CustomStringConvertible {
        var message: String
        var line: Int, column: Int
        var description: String { "not well-formed at \(line):\(column): \(message)" }
    }
}

private final class TreeBuilder: NSObject, XMLParserDelegate {
    var root: XMLElementNode?
    var stack: [XMLElementNode] = []

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        let node = XMLElementNode(name: elementName, attributes: attributeDict)
        if let top = stack.last {
            node.parent = top
            top.children.append(node)
        } else {
            root = node
        }
        stack.append(node)
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        stack.removeLast()
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        stack.last?.text += string
    }
}

/// The substrings of `text` from each `<tag` to its matching `</tag>` (no nesting of the same
/// tag: true of <svg> and <math> in the reports).
func fragments(of tag: String, in text: String) -> [String] {
    var out: [String] = []
    var searchFrom = text.startIndex
    while let start = text.range(of: "<\(tag)", range: searchFrom..<text.endIndex),
          let end = text.range(of: "</\(tag)>", range: start.upperBound..<text.endIndex) {
        out.append(String(text[start.lowerBound..<end.upperBound]))
        searchFrom = end.upperBound
    }
    return out
}
