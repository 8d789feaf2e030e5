import Foundation
import MultiPrecision

/// A JSON value as RFC 8259 defines it, read strictly: no trailing commas, comments, NaN,
/// leading zeros, duplicate keys or unescaped control characters, and at most
/// `StrictJSON.maximumDepth` levels of nesting. Numbers keep their text (a problem file's
/// numbers are decimal strings; a bare number is a type error the reader names).
enum JSONValue: Equatable {
    case object([String: JSONValue])
    case array([JSONValue])
    case string(String)
    case number(String)
    case bool(Bool)
    case null

    /// The JSON type's name, for "expected … but found …" messages.
    var typeName: String {
        switch self {
        case .object: return "an object"
        case .array: return "an array"
        case .string: return "a string"
        case .number: return "a bare number"
        case .bool: return "a boolean"
        case .null: return "null"
        }
    }
}

/// A syntax error at a 1-based line and column (columns count characters).
struct JSONSyntaxError: Error {
    let line: Int
    let column: Int
    let reason: String
}

/// A strict JSON reader over UTF-8 bytes that reports the line and column of the first error.
struct StrictJSON {
    static let maximumDepth = 64

    private let bytes: [UInt8]
    private var i = 0
    private var depth = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// Parses one JSON document (surrounding white space allowed, nothing else).
    static func parse(_ bytes: [UInt8]) throws(JSONSyntaxError) -> JSONValue {
        var p = StrictJSON(bytes)
        if p.bytes.starts(with: [0xEF, 0xBB, 0xBF]) { p.i = 3 }
        p.skipSpace()
        let v = try p.value()
        p.skipSpace()
        if p.i < p.bytes.count { throw p.fail("unexpected \(p.found) after the end of the document") }
        return v
    }

    private func fail(_ reason: String, at index: Int? = nil) -> JSONSyntaxError {
        let end = min(index ?? i, bytes.count)
        var line = 1, column = 1
        for b in bytes[..<end] {
            if b == 0x0A { line += 1; column = 1 } else if b & 0xC0 != 0x80 { column += 1 }
        }
        return JSONSyntaxError(line: line, column: column, reason: reason)
    }

    private var found: String {
        guard i < bytes.count else { return "end of input" }
        let b = bytes[i]
        return b >= 0x21 && b < 0x7F ? "'\(Character(UnicodeScalar(b)))'" : String(format: "byte 0x%02X", b)
    }

