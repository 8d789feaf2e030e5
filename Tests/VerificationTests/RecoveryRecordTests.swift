import Foundation
import GradientFlow
import MultiPrecision
import Testing
import TwoLayerNet
@testable import Verification

/// `RecoveryVerdict.decide(record:spec:)`: a run record written by `flowverify run`, read back
/// and judged, against the same run judged in process (proofs/recovery.md, "Judging a run record").
@Suite("Recovery verdict of a run record")
struct RecoveryRecordTests {
    /// One neuron, d = 2, n = 4 = d + 2 samples: a run that converges to a strict minimum.
    static let spec = Experiment.standard(d: 2, m: 1, n: 4, dataSeed: 7, scale: "1e-6")
    static let options = RecoveryVerdict.flowOptions(maximumTime: "1e12")

    /// The record as `flowverify run --out` writes it and as the command reads it back (JSON).
    static func record(_ spec: ProblemSpec, _ p: Precision?, _ options: FlowOptions = options) throws -> RunRecord {
        let json = try JSONEncoder().encode(try ProblemRun.run(spec, precision: p, options: options))
        return try JSONDecoder().decode(RunRecord.self, from: json)
    }

    static func inProcess(_ spec: ProblemSpec, _ p: Precision?) throws -> RecoveryVerdict {
        let experiment = Experiment(spec: spec, options: options)
        if let p { return RecoveryVerdict.decide(flow: try experiment.run(BigFloat.self, p)) }
        return RecoveryVerdict.decide(flow: try experiment.run(Double.self, .double))
    }

    @Test("read back, a run gets the verdict it gets in process: the same outcome, reason and distances, at 128 bits and in double",
          arguments: [128, 53])
    func sameAsInProcess(_ bits: Int) throws {
        let p = bits == 53 ? nil : try Precision(bits: bits)
        let fromRecord = try RecoveryVerdict.decide(record: try Self.record(Self.spec, p), spec: Self.spec)
        let direct = try Self.inProcess(Self.spec, p)
        #expect(fromRecord.outcome == direct.outcome)
        #expect(fromRecord.reason == direct.reason)
        #expect(fromRecord.evidence.targetSetDistance == direct.evidence.targetSetDistance)
        #expect(fromRecord.evidence.finalLoss == direct.evidence.finalLoss)
        #expect(fromRecord.evidence.decidingBits == bits)
        if bits > 53 { #expect(fromRecord.outcome == .recovered, "\(fromRecord.reason)") }
    }

    @Test("hypothesis broken: the same run stopped at flow time 5, before convergence, is undecided")
    func stoppedEarly() throws {
        var early = Self.options
        early.stop = .time("5")
        let verdict = try RecoveryVerdict.decide(record: try Self.record(Self.spec, try Precision(bits: 128), early), spec: Self.spec)
        #expect(verdict.outcome == .undecided, "\(verdict.reason)")
    }

    @Test("a record cut by its step budget or its wall clock gets no rate bound; the same tail ending on the flow-time guard does, and is recovered by rate")
    func cutRecordHasNoRateBound() throws {
        // RecoveryVerdictBudgetTests.easy at 100 steps: on its way to Q*, the distance still falling.
        let easy = RecoveryVerdictBudgetTests.easy
        var options = Self.options
        options.maximumSteps = 100
        var record = try Self.record(easy, nil, options)
        #expect(record.status == .stepLimit)
        for status in [FlowStatus.stepLimit, .wallClockLimit] {
            record.status = status
            let cut = try RecoveryVerdict.decide(record: record, spec: easy)
            #expect(cut.outcome != .recovered, "\(cut.reason)")
            #expect(cut.reason.contains("cut short (step budget or wall clock), so no rate bound"), "\(cut.reason)")
        }
        record.status = .timeLimit
        let guarded = try RecoveryVerdict.decide(record: record, spec: easy)
        #expect(guarded.outcome == .recovered && guarded.reason.contains("rate"), "\(guarded.reason)")
    }

    @Test("a record of another problem is refused: other data, another initialization seed, another activation, another width")
    func otherProblem() throws {
        let record = try Self.record(Self.spec, try Precision(bits: 128))
        let others = [
            Experiment.standard(d: 2, m: 1, n: 4, dataSeed: 8, scale: "1e-6"),
            Experiment.standard(d: 2, m: 1, n: 4, dataSeed: 7, initialization: .gaussian(seed: 3, layerScaleRatio: "1"), scale: "1e-6"),
            Experiment.standard(d: 2, m: 1, n: 4, activation: .relu, dataSeed: 7, scale: "1e-6"),
            Experiment.standard(d: 2, m: 2, n: 4, dataSeed: 7, scale: "1e-6"),
        ]
        for other in others {
            #expect(throws: RecoveryRecordError.self, "\(other.name)") { try RecoveryVerdict.decide(record: record, spec: other) }
        }
    }

    @Test("a record whose numbers are not finite, whose state has the wrong length, or whose run failed is refused, naming the field")
    func badRecords() throws {
        let good = try Self.record(Self.spec, nil)
        func refusal(_ edit: (inout RunRecord) -> Void) -> String? {
            var record = good
            edit(&record)
            do { _ = try RecoveryVerdict.decide(record: record, spec: Self.spec); return nil } catch { return "\(error)" }
        }
        #expect(refusal { $0.finalLoss = "nan" }?.contains("finalLoss") == true)
        #expect(refusal { $0.finalState[0] = "inf" }?.contains("finalState[0]") == true)
        #expect(refusal { $0.samples[1].time = "1e" }?.contains("samples[1].time") == true)
        #expect(refusal { $0.finalState.removeLast() }?.contains("finalState") == true)
        #expect(refusal { $0.status = .nonFinite(.loss, time: "3") }?.contains("failed") == true)
        #expect(refusal { $0.provenance.precision = "fast" }?.contains("provenance.precision") == true)
        // The recorded loss moved by far more than the resolution: not this run's end state.
        #expect(refusal { $0.finalLoss = "0.25" }?.contains("loss") == true)
        #expect(refusal { _ in } == nil)
    }
}
