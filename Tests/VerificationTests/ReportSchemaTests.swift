import Foundation
import MultiPrecision
import Testing
@testable import Verification

/// The drift check between `Report.json()` and schemas/report.schema.json, without Python:
/// reports built here with every optional field present, and with every one absent, are encoded
/// and walked alongside the schema. The full report's objects must carry exactly the schema's
/// `properties` (nothing the schema lists is never written), the bare one's exactly its
/// `required` (nothing optional in Swift is required by the schema), and every enum of the
/// schema must be exactly the Swift enum's raw values.
@Suite("report.json against schemas/report.schema.json")
struct ReportSchemaTests {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func schema() throws -> [String: Any] {
        let data = try Data(contentsOf: root.appendingPathComponent("schemas/report.schema.json"))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    static func encoded<T: Encodable>(_ value: T) throws -> Any {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = value is Report ? try (value as! Report).json() : try encoder.encode(value)
        return try JSONSerialization.jsonObject(with: data)
    }

    @Test("every optional present: valid, and each object carries exactly the schema's properties")
    func everyOptionalPresent() throws {
        let schema = try Self.schema()
        let walk = SchemaWalk(root: schema)
        walk.check(try Self.encoded(Samples.full()), schema, at: "full", def: "Report")
        #expect(walk.errors == [])
        let defs = try #require(schema["$defs"] as? [String: Any])
        for (def, keySets) in walk.seen {
            let object = try #require(def == "Report" ? schema : defs[def] as? [String: Any])
            let properties = Set((object["properties"] as? [String: Any] ?? [:]).keys)
            for keys in Set(keySets) {
                #expect(keys == properties, "\(def): encoded \(keys.sorted()), schema properties \(properties.sorted())")
            }
        }
        let objectDefs = Set(defs.filter { ($0.value as? [String: Any])?["type"] as? String == "object" }.keys)
        #expect(Set(walk.seen.keys) == objectDefs.union(["Report"]), "every object type of the schema was reached")
    }

