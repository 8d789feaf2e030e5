import Foundation
import MultiPrecision
import TwoLayerNet
import Verification

/// A sweep: a problem template (a problem file, problems/README.md) plus grid axes, the seeds
/// of the draws and the recovery policy. Every grid point × seed pair is one run (`SweepGrid`).
/// The file's schema is in sweeps/README.md. An axis that is absent keeps the template's value.
public struct SweepSpec: Sendable {
    public var name: String
    /// The problem file every run starts from.
    public var template: JSONValue
    public var axes: SweepAxes
    public var seeds: SeedPlan
    public var policy: RecoveryPolicy
    /// The sweep file, canonically encoded (stored with the runs as their provenance).
    public var canonical: String

    /// The largest grid `SweepGrid` expands.
    public static let runLimit = 1_000_000

    /// The largest sweep file read (bytes): far above any grid's description.
    public static let maximumFileSize = 16 << 20

    /// Reads and decodes a sweep file (a regular file of at most `maximumFileSize` bytes: a FIFO
    /// or a device is refused, not read forever).
    public init(contentsOf path: String) throws(SweepError) {
        let data: Data
        do { data = try RegularFile.read(path, maximumBytes: SweepSpec.maximumFileSize) } catch {
            throw .unreadable(path: path, reason: error.reason)
        }
        try self.init(json: data)
    }

    public init(json: Data) throws(SweepError) {
        let root = try JSONValue(parsing: json)
        let r = try SweepFields(root, path: "")
        try r.only(["name", "template", "axes", "seeds", "policy", "description"])
        name = try r.optional("name").map { v throws(SweepError) in try SweepValue.string(v, "name") } ?? "sweep"
        template = try r.value("template")
        guard template.objectValue != nil else { throw .wrongType(field: "template", expected: "a problem file object") }
        axes = try SweepAxes(try r.optionalObject("axes"))
        seeds = try SeedPlan(try r.optionalObject("seeds"))
        policy = try SweepSpec.policy(try r.optionalObject("policy"))
        canonical = root.canonical
    }

    static func policy(_ p: SweepFields?) throws(SweepError) -> RecoveryPolicy {
        guard let p else { return RecoveryPolicy() }
        try p.only(["precisions", "maximumTime", "doubleSteps", "escalationSteps", "escalationMaximumTime"])
        var policy = RecoveryPolicy()
        if let bits = try p.list("precisions", { v, f throws(SweepError) in try SweepValue.integer(v, f, minimum: 53, maximum: 1 << 20) }) {
            guard bits == bits.sorted(), Set(bits).count == bits.count else {
                throw .invalidValue(field: p.path("precisions"), text: bits.map(String.init).joined(separator: ","),
                                    reason: "must rise strictly (the order in which precision is spent)")
            }
            policy.precisions = bits
        }
        if p.optional("maximumTime") != nil { policy.maximumTime = try flowTime(p, "maximumTime") }
        if p.optional("escalationMaximumTime") != nil {
            let t = try flowTime(p, "escalationMaximumTime")
            guard t.doubleValue >= policy.maximumTime.doubleValue else {
                throw .invalidValue(field: p.path("escalationMaximumTime"), text: t.text,
                                    reason: "is below maximumTime (an attempt above double carries the flow at least as far)")
            }
            policy.escalationMaximumTime = t
        }
        if let steps = p.optional("doubleSteps") {
            policy.doubleSteps = try SweepValue.integer(steps, p.path("doubleSteps"), minimum: 1, maximum: 10_000_000)
        }
        if let steps = p.optional("escalationSteps") {
            policy.escalationSteps = try SweepValue.integer(steps, p.path("escalationSteps"), minimum: 1, maximum: 10_000_000)
        }
        return policy
    }

    /// A positive, finite flow time.
    static func flowTime(_ p: SweepFields, _ key: String) throws(SweepError) -> DecimalNumber {
        let t = try p.string(key)
        guard let v = try? DecimalNumber(t), v.isPositive, v.doubleValue.isFinite else {
            throw .invalidValue(field: p.path(key), text: t, reason: "is not a positive flow time")
        }
        return v
    }
}

/// The grid axes of a sweep (each nil: the template's value).
public struct SweepAxes: Sendable {
    public var width: [Int]?
    public var inputDimension: [Int]?
    public var sampleSize: SampleSizeAxis?
    public var scale: [DecimalNumber]?
    public var bias: [Bool]?
    public var activation: [String]?
    /// Initialization families with their parameters, each `{"family": {…}}` without the seed.
    public var initialization: [JSONValue]?

