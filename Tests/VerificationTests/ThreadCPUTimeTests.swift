import Foundation
import GradientFlow
import Testing
import TwoLayerNet
@testable import Verification

/// A run's CPU time (`ThreadCPUTime`, `RecoveryEvidence.cpuSeconds`): it counts the thread's
/// work and not the time the thread waits, which the wall clock (`seconds`) counts too.
@Suite("thread CPU time")
struct ThreadCPUTimeTests {
    @Test("sleeping costs the thread no CPU time; working does")
    func sleepAndWork() {
        let asleep = ThreadCPUTime.now()
        Thread.sleep(forTimeInterval: 0.3)
        #expect(ThreadCPUTime.now() - asleep < 0.1, "a wall clock would have advanced 0.3 s")
        let working = ThreadCPUTime.now(), wall = Date()
        var x = 1.0
        while ThreadCPUTime.now() - working < 0.05 && Date().timeIntervalSince(wall) < 20 { x = (x * 1.000001).squareRoot() + 1e-9 }
        #expect(x.isFinite)
        #expect(ThreadCPUTime.now() - working >= 0.05, "20 s of busy work left the CPU clock still")
    }

    @Test("a decided run carries its CPU time, positive and at most its wall time")
    func verdictCarriesCPUTime() throws {
        let spec = Experiment.standard(d: 2, m: 1, n: 4, dataSeed: 100,
                                       initialization: .gaussian(seed: 1, layerScaleRatio: "1"), scale: "1e-6")
        let v = try RecoveryVerdict.decide(spec, policy: RecoveryPolicy(precisions: [53]))
        let cpu = try #require(v.evidence.cpuSeconds)
        #expect(cpu > 0)
        #expect(cpu <= v.evidence.seconds * 1.05 + 0.01, "CPU \(cpu) s beyond wall \(v.evidence.seconds) s")
    }

    @Test("a cell sums the measured CPU time, counts the measured runs and splits off the escalated ones")
    func cellSums() {
        func verdict(bits: Int, cpu: Double?) -> RecoveryVerdict {
            var e = RecoveryEvidence(risk: "0", riskError: "0", targetSetDistance: nil, alignedDistance: "0", gradientNorm: "0",
                                     finalLoss: "0", finalTime: "1", decidingBits: bits, precisionsTried: [53, bits].filter { $0 <= bits },
                                     steps: 1, seconds: 9, roles: [])
            e.cpuSeconds = cpu
            return RecoveryVerdict(outcome: .recovered, reason: "fixture", evidence: e)
        }
        let group = GroupKey(width: 2, inputDimension: 3, bias: false, activation: "tanh", scale: "1e-6", initialization: "{}")
        let cell = CellSummary(group: group, sampleSize: 5,
                               outcomes: [verdict(bits: 53, cpu: 1), verdict(bits: 128, cpu: 4), verdict(bits: 128, cpu: nil), verdict(bits: 53, cpu: 0.5)])
        #expect(cell.cpuMeasured == 3)
        #expect(cell.cpuSeconds == 5.5)
        #expect(cell.escalatedCPUSeconds == 4)
        #expect(cell.escalated == 2)
        // Equality is the counts' and intervals', not the CPU time's.
        let otherTimes = CellSummary(group: group, sampleSize: 5,
                                     outcomes: [verdict(bits: 53, cpu: 7), verdict(bits: 128, cpu: nil), verdict(bits: 128, cpu: 2), verdict(bits: 53, cpu: nil)])
        #expect(otherTimes == cell)
        var notRecovered = verdict(bits: 53, cpu: 1)
        notRecovered.outcome = .notRecovered
        #expect(CellSummary(group: group, sampleSize: 5, outcomes: [notRecovered, verdict(bits: 128, cpu: 4), verdict(bits: 128, cpu: nil), verdict(bits: 53, cpu: 0.5)]) != cell)
    }
}