    @Test("every optional absent: valid, and each object carries exactly the schema's required keys")
    func everyOptionalAbsent() throws {
        let schema = try Self.schema()
        let walk = SchemaWalk(root: schema)
        walk.check(try Self.encoded(Samples.bare()), schema, at: "bare", def: "Report")
        // A ladder is itself optional in a claim, so its own bare form is checked on its own.
        let defs = try #require(schema["$defs"] as? [String: Any])
        walk.check(try Self.encoded(Samples.bareLadder()), try #require(defs["LadderResult"] as? [String: Any]),
                   at: "bareLadder", def: "LadderResult")
        // So are readings; a reading has no optional field.
        let reading = try #require(Samples.full().claims.first?.readings?.first)
        walk.check(try Self.encoded(reading), try #require(defs["Reading"] as? [String: Any]), at: "reading", def: "Reading")
        #expect(walk.errors == [])
        for (def, keySets) in walk.seen {
            let object = try #require(def == "Report" ? schema : defs[def] as? [String: Any])
            let required = Set(object["required"] as? [String] ?? [])
            for keys in Set(keySets) {
                #expect(keys == required, "\(def): encoded \(keys.sorted()), schema requires \(required.sorted())")
            }
        }
        let objectDefs = Set(defs.filter { ($0.value as? [String: Any])?["type"] as? String == "object" }.keys)
        #expect(Set(walk.seen.keys) == objectDefs.union(["Report"]), "every object type of the schema was reached")
    }

    @Test("a report where every claim holds validates with exit code 0; exit codes tied to verdicts")
    func exitCodes() throws {
        let schema = try Self.schema()
        let holds = try #require(Self.encoded(Samples.allHold()) as? [String: Any])
        #expect(holds["exitCode"] as? Int == 0)
        let walk = SchemaWalk(root: schema)
        walk.check(holds, schema, at: "holds", def: "Report")
        #expect(walk.errors == [])
        var wrong = holds
        wrong["exitCode"] = 2
        let rejected = SchemaWalk(root: schema)
        rejected.check(wrong, schema, at: "wrong", def: "Report")
        #expect(!rejected.errors.isEmpty, "exit code 2 with verdict holds is rejected")
    }

    /// The walk must be able to fail: drifted documents are rejected.
    @Test("drift is caught: an extra key, a null optional, a missing key, an unknown enum value, a range")
    func driftIsCaught() throws {
        let schema = try Self.schema()
        let good = try #require(Self.encoded(Samples.full()) as? [String: Any])
        func rejects(_ name: String, _ mutate: (inout [String: Any]) -> Void) {
            var doc = good
            mutate(&doc)
            let walk = SchemaWalk(root: schema)
            walk.check(doc, schema, at: name, def: "Report")
            #expect(!walk.errors.isEmpty, "\(name) should be rejected")
        }
        func firstClaim(_ doc: inout [String: Any], _ change: (inout [String: Any]) -> Void) {
            var claims = doc["claims"] as! [Any]
            var claim = claims[0] as! [String: Any]
            change(&claim)
            claims[0] = claim
            doc["claims"] = claims
        }
        rejects("extra key") { $0["extra"] = 1 }
        rejects("missing key") { $0.removeValue(forKey: "counts") }
        rejects("null optional") { doc in firstClaim(&doc) { $0["digits"] = NSNull() } }
        rejects("unknown verdict") { doc in firstClaim(&doc) { $0["verdict"] = "maybe" } }
        rejects("negative digits") { doc in firstClaim(&doc) { $0["digits"] = -1.0 } }
        rejects("claim id 13") { doc in
            firstClaim(&doc) { claim in
                var info = claim["claim"] as! [String: Any]
                info["id"] = 13
                claim["claim"] = info
            }
        }
        rejects("string for a number") { $0["seconds"] = "1" }
        rejects("number for a boolean") { doc in
            var options = doc["options"] as! [String: Any]
            options["quick"] = 1
            doc["options"] = options
        }
        rejects("boolean for a number") { $0["seconds"] = true }
        rejects("readings without their sentence") { doc in firstClaim(&doc) { $0.removeValue(forKey: "verdictSummary") } }
        rejects("a reading with an unknown verdict") { doc in
            firstClaim(&doc) { claim in
                var readings = claim["readings"] as! [[String: Any]]
                readings[0]["verdict"] = "refuted"
                claim["readings"] = readings
            }
        }
        rejects("a reading without comparisons") { doc in
            firstClaim(&doc) { claim in
                var readings = claim["readings"] as! [[String: Any]]
                readings[0]["comparisons"] = [Int]()
                claim["readings"] = readings
            }
        }
        rejects("a point of three numbers") { doc in
            firstClaim(&doc) { claim in
                var figures = claim["figures"] as! [[String: Any]]
                var series = figures[0]["series"] as! [[String: Any]]
                series[0]["points"] = [[1.0, 2.0, 3.0]]
                figures[0]["series"] = series
                claim["figures"] = figures
            }
        }
    }

    @Test("the schema's enums are exactly the Swift enums' raw values")
    func enums() throws {
        let schema = try Self.schema()
        let defs = try #require(schema["$defs"] as? [String: Any])
        func values(_ path: [String]) -> Set<String> {
            var node: Any? = defs
            for key in path { node = (node as? [String: Any])?[key] }
            return Set((node as? [String: Any])?["enum"] as? [String] ?? [])
        }
        #expect(values(["Verdict"]) == Set(Verdict.allCases.map(\.rawValue)))
        #expect(values(["ClaimInfo", "properties", "status"]) == Set(Samples.statuses.map(\.rawValue)))
        #expect(values(["Comparison", "properties", "relation"]) == Set(Samples.relations.map(\.rawValue)))
        #expect(values(["Scale"]) == Set(Samples.scales.map(\.rawValue)))
        #expect(values(["Series", "properties", "style"]) == Set(Samples.styles.map(\.rawValue)))
    }
}

/// Reports built to cover the schema: `full` has every optional field present and every enum
/// value used; `bare` has every optional field absent.
enum Samples {
    // Exhaustive switches: a new case in Verification stops the build here, so these lists
    // (and the schema's enums, compared in `enums()`) are updated with it.
    static let statuses: [ClaimInfo.Status] = [.derived, .paper, .paperAndDerived, .paperEmpirical, .derivedExact]
    static let relations: [Comparison.Relation] = [.atMost, .atLeast]
    static let scales: [Figure.Scale] = [.linear, .log]
    static let styles: [Figure.Series.Style] = [.line, .points, .reference]
    static func exhaustive(_ s: ClaimInfo.Status, _ r: Comparison.Relation, _ c: Figure.Scale, _ y: Figure.Series.Style) {
        switch s { case .derived, .paper, .paperAndDerived, .paperEmpirical, .derivedExact: break }
        switch r { case .atMost, .atLeast: break }
        switch c { case .linear, .log: break }
        switch y { case .line, .points, .reference: break }
    }

