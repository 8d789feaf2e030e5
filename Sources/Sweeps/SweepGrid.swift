import Foundation
import TwoLayerNet
import Verification

/// The runs of a sweep: every grid point × seed pair, instantiated through the problem-file
/// decoder (`ProblemSpec(json:)`), so each run is exactly a valid problem file. Sizes are
/// checked before anything is expanded: every axis value, every n range at every (m, d, b),
/// and the total against `SweepSpec.runLimit`. Order: m, d, bias, activation, ε,
/// initialization, n, then the seed pairs (innermost).
public struct SweepGrid: Sendable {
    public let runs: [SweepRun]

    public init(_ sweep: SweepSpec,
                expressionActivation: ((String) throws -> any ExpressionActivation)? = nil) throws(SweepError) {
        let t = Template(sweep.template)
        let shape = try Shape(sweep, t)
        let (widths, dims, biases, pairs) = (shape.widths, shape.dims, shape.biases, sweep.seeds.pairs)
        let (sampleSizes, total) = (shape.sampleSizes, shape.total)

        var runs: [SweepRun] = []
        runs.reserveCapacity(total)
        var cell = 0
        for m in widths { for d in dims { for b in biases {
            let ns = sampleSizes[cell]
            cell += 1
            for activation in sweep.axes.activation.map({ $0.map(Optional.some) }) ?? [nil] {
                for scale in sweep.axes.scale.map({ $0.map(Optional.some) }) ?? [nil] {
                    for family in sweep.axes.initialization.map({ $0.map(Optional.some) }) ?? [nil] {
                        for n in ns { for (dataSeed, initSeed) in pairs {
                            var p = t.value
                            if sweep.axes.width != nil { p = p.setting(["network", "width"], to: .string(String(m))) }
                            if sweep.axes.inputDimension != nil { p = try t.settingDimension(p, d) }
                            if sweep.axes.bias != nil { p = p.setting(["network", "bias"], to: .bool(b)) }
                            if let activation { p = p.setting(["network", "activation"], to: .string(activation)) }
                            if let scale { p = p.setting(["initialization", "scale"], to: .string(scale.text)) }
                            if sweep.axes.sampleSize != nil { p = p.setting(["data", try t.dataKind(), "n"], to: .string(String(n))) }
                            if let dataSeed { p = p.setting(["data", try t.dataKind(), "seed"], to: .string(String(dataSeed))) }
                            p = try t.settingInitialization(p, family: family, seed: initSeed)
                            runs.append(try SweepGrid.instantiate(p, index: runs.count, policy: sweep.policy,
                                                                  expressionActivation: expressionActivation))
                        } }
                    }
                }
            }
        } } }
        self.runs = runs
    }

    /// The number of runs `init` expands `sweep` to, without instantiating them (the same checks
    /// of the template and the n axis, and the same limit).
    public static func runCount(_ sweep: SweepSpec) throws(SweepError) -> Int {
        try Shape(sweep, Template(sweep.template)).total
    }

    /// The grid's axes and sizes: the n values at every (m, d, b), in expansion order, and the
    /// total number of runs (at most `SweepSpec.runLimit`).
    struct Shape {
        let widths: [Int], dims: [Int], biases: [Bool]
        var sampleSizes: [[Int]] = []
        var total = 0

        init(_ sweep: SweepSpec, _ t: Template) throws(SweepError) {
            var widths = sweep.axes.width ?? []
            if widths.isEmpty { widths = [try t.integer(["network", "width"])] }
            var dims = sweep.axes.inputDimension ?? []
            if dims.isEmpty { dims = [try t.integer(["network", "inputDimension"])] }
            (self.widths, self.dims) = (widths, dims)
            biases = sweep.axes.bias ?? [t.value["network", "bias"].flatMap { if case .bool(let b) = $0 { b } else { nil } } ?? false]
            if sweep.axes.sampleSize != nil || sweep.seeds.data != nil { _ = try t.dataKind() }
            if sweep.axes.initialization == nil, sweep.seeds.initialization != nil { _ = try t.familyWithSeed() }
            let perN = [sweep.axes.activation?.count ?? 1, sweep.axes.scale?.count ?? 1,
                        sweep.axes.initialization?.count ?? 1, sweep.seeds.pairs.count].reduce(1, *)
            for m in widths { for d in dims { for b in biases {
                let ns = try SweepGrid.sampleSizes(sweep.axes.sampleSize, t, m: m, d: d, bias: b)
                sampleSizes.append(ns)
                let (product, overflow) = ns.count.multipliedReportingOverflow(by: perN)
                total = overflow ? Int.max : total.addingReportingOverflow(product).overflow ? Int.max : total + product
                if total > SweepSpec.runLimit { throw .tooManyRuns(count: "more than \(SweepSpec.runLimit)", limit: SweepSpec.runLimit) }
            } } }
        }
    }