    /// n as a list of values, or a range, each end relative to (m, d, b).
    public enum SampleSizeAxis: Sendable, Equatable {
        case values([SampleSizeExpression])
        case range(from: SampleSizeExpression, to: SampleSizeExpression)

        func values(m: Int, d: Int, bias: Bool) -> [Int] {
            switch self {
            case .values(let e): return e.map { $0.value(m: m, d: d, bias: bias) }
            case .range(let a, let b):
                let lo = a.value(m: m, d: d, bias: bias), hi = b.value(m: m, d: d, bias: bias)
                return lo <= hi ? Array(lo...hi) : []
            }
        }
    }

    init(_ a: SweepFields?) throws(SweepError) {
        guard let a else { return }
        try a.only(["width", "inputDimension", "n", "scale", "bias", "activation", "initialization"])
        width = try a.list("width") { v, f throws(SweepError) in try SweepValue.integer(v, f, minimum: 1, maximum: 4096) }
        inputDimension = try a.list("inputDimension") { v, f throws(SweepError) in try SweepValue.integer(v, f, minimum: 1, maximum: 4096) }
        scale = try a.list("scale", SweepValue.decimal)
        bias = try a.list("bias", SweepValue.bool)
        activation = try a.list("activation", SweepValue.string)
        initialization = try a.list("initialization", SweepValue.family)
        switch a.optional("n") {
        case nil: sampleSize = nil
        case .array?: sampleSize = .values(try a.list("n", SweepValue.expression) ?? [])
        case let v?:
            let r = try SweepFields(v, path: a.path("n"))
            try r.only(["from", "to"])
            sampleSize = .range(from: try SweepValue.expression(try r.value("from"), r.path("from")),
                                to: try SweepValue.expression(try r.value("to"), r.path("to")))
        }
    }
}

/// The seeds of the draws: data seeds and initialization seeds, paired draw by draw ("zip",
/// the default: draw j uses the j-th of each) or crossed ("product"). Each list is given as
/// `["1", "2", …]` or `{"from": "100", "count": "16"}`; an absent list keeps the template's seed.
public struct SeedPlan: Sendable {
    public enum Pairing: String, Sendable { case zip, product }
    public var data: [UInt64]?
    public var initialization: [UInt64]?
    public var pairing: Pairing = .zip

    init(_ s: SweepFields?) throws(SweepError) {
        guard let s else { return }
        try s.only(["data", "initialization", "pairing"])
        data = try SeedPlan.seeds(s, "data")
        initialization = try SeedPlan.seeds(s, "initialization")
        if s.optional("pairing") != nil {
            let text = try s.string("pairing")
            guard let p = Pairing(rawValue: text) else { throw .invalidValue(field: s.path("pairing"), text: text, reason: "is neither zip nor product") }
            pairing = p
        }
        if pairing == .zip, let d = data, let i = initialization, d.count != i.count {
            throw .invalidValue(field: s.path("initialization"), text: "\(i.count) seeds",
                                reason: "must match the \(d.count) data seeds when paired (zip); use \"pairing\": \"product\" to cross them")
        }
    }

    static func seeds(_ s: SweepFields, _ key: String) throws(SweepError) -> [UInt64]? {
        guard let v = s.optional(key) else { return nil }
        if case .array = v { return try s.list(key, SweepValue.seed) }
        let r = try SweepFields(v, path: s.path(key))
        try r.only(["from", "count"])
        let from = try SweepValue.seed(try r.value("from"), r.path("from"))
        let count = try SweepValue.integer(try r.value("count"), r.path("count"), minimum: 1)
        guard from <= UInt64.max - UInt64(count - 1) else {
            throw .invalidValue(field: r.path("count"), text: String(count), reason: "runs past the largest seed 2^64 − 1")
        }
        return (0..<UInt64(count)).map { from + $0 }
    }

    /// The (data seed, initialization seed) pairs; nil entries keep the template's seed.
    var pairs: [(UInt64?, UInt64?)] {
        switch (data, initialization, pairing) {
        case (nil, nil, _): return [(nil, nil)]
        case (let d?, nil, _): return d.map { ($0, nil) }
        case (nil, let i?, _): return i.map { (nil, $0) }
        case (let d?, let i?, .zip): return zip(d, i).map { ($0, $1) }
        case (let d?, let i?, .product): return d.flatMap { ds in i.map { (ds, $0) } }
        }
    }
}