    static let context = CheckContext(precision: Rung(bits: 256), ladder: Rung.defaultLadder, quick: true)
    static let created = Date(timeIntervalSince1970: 1_800_000_000)

    static func info(_ id: Int, _ status: ClaimInfo.Status, latex: String?) -> ClaimInfo {
        ClaimInfo(id: id, title: "claim \(id)", status: status, statement: "statement \(id)", latex: latex,
                  hypotheses: ["hypothesis"], quantities: ["quantity"])
    }

    static func figure(_ id: Int) -> Figure {
        Figure(id: "claim-\(id < 10 ? "0" : "")\(id)-sample", title: "title", xLabel: "x", yLabel: "y",
               xScale: .log, yScale: .linear,
               series: styles.map { Figure.Series(label: $0.rawValue, style: $0, points: [(1, 2), (10, 3), (.nan, 1)]) },
               caption: "caption")
    }

    static func point(_ bits: Int, full: Bool) -> LadderPoint {
        LadderPoint(rung: Rung(bits: bits), toleranceBits: full ? bits - 3 : nil, value: "0.333",
                    relativeError: full ? 1e-3 : nil, digits: 3, seconds: 0.01,
                    flags: full && bits == 53 ? ["absorption", "cancellation", "underflow"] : [])
    }

    static func ladder(full: Bool) -> LadderResult {
        LadderResult(quantity: "q", reference: "closed form 1/3",
                     points: [53, 128, 256].map { point($0, full: full) },
                     roundingSweep: [64, 128].map { point($0, full: full) },
                     toleranceSweep: [256].map { point($0, full: full) },
                     fixedToleranceBits: full ? 100 : nil, fixedPrecisionBits: full ? 256 : nil,
                     precisionNeeded: [PrecisionNeed(scale: "1e-30", digitsWanted: 10,
                                                     measuredBits: full ? 256 : nil, log10InverseScale: 30)])
    }