    /// The n values at (m, d, b): the axis, or the template's n; each must be ≥ 1.
    static func sampleSizes(_ axis: SweepAxes.SampleSizeAxis?, _ t: Template, m: Int, d: Int, bias: Bool) throws(SweepError) -> [Int] {
        guard let axis else { return [0] }  // a placeholder: the template's own n is kept
        let ns = axis.values(m: m, d: d, bias: bias)
        guard !ns.isEmpty else {
            throw .invalidValue(field: "axes.n", text: "m=\(m) d=\(d) b=\(bias ? 1 : 0)", reason: "gives an empty range (from > to)")
        }
        if let bad = ns.first(where: { $0 < 1 || $0 > 1_000_000 }) {
            throw .invalidValue(field: "axes.n", text: String(bad), reason: "at m=\(m) d=\(d) b=\(bias ? 1 : 0) is not a sample size in 1 … 1000000")
        }
        return ns
    }

    static func instantiate(_ p: JSONValue, index: Int, policy: RecoveryPolicy,
                            expressionActivation: ((String) throws -> any ExpressionActivation)?) throws(SweepError) -> SweepRun {
        do {
            let spec = try ProblemSpec(json: Data(p.canonical.utf8), expressionActivation: expressionActivation)
            return SweepRun(index: index, problem: p, spec: spec, policy: policy)
        } catch {
            throw .invalidPoint(point: SweepGrid.pointLabel(p), problemError: error.description)
        }
    }

    /// The axis values of a problem file that failed to decode, as far as they can be read.
    static func pointLabel(_ p: JSONValue) -> String {
        let keys: [(String, [String])] = [("m", ["network", "width"]), ("d", ["network", "inputDimension"]),
                                          ("bias", ["network", "bias"]), ("σ", ["network", "activation"]),
                                          ("ε", ["initialization", "scale"])]
        return "(" + keys.compactMap { name, path in p[path].map { "\(name)=\($0.stringValue ?? $0.canonical)" } }.joined(separator: " ") + ")"
    }
}

/// The template's fields that the axes replace.
struct Template {
    let value: JSONValue

    init(_ value: JSONValue) { self.value = value }

    func integer(_ path: [String]) throws(SweepError) -> Int {
        let field = "template." + path.joined(separator: ".")
        guard let text = value[path]?.stringValue else { throw .missingField(field: field + " (or an axis for it)") }
        guard let n = Int(text), n >= 1 else { throw .invalidValue(field: field, text: text, reason: "is not a whole number ≥ 1") }
        return n
    }

    /// "gaussian" or "uniform": the data sources an n axis and data seeds apply to.
    func dataKind() throws(SweepError) -> String {
        let kinds = value["data"]?.objectValue?.keys.sorted() ?? []
        guard kinds.count == 1, let kind = kinds.first, kind == "gaussian" || kind == "uniform" else {
            throw .invalidValue(field: "template.data", text: kinds.joined(separator: ","),
                                reason: "must be one gaussian or uniform source for an n axis or data seeds")
        }
        return kind
    }

    /// The template's initialization family, checked to take a seed.
    func familyWithSeed() throws(SweepError) -> String {
        let families = (value["initialization"]?.objectValue?.keys.sorted() ?? []).filter { $0 != "scale" }
        guard families.count == 1, let f = families.first, f != "explicit" else {
            throw .invalidValue(field: "template.initialization", text: families.joined(separator: ","),
                                reason: "must name one seeded family for initialization seeds")
        }
        return f
    }

    /// d set in the network, and in the data's optional "d" and the default-length checks.
    func settingDimension(_ p: JSONValue, _ d: Int) throws(SweepError) -> JSONValue {
        var p = p.setting(["network", "inputDimension"], to: .string(String(d)))
        if let kind = try? dataKind(), p["data", kind, "d"] != nil { p = p.setting(["data", kind, "d"], to: .string(String(d))) }
        return p
    }

    /// The initialization family replaced by `family` (when given) and its seed by `seed`.
    func settingInitialization(_ p: JSONValue, family: JSONValue?, seed: UInt64?) throws(SweepError) -> JSONValue {
        var p = p
        if let family, let (name, parameters) = family.objectValue?.first {
            var ini = p["initialization"]?.objectValue ?? [:]
            ini = ini.filter { $0.key == "scale" }
            ini[name] = parameters
            p = p.setting(["initialization"], to: .object(ini))
        }
        guard let seed else { return p }
        let families = (p["initialization"]?.objectValue?.keys.sorted() ?? []).filter { $0 != "scale" }
        guard let name = families.first, name != "explicit" else {
            throw .invalidValue(field: "axes.initialization", text: families.joined(separator: ","), reason: "has no seed for the initialization seeds")
        }
        return p.setting(["initialization", name, "seed"], to: .string(String(seed)))
    }
}
