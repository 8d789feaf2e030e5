import Dispatch
import Foundation
@testable import GradientFlow
import MultiPrecision
import Testing
@testable import TwoLayerNet

/// `TaylorJets.threadCount` (from `FlowOptions.workers`): the jets' levels on a `LevelTeam` of
/// several threads give the same bits as on one, and the team runs, sleeps, wakes and stops.
@Suite("Taylor jets on several workers")
struct TaylorJetsWorkersTests {
    /// Coefficients to order 40 on 1, 2, 3 and 5 workers, bit for bit: tanh, relu and leaky relu,
    /// with bias, width 3 (blocks of unequal size), exact dots with truncated products and fma
    /// chains at 256 bits, and double.
    @Test("coefficients: the same bits on 1, 2, 3 and 5 workers") func coefficients() throws {
        let p = try Precision(bits: 256)
        for activation in [Activation.tanh, .relu, .leakyRelu(slope: Rational(numerator: 1, denominator: 10))] {
            let (net, data, theta): (TwoLayerNetwork, Dataset<BigFloat>, [BigFloat]) =
                TaylorCoefficientTests.problem(activation, bias: true, p, width: 3)
            for (exact, truncating) in [(true, true), (true, false), (false, false)] {
                func jets(_ threads: Int) -> [[BigFloat]] {
                    var jets = TaylorJets(network: net, data: data, precision: p, threadCount: threads)
                    jets.exactDots = exact
                    jets.truncatesCoefficients = truncating
                    jets.choosesTeamByCost = false
                    #expect(jets.threadCount == threads)
                    jets.compute(at: theta, order: 40)
                    return jets.coefficients()
                }
                let one = jets(1)
                for threads in [2, 3, 5] {
                    let same = jets(threads) == one
                    #expect(same, "\(activation), exact \(exact), truncating \(truncating), \(threads) workers")
                }
            }
        }
        let (net, data, theta): (TwoLayerNetwork, Dataset<Double>, [Double]) =
            TaylorCoefficientTests.problem(.tanh, bias: false, .double, width: 3)
        func jets(_ threads: Int) -> [[Double]] {
            var jets = TaylorJets(network: net, data: data, precision: .double, threadCount: threads)
            jets.choosesTeamByCost = false
            jets.compute(at: theta, order: 24)
            return jets.coefficients()
        }
        let one = jets(1), same = [2, 3].map { jets($0) == one }
        #expect(same == [true, true], "double")
    }

    /// P1 (ε = 1e-30, the escape and the convergence) at 256 bits to t = 400, all of it Taylor
    /// steps: 1 and 2 workers end in the same state, loss and samples, to the last digit (the
    /// 2-worker run chooses team or caller per step by cost, so it mixes both).
    @Test("a whole Taylor run: the same record on 1 and 2 workers") func wholeRun() throws {
        let spec = try WorkersRun.spec(scale: "1e-30", until: "400")
        func run(workers: Int) throws -> RunRecord { try WorkersRun.run(spec, bits: 256, workers: workers) }
        let one = try run(workers: 1), two = try run(workers: 2)
        #expect(one.status == .reachedTime)
        #expect(one.work.taylorSteps > 0 && one.work.taylorSteps == one.work.acceptedSteps)
        #expect(two.status == one.status)
        #expect(two.work.taylorSteps == one.work.taylorSteps)
        let sameState = two.finalState == one.finalState, sameSamples = two.samples.map(\.state) == one.samples.map(\.state)
        #expect(sameState && sameSamples)
        #expect(two.finalLoss == one.finalLoss)
        #expect(FlowOptions().taylorThreads(at: .double) == 1)
    }

    /// Runs `body` on another thread and waits at most `seconds` for it: false if it did not
    /// finish (a team that deadlocks fails the test instead of hanging it).
    static func finishes(within seconds: Double, _ body: @escaping @Sendable () -> Void) -> Bool {
        let done = DispatchSemaphore(value: 0)
        Thread { body(); done.signal() }.start()
        return done.wait(timeout: .now() + seconds) == .success
    }

    /// 20,000 phases on 3 workers, each writing the phase's number into its own slot: after every
    /// `run` all slots hold it (each phase ran on every worker and its writes are visible);
    /// then, after the helpers have gone to sleep, one more phase wakes them; releasing the
    /// team stops them.
    @Test("a team runs every phase on every worker, sleeps, wakes and stops") func team() {
        let ok = Self.finishes(within: 60) {
            let slots = UnsafeMutablePointer<Int>.allocate(capacity: 3)
            slots.initialize(repeating: -1, count: 3)
            defer { slots.deallocate() }
            let box = SlotBox(slots)
            var team: LevelTeam? = LevelTeam(threads: 3)
            var mismatches = 0
            for phase in 0..<20_000 {
                team!.run { w in box.slots[w] = phase }
                if (0..<3).contains(where: { slots[$0] != phase }) { mismatches += 1 }
            }
            #expect(mismatches == 0)
            Thread.sleep(forTimeInterval: 0.2)   // longer than the helpers poll before they sleep
            team!.run { w in box.slots[w] = -7 }
            #expect((0..<3).allSatisfy { slots[$0] == -7 })
            team = nil
        }
        #expect(ok, "the team did not finish its phases or did not stop within 60 s")
    }
}

/// Slots written by a team's workers (each its own).
private struct SlotBox: @unchecked Sendable {
    let slots: UnsafeMutablePointer<Int>
    init(_ slots: UnsafeMutablePointer<Int>) { self.slots = slots }
}