    /// A claim whose comparisons all carry every optional field, with the given verdict.
    static func fullClaim(_ id: Int, _ status: ClaimInfo.Status, _ verdict: Verdict) -> ClaimResult {
        var outcome = ClaimOutcome()
        let measured: Double, bound: Double, u: Double
        switch verdict {
        case .holds: (measured, bound, u) = (1e-10, 1e-8, 1e-12)
        case .fails: (measured, bound, u) = (1e-3, 1e-6, 1e-9)
        case .undecided: (measured, bound, u) = (1e-8, 1.5e-8, 1e-8)
        }
        outcome.comparisons = [
            Comparison(quantity: "drift", measured: measured, relation: .atMost, bound: bound, boundReason: "bound",
                       uncertainty: u, uncertaintySource: "ladder", reference: "closed form", agreementDigits: 9, failBound: bound),
            Comparison(quantity: "separation", measured: 1, relation: .atLeast, bound: 1e-3, boundReason: "bound",
                       uncertainty: 1e-9, uncertaintySource: "ladder", reference: "prediction", agreementDigits: 12, failBound: 0),
        ]
        outcome.readings = [Reading.Draft(
            id: "\(id)a", title: "reading", meaning: "What the reading asserts.",
            comparisons: [Comparison(quantity: "(\(id)a) mean increment", measured: 1e-6, relation: .atMost, bound: 1e-3,
                                     boundReason: "bound", uncertainty: 1e-9, uncertaintySource: "interval",
                                     reference: "closed form", agreementDigits: 3, failBound: 1e-2)])]
        outcome.figures = [figure(id)]
        outcome.notes = ["note"]
        outcome.ladder = ladder(full: true)
        return ClaimResult(claim: info(id, status, latex: #"\frac{dC}{dt} = 0"#), outcome: outcome,
                           precision: Rung(bits: id == 1 ? 53 : 256), seconds: 0.5)
    }

    static func full() -> Report {
        let verdicts: [Verdict] = [.holds, .fails, .undecided, .holds, .holds]
        let claims = zip(statuses, verdicts).enumerated().map { i, sv in fullClaim([1, 4, 7, 11, 12][i], sv.0, sv.1) }
        return Report(claims: claims, context: context, seconds: 3, created: created)
    }

    static func allHold() -> Report {
        Report(claims: [fullClaim(2, .derived, .holds), fullClaim(3, .paper, .holds)], context: context,
               seconds: 1, created: created)
    }

    /// Every optional absent: no LaTeX, a measurement out of double range (no measured value,
    /// no margin), a bound below double's range and an infinite uncertainty (no doubles for
    /// them), no reference, no agreement digits, no ladder.
    static func bare() -> Report {
        var outcome = ClaimOutcome()
        outcome.comparisons = [Comparison(quantity: "drift", measured: BigFloat(Double.infinity), relation: .atMost,
                                          bound: BigFloat.power2(-2000), boundReason: "bound",
                                          uncertainty: BigFloat(Double.infinity), uncertaintySource: "none")]
        outcome.figures = [figure(5)]
        let claim = ClaimResult(claim: info(5, .paper, latex: nil), outcome: outcome, precision: Rung(bits: 256),
                                seconds: 0.1)
        return Report(claims: [claim], context: context, seconds: 0.1, created: created)
    }

    static func bareLadder() -> LadderResult { ladder(full: false) }
}

/// Walks a JSON document (as JSONSerialization returns it) alongside the subset of JSON Schema
/// 2020-12 that schemas/report.schema.json uses, collecting errors and, per `$defs` entry, the
/// key sets of the objects it described. A keyword outside the subset is an error, so the
/// schema cannot grow past what this check understands.
final class SchemaWalk {
    let root: [String: Any]
    var errors: [String] = []
    var seen: [String: [Set<String>]] = [:]

    init(root: [String: Any]) { self.root = root }

    static let annotations: Set<String> = ["$schema", "$id", "title", "description", "$comment", "$defs"]

    /// Whether `instance` satisfies `schema` (for `if`): a walk of its own, nothing recorded.
    func satisfies(_ instance: Any, _ schema: Any) -> Bool {
        let probe = SchemaWalk(root: root)
        probe.check(instance, schema, at: "", def: nil)
        return probe.errors.isEmpty
    }

