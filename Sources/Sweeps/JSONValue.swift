import Foundation

/// A JSON value held as a Sendable tree, with the canonical encoding that sweep-run hashes are
/// computed from: object keys sorted by their UTF-8 bytes, no whitespace, strings escaped
/// minimally (`"`, `\` and control characters only), so two files that differ only in key order
/// or layout give the same bytes.
public indirect enum JSONValue: Sendable, Equatable {
    case string(String)
    case bool(Bool)
    /// A JSON number, as the decoder's text of it (problem files forbid numbers; kept so the
    /// decoder can name the field).
    case number(String)
    case null
    case array([JSONValue])
    case object([String: JSONValue])

    /// The tree of a `JSONSerialization` result.
    public init(any value: Any) {
        switch value {
        case let s as String: self = .string(s)
        case let n as NSNumber:
            self = String(cString: n.objCType) == "c" ? .bool(n.boolValue) : .number(n.stringValue)
        case let a as [Any]: self = .array(a.map(JSONValue.init(any:)))
        case let o as [String: Any]: self = .object(o.mapValues(JSONValue.init(any:)))
        default: self = .null
        }
    }

    /// Parses JSON text.
    public init(parsing data: Data) throws(SweepError) {
        do {
            self.init(any: try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]))
        } catch {
            throw .invalidJSON(reason: (error as NSError).localizedDescription)
        }
    }

    /// The canonical encoding (see the type's documentation).
    public var canonical: String {
        switch self {
        case .string(let s): return JSONValue.quoted(s)
        case .bool(let b): return b ? "true" : "false"
        case .number(let text): return text
        case .null: return "null"
        case .array(let a): return "[" + a.map(\.canonical).joined(separator: ",") + "]"
        case .object(let o):
            let keys = o.keys.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
            return "{" + keys.map { JSONValue.quoted($0) + ":" + o[$0]!.canonical }.joined(separator: ",") + "}"
        }
    }

    static func quoted(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    public var objectValue: [String: JSONValue]? { if case .object(let o) = self { o } else { nil } }
    public var stringValue: String? { if case .string(let s) = self { s } else { nil } }

    /// The value at a key path inside nested objects (nil when any step is missing).
    public subscript(path: [String]) -> JSONValue? {
        guard let first = path.first else { return self }
        return objectValue?[first]?[Array(path.dropFirst())]
    }

    /// The value at the key path `keys` (nil when any step is missing).
    public subscript(_ keys: String...) -> JSONValue? { self[keys] }

    /// This value with the one at `path` replaced (objects along the way are created).
    public func setting(_ path: [String], to value: JSONValue) -> JSONValue {
        guard let first = path.first else { return value }
        var o = objectValue ?? [:]
        o[first] = (o[first] ?? .object([:])).setting(Array(path.dropFirst()), to: value)
        return .object(o)
    }
}
