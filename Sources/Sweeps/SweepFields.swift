import MultiPrecision
import TwoLayerNet
import Verification

/// Typed access to one object of a sweep file, naming fields by their dotted path (the
/// counterpart, for sweep files, of the problem-file reader in TwoLayerNet).
struct SweepFields {
    let object: [String: JSONValue]
    let prefix: String

    init(_ value: JSONValue, path: String) throws(SweepError) {
        guard let o = value.objectValue else { throw .wrongType(field: path.isEmpty ? "(top level)" : path, expected: "an object") }
        object = o
        prefix = path
    }

    func path(_ key: String) -> String { prefix.isEmpty ? key : "\(prefix).\(key)" }

    /// Refuses keys outside `allowed` (a misspelt axis must not be silently ignored).
    func only(_ allowed: [String]) throws(SweepError) {
        if let unknown = object.keys.sorted().first(where: { !allowed.contains($0) }) { throw .unknownKey(field: path(unknown)) }
    }

    func value(_ key: String) throws(SweepError) -> JSONValue {
        guard let v = object[key], v != .null else { throw .missingField(field: path(key)) }
        return v
    }

    func optional(_ key: String) -> JSONValue? {
        guard let v = object[key], v != .null else { return nil }
        return v
    }

    func string(_ key: String) throws(SweepError) -> String {
        guard let s = try value(key).stringValue else { throw .wrongType(field: path(key), expected: "a decimal string") }
        return s
    }

    func optionalObject(_ key: String) throws(SweepError) -> SweepFields? {
        guard let v = optional(key) else { return nil }
        return try SweepFields(v, path: path(key))
    }

    /// A non-empty array; `each` converts the element at its path.
    func list<T>(_ key: String, _ each: (JSONValue, String) throws(SweepError) -> T) throws(SweepError) -> [T]? {
        guard let v = optional(key) else { return nil }
        guard case .array(let items) = v else { throw .wrongType(field: path(key), expected: "an array") }
        guard !items.isEmpty else { throw .invalidValue(field: path(key), text: "[]", reason: "is empty: an axis needs at least one value") }
        var out: [T] = []
        for (i, item) in items.enumerated() { out.append(try each(item, path(key) + "[\(i)]")) }
        return out
    }
}

/// Element converters for `SweepFields.list`.
enum SweepValue {
    static func string(_ v: JSONValue, _ field: String) throws(SweepError) -> String {
        guard let s = v.stringValue else { throw .wrongType(field: field, expected: "a decimal string") }
        return s
    }

    /// A decimal, parsed once as a problem file's numbers are (`ProblemError.decimal`).
    static func decimal(_ v: JSONValue, _ field: String) throws(SweepError) -> DecimalNumber {
        let s = try string(v, field)
        do {
            return try ProblemError.decimal(s, field: field)
        } catch {
            switch error {
            case .malformedNumber(_, _, let reason): throw .invalidValue(field: field, text: s, reason: "is not a number (\(reason))")
            case .invalidValue(_, _, let reason): throw .invalidValue(field: field, text: s, reason: reason)
            default: throw .invalidValue(field: field, text: s, reason: error.description)
            }
        }
    }

    static func integer(_ v: JSONValue, _ field: String, minimum: Int, maximum: Int = 1_000_000) throws(SweepError) -> Int {
        let s = try string(v, field)
        guard let n = Int(s), n >= minimum, n <= maximum else {
            throw .invalidValue(field: field, text: s, reason: "is not a whole number in \(minimum) … \(maximum)")
        }
        return n
    }

    static func seed(_ v: JSONValue, _ field: String) throws(SweepError) -> UInt64 {
        let s = try string(v, field)
        guard let n = UInt64(s) else { throw .invalidValue(field: field, text: s, reason: "is not a seed in 0 … 2^64 − 1") }
        return n
    }

    static func bool(_ v: JSONValue, _ field: String) throws(SweepError) -> Bool {
        guard case .bool(let b) = v else { throw .wrongType(field: field, expected: "true or false") }
        return b
    }

    static func expression(_ v: JSONValue, _ field: String) throws(SweepError) -> SampleSizeExpression {
        let s = try string(v, field)
        guard let e = SampleSizeExpression(s) else {
            throw .invalidValue(field: field, text: s, reason: "is not a sample size: an integer form in m, d, b such as \"3d + 2\"")
        }
        return e
    }

    static func family(_ v: JSONValue, _ field: String) throws(SweepError) -> JSONValue {
        guard let o = v.objectValue, o.count == 1, o.values.first?.objectValue != nil else {
            throw .wrongType(field: field, expected: "an object with one initialization family, e.g. {\"gaussian\": {\"layerScaleRatio\": \"1\"}}")
        }
        return v
    }
}
