import Foundation
@testable import Sweeps
import Verification
import Testing

@Suite("sweep grid and run hashes")
struct GridAndHashTests {
    @Test("SHA-256 matches the FIPS 180-4 examples")
    func sha256() {
        #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex([UInt8]()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(SHA256.hex([UInt8](repeating: 0x61, count: 1_000_000))
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test("every (m, d, n, seed pair) once, n from d − 1 to 3d + 2, seeds paired draw by draw")
    func expansion() throws {
        let grid = try SweepFixtures.grid(SweepFixtures.spec())
        var expected: [String] = []
        for m in 1...2 { for d in 2...3 { for n in (d - 1)...(3 * d + 2) { for j in 0..<3 {
            expected.append("\(m) \(d) \(n) \(100 + j) \(1 + j)")
        } } } }
        let got = grid.runs.map { r in
            let c = r.coordinates
            return "\(c.width) \(c.inputDimension) \(c.sampleSize) \(c.dataSeed!) \(c.initializationSeed!)"
        }
        #expect(got.sorted() == expected.sorted())
        #expect(grid.runs.map(\.index) == Array(0..<expected.count))
        #expect(Set(grid.runs.map(\.hash)).count == expected.count)
        #expect(grid.runs.allSatisfy { $0.problem.network.activation.name == "tanh" && $0.coordinates.scale == "1e-3" })
    }

    @Test("crossed seeds, a bias axis with n relative to b, and initialization families")
    func crossedSeedsAndFamilies() throws {
        let text = SweepFixtures.spec(
            width: #"["2"]"#, dimension: #"["2"]"#, n: #"["d + 1 + b"]"#,
            seeds: #"{"data": ["5", "6"], "initialization": ["7", "8", "9"], "pairing": "product"}"#,
            extraAxes: #", "bias": [false, true], "initialization": [{"gaussian": {"layerScaleRatio": "2"}}, {"first_layer_zero": {}}]"#)
        let grid = try SweepFixtures.grid(text)
        #expect(grid.runs.count == 2 * 2 * 6)
        for r in grid.runs {
            #expect(r.coordinates.sampleSize == 3 + (r.coordinates.bias ? 1 : 0))
            #expect(r.problem.network.hasBias == r.coordinates.bias)
        }
        let families = Set(grid.runs.map(\.coordinates.initialization))
        #expect(families == [#"{"gaussian":{"layerScaleRatio":"2"}}"#, #"{"first_layer_zero":{}}"#])
        #expect(Set(grid.runs.map { "\($0.coordinates.dataSeed!) \($0.coordinates.initializationSeed!)" }).count == 6)
    }

    @Test("the hash is stable across key order and layout of the sweep file")
    func stableAcrossKeyOrder() throws {
        let a = try SweepFixtures.grid(SweepFixtures.spec())
        let reordered = """
        {"policy": {"precisions": ["53"]}, "seeds": {"initialization": {"count": "3", "from": "1"}, "data": {"count": "3", "from": "100"}},
         "axes": {"n": {"to": "3d + 2", "from": "d - 1"}, "inputDimension": ["2", "3"], "width": ["1", "2"]},
         "template": {"initialization": {"gaussian": {"seed": "1"}, "scale": "1e-3"}, "data": {"gaussian": {"seed": "1", "n": "3"}},
                      "network": {"activation": "tanh", "inputDimension": "2", "width": "1"}}, "name": "other name"}
        """
        let b = try SweepFixtures.grid(reordered)
        #expect(a.runs.map(\.hash) == b.runs.map(\.hash))
    }

    /// Sweep files that differ from the fixture in one field each: no hash may survive.
    static let variants: [(String, String, String)] = [
        ("\"1e-3\"", "\"1e-4\"", "ε"),
        ("\"from\": \"100\"", "\"from\": \"101\"", "data seeds"),
        ("\"from\": \"1\"", "\"from\": \"2\"", "initialization seeds"),
        ("\"activation\": \"tanh\"", "\"activation\": \"relu\"", "activation"),
        ("{\"seed\": \"1\"}}", "{\"seed\": \"1\", \"layerScaleRatio\": \"2\"}}", "family parameter"),
        ("\"precisions\": [\"53\"]", "\"precisions\": [\"53\", \"256\"]", "policy precisions"),
        ("\"precisions\": [\"53\"]", "\"precisions\": [\"53\"], \"maximumTime\": \"1e6\"", "policy time guard"),
        ("\"precisions\": [\"53\"]", "\"precisions\": [\"53\"], \"escalationSteps\": \"10\"", "policy step budget"),
        ("\"precisions\": [\"53\"]", "\"precisions\": [\"53\"], \"doubleSteps\": \"10\"", "policy double step budget"),
        ("\"precisions\": [\"53\"]", "\"precisions\": [\"53\"], \"escalationMaximumTime\": \"1e16\"", "policy escalation time guard"),
        ("\"data\": {\"gaussian\"", "\"data\": {\"uniform\"", "data source"),
    ]

    @Test("changing any one field of the run changes its hash", arguments: variants.indices)
    func hashChanges(_ i: Int) throws {
        let (old, new, what) = Self.variants[i]
        let base = SweepFixtures.spec()
        let changed = base.replacingOccurrences(of: old, with: new)
        #expect(changed != base, "the variant \(what) did not apply")
        let a = Set(try SweepFixtures.grid(base).runs.map(\.hash))
        let b = try SweepFixtures.grid(changed).runs.map(\.hash)
        #expect(b.allSatisfy { !a.contains($0) }, "\(what)")
    }

    @Test("a policy without an escalation guard keeps the identity it had before there was one: its four fields")
    func identityWithoutEscalationGuard() throws {
        guard case .object(let fields) = RecoveryPolicy().identity else { Issue.record("not an object"); return }
        #expect(Set(fields.keys) == ["precisions", "maximumTime", "doubleSteps", "escalationSteps"])
        guard case .object(let guarded) = RecoveryPolicy(escalationMaximumTime: "1e16").identity else { Issue.record("not an object"); return }
        #expect(guarded["escalationMaximumTime"] == .string("1e16"))
    }

    @Test("the tool version is part of the hash")
    func toolVersion() throws {
        let run = try SweepFixtures.grid(SweepFixtures.spec()).runs[0]
        let p = try JSONValue(parsing: Data(run.problemText.utf8))
        #expect(SweepRun.hash(problem: p, policy: run.policy) == run.hash)
        #expect(SweepRun.hash(problem: p, policy: run.policy, tool: "0.0.0-other") != run.hash)
    }

    @Test("shards i/N partition the runs")
    func shards() throws {
        let runs = try SweepFixtures.grid(SweepFixtures.spec()).runs
        let parts = (1...3).map { i in runs.filter(Shard("\(i)/3")!.contains).map(\.hash) }
        #expect(parts.map(\.count).reduce(0, +) == runs.count)
        #expect(Set(parts.flatMap { $0 }) == Set(runs.map(\.hash)))
        #expect(parts.allSatisfy { abs($0.count - runs.count / 3) <= 1 })
        for bad in ["0/3", "4/3", "1/0", "a/b", "1", "1/2/3", "-1/2"] { #expect(Shard(bad) == nil, "\(bad)") }
    }

    @Test("n given relative to m, d and b")
    func sampleSizeExpressions() {
        let cases: [(String, Int)] = [("d - 1", 4), ("3d + 2", 17), ("m + 2d - 1", 11), ("2*d+1", 11), ("d + 1 + b", 7), ("7", 7), ("−1 + d", 4)]
        for (text, value) in cases {
            #expect(SampleSizeExpression(text)?.value(m: 2, d: 5, bias: true) == value, "\(text)")
        }
        for bad in ["", "d +", "x", "2.5d", "dd", "d**2", "1e3"] { #expect(SampleSizeExpression(bad) == nil, "\(bad)") }
    }
}