    private mutating func skipSpace() {
        while i < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[i]) { i += 1 }
    }

    private mutating func value() throws(JSONSyntaxError) -> JSONValue {
        guard i < bytes.count else { throw fail("expected a value, found the end of input") }
        switch bytes[i] {
        case UInt8(ascii: "{"): return try object()
        case UInt8(ascii: "["): return try array()
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try number())
        default: throw fail("expected a value, found \(found)")
        }
    }

    private mutating func literal(_ word: String) throws(JSONSyntaxError) {
        let w = Array(word.utf8)
        guard bytes.count - i >= w.count, Array(bytes[i..<(i + w.count)]) == w else { throw fail("expected a value, found \(found)") }
        i += w.count
    }

    private mutating func nest() throws(JSONSyntaxError) {
        depth += 1
        if depth > StrictJSON.maximumDepth { throw fail("nesting deeper than \(StrictJSON.maximumDepth) levels") }
    }

    private mutating func object() throws(JSONSyntaxError) -> JSONValue {
        try nest()
        defer { depth -= 1 }
        i += 1
        var members: [String: JSONValue] = [:]
        skipSpace()
        if i < bytes.count, bytes[i] == UInt8(ascii: "}") { i += 1; return .object(members) }
        while true {
            skipSpace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else {
                throw fail(i < bytes.count && bytes[i] == UInt8(ascii: "}") ? "trailing comma before '}'" : "expected a key in double quotes, found \(found)")
            }
            let keyStart = i
            let key = try string()
            if members[key] != nil { throw fail("duplicate key \"\(DecimalSyntax.excerpt(key))\"", at: keyStart) }
            skipSpace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { throw fail("expected ':' after a key, found \(found)") }
            i += 1
            skipSpace()
            members[key] = try value()
            skipSpace()
            guard i < bytes.count else { throw fail("expected ',' or '}', found the end of input") }
            if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
            if bytes[i] == UInt8(ascii: "}") { i += 1; return .object(members) }
            throw fail("expected ',' or '}', found \(found)")
        }
    }

    private mutating func array() throws(JSONSyntaxError) -> JSONValue {
        try nest()
        defer { depth -= 1 }
        i += 1
        var elements: [JSONValue] = []
        skipSpace()
        if i < bytes.count, bytes[i] == UInt8(ascii: "]") { i += 1; return .array(elements) }
        while true {
            skipSpace()
            if i < bytes.count, bytes[i] == UInt8(ascii: "]") { throw fail("trailing comma before ']'") }
            elements.append(try value())
            skipSpace()
            guard i < bytes.count else { throw fail("expected ',' or ']', found the end of input") }
            if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
            if bytes[i] == UInt8(ascii: "]") { i += 1; return .array(elements) }
            throw fail("expected ',' or ']', found \(found)")
        }
    }

    private mutating func number() throws(JSONSyntaxError) -> String {
        let start = i
        func digits() -> Int { let s = i; while i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39 { i += 1 }; return i - s }
        if bytes[i] == UInt8(ascii: "-") { i += 1 }
        let intStart = i
        let n = digits()
        if n == 0 { throw fail("expected a digit, found \(found)") }
        if n > 1, bytes[intStart] == UInt8(ascii: "0") { throw fail("a number may not have a leading zero", at: intStart) }
        if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
            i += 1
            if digits() == 0 { throw fail("expected a digit after '.', found \(found)") }
        }
        if i < bytes.count, bytes[i] | 0x20 == UInt8(ascii: "e") {
            i += 1
            if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
            if digits() == 0 { throw fail("expected exponent digits, found \(found)") }
        }
        return String(decoding: bytes[start..<i], as: UTF8.self)
    }

    private mutating func string() throws(JSONSyntaxError) -> String {
        let open = i
        i += 1
        var out: [UInt8] = []
        while true {
            guard i < bytes.count else { throw fail("unterminated string (opened at column \(fail("", at: open).column))") }
            let b = bytes[i]
            if b == UInt8(ascii: "\"") { i += 1; break }
            if b < 0x20 { throw fail("control character \(String(format: "0x%02X", b)) in a string (escape it)") }
            if b != UInt8(ascii: "\\") { out.append(b); i += 1; continue }
            i += 1
            guard i < bytes.count else { throw fail("unterminated escape") }
            let e = bytes[i]
            i += 1
            switch e {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"): out.append(contentsOf: try unicodeEscape())
            default: i -= 1; throw fail("invalid escape '\\\(found)'")
            }
        }
        guard let s = String(validating: out, as: UTF8.self) else { throw fail("invalid UTF-8 in the string opened here", at: open) }
        return s
    }

    private mutating func hex4() throws(JSONSyntaxError) -> UInt32 {
        guard bytes.count - i >= 4 else { throw fail("expected 4 hex digits after \\u") }
        var v: UInt32 = 0
        for _ in 0..<4 {
            guard let d = Character(UnicodeScalar(bytes[i])).hexDigitValue else { throw fail("expected a hex digit, found \(found)") }
            v = v * 16 + UInt32(d)
            i += 1
        }
        return v
    }

    /// The UTF-8 bytes of a \uXXXX escape (a surrogate pair takes two).
    private mutating func unicodeEscape() throws(JSONSyntaxError) -> [UInt8] {
        var v = try hex4()
        if (0xD800...0xDBFF).contains(v) {
            guard bytes.count - i >= 6, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") else {
                throw fail("unpaired surrogate \\u\(String(v, radix: 16))")
            }
            i += 2
            let low = try hex4()
            guard (0xDC00...0xDFFF).contains(low) else { throw fail("unpaired surrogate \\u\(String(v, radix: 16))") }
            v = 0x10000 + ((v - 0xD800) << 10) + (low - 0xDC00)
        } else if (0xDC00...0xDFFF).contains(v) {
            throw fail("unpaired surrogate \\u\(String(v, radix: 16))")
        }
        return Array(String(Character(UnicodeScalar(v)!)).utf8)
    }
}