    func check(_ instance: Any, _ schemaValue: Any, at path: String, def: String?) {
        if let allowed = schemaValue as? Bool {
            if !allowed { errors.append("\(path): not allowed here") }
            return
        }
        guard let schema = schemaValue as? [String: Any] else {
            errors.append("\(path): the schema is neither an object nor a boolean")
            return
        }
        for key in schema.keys.sorted() {
            let value = schema[key]!
            switch key {
            case _ where Self.annotations.contains(key), "then", "else", "additionalProperties", "prefixItems":
                continue  // read with "if", "properties" and "items"
            case "properties":
                guard let object = instance as? [String: Any], let properties = value as? [String: Any] else { continue }
                for (name, member) in object {
                    if let sub = properties[name] {
                        check(member, sub, at: path + "/" + name, def: nil)
                    } else if let extra = schema["additionalProperties"] {
                        check(member, extra, at: path + "/" + name, def: nil)
                    }
                }
            case "required":
                guard let object = instance as? [String: Any] else { continue }
                for name in value as? [String] ?? [] where object[name] == nil {
                    errors.append("\(path): missing required \(name)")
                }
            case "dependentRequired":
                guard let object = instance as? [String: Any] else { continue }
                for (present, needed) in value as? [String: [String]] ?? [:] where object[present] != nil {
                    for name in needed where object[name] == nil {
                        errors.append("\(path): \(present) without \(name)")
                    }
                }
            case "$ref":
                let ref = value as? String ?? ""
                let name = String(ref.dropFirst("#/$defs/".count))
                guard ref.hasPrefix("#/$defs/"), let target = (root["$defs"] as? [String: Any])?[name] else {
                    errors.append("\(path): unresolved $ref \(ref)")
                    continue
                }
                check(instance, target, at: path, def: name)
            case "type":
                checkType(instance, schema, value as? String ?? "", at: path, def: def)
            case "items":
                guard let array = instance as? [Any] else { continue }
                let prefix = schema["prefixItems"] as? [Any] ?? []
                for (i, element) in array.enumerated() {
                    check(element, i < prefix.count ? prefix[i] : value, at: "\(path)/\(i)", def: nil)
                }
            case "enum":
                let options = value as? [Any] ?? []
                if !options.contains(where: { JSONValue.equal($0, instance) }) {
                    errors.append("\(path): \(instance) is not one of \(options)")
                }
            case "const":
                if !JSONValue.equal(value, instance) { errors.append("\(path): \(instance) is not \(value)") }
            case "minimum":
                if let x = JSONValue.number(instance), let m = JSONValue.number(value), x < m {
                    errors.append("\(path): \(x) < minimum \(m)")
                }
            case "maximum":
                if let x = JSONValue.number(instance), let m = JSONValue.number(value), x > m {
                    errors.append("\(path): \(x) > maximum \(m)")
                }
            case "minLength":
                if let s = instance as? String, let m = JSONValue.number(value), Double(s.count) < m {
                    errors.append("\(path): \"\(s)\" shorter than \(m)")
                }
            case "pattern":
                if let s = instance as? String, s.range(of: value as? String ?? "", options: .regularExpression) == nil {
                    errors.append("\(path): \"\(s)\" does not match \(value)")
                }
            case "minItems":
                if let a = instance as? [Any], let m = JSONValue.number(value), Double(a.count) < m {
                    errors.append("\(path): \(a.count) items, fewer than \(m)")
                }
            case "uniqueItems":
                if let a = instance as? [Any], value as? Bool == true {
                    let texts = a.map { "\($0)" }
                    if Set(texts).count != texts.count { errors.append("\(path): items not unique") }
                }
            case "allOf":
                for (i, sub) in (value as? [Any] ?? []).enumerated() { check(instance, sub, at: path + "/allOf\(i)", def: nil) }
            case "if":
                if satisfies(instance, value) {
                    if let then = schema["then"] { check(instance, then, at: path, def: nil) }
                } else if let otherwise = schema["else"] {
                    check(instance, otherwise, at: path, def: nil)
                }
            default:
                errors.append("\(path): keyword \(key) is outside the subset this check understands")
            }
        }
    }

    func checkType(_ instance: Any, _ schema: [String: Any], _ type: String, at path: String, def: String?) {
        switch type {
        case "object":
            guard let object = instance as? [String: Any] else { return errors.append("\(path): not an object") }
            if schema["additionalProperties"] as? Bool != false {
                errors.append("\(path): an open object (additionalProperties is not false)")
            }
            if let def { seen[def, default: []].append(Set(object.keys)) }
        case "array":
            if !(instance is [Any]) { errors.append("\(path): not an array") }
        case "string":
            if !(instance is String) { errors.append("\(path): \(instance) is not a string") }
        case "boolean":
            if !JSONValue.isBool(instance) { errors.append("\(path): \(instance) is not a boolean") }
        case "number":
            if JSONValue.number(instance) == nil { errors.append("\(path): \(instance) is not a number") }
        case "integer":
            if let x = JSONValue.number(instance), x == x.rounded() {} else {
                errors.append("\(path): \(instance) is not an integer")
            }
        default:
            errors.append("\(path): type \(type) is outside the subset this check understands")
        }
    }
}

/// JSON scalars as JSONSerialization returns them (NSNumber for numbers and booleans alike).
enum JSONValue {
    static func isBool(_ x: Any) -> Bool {
        guard let n = x as? NSNumber else { return false }
        return n === (true as NSNumber) || n === (false as NSNumber) || String(cString: n.objCType) == "c"
    }

    static func number(_ x: Any) -> Double? {
        guard !(x is String), !isBool(x), let n = x as? NSNumber else { return nil }
        return n.doubleValue
    }

    static func equal(_ a: Any, _ b: Any) -> Bool {
        if let s = a as? String { return (b as? String) == s }
        if isBool(a) || isBool(b) { return isBool(a) && isBool(b) && (a as? NSNumber)?.boolValue == (b as? NSNumber)?.boolValue }
        if let x = number(a), let y = number(b) { return x == y }
        return false
    }
}
