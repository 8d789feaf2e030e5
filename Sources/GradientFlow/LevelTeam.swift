import Dispatch
import Foundation
import Synchronization

/// A team of T threads that runs one phase after another: `run { w in … }` executes the phase on
/// workers 0…T−1 (the caller is worker 0) and returns when all have finished. The fork–join of
/// the Taylor jets' levels (`TaylorJets`), which are too short (tens of µs at 256 bits, about a
/// millisecond at 1,024) for waking pooled threads through the kernel twice per level.
///
/// The T − 1 helpers wait for the next phase by polling a generation counter up to `spinLimit`
/// times (while jets are being computed a phase follows the last within microseconds), then
/// sleep on a semaphore until the caller wakes them: an idle team, between steps and after the
/// run, costs no processor time. The caller polls until its helpers are done. The atomics are
/// sequentially consistent, so what a phase writes is visible to every worker of the next.
/// Releasing the team stops its helpers and waits for them to exit.
@usableFromInline
final class LevelTeam: @unchecked Sendable {
    let threads: Int
    /// Polls of the generation counter before a helper sleeps.
    static let spinLimit = 100_000
    private let state: TeamState

    /// A team of 2…64 workers (the caller and threads − 1 helpers).
    init(threads: Int) {
        precondition((2...64).contains(threads), "a team has 2…64 workers")
        self.threads = threads
        let state = TeamState(helpers: threads - 1)
        self.state = state
        for h in 0..<(threads - 1) {
            let thread = Thread { state.helper(h) }
            thread.name = "flowverify-jets-\(h + 1)"
            thread.start()
        }
    }

    deinit {
        state.stopping.store(true, ordering: .sequentiallyConsistent)
        state.publish()
        for _ in 1..<threads { state.exited.wait() }
    }

    /// Nanoseconds the caller spent on its own share of the phases (`work`) and then waiting for
    /// its helpers (`wait`) since the last `resetClock()`: a wait much shorter than the work says
    /// the helpers kept up (`TeamChoice`).
    @usableFromInline private(set) var work: UInt64 = 0, wait: UInt64 = 0

    @usableFromInline func resetClock() { work = 0; wait = 0 }

    /// Runs `phase(w)` for w = 0…T−1, worker 0 on the calling thread; returns when all are done.
    @usableFromInline
    func run(_ phase: @escaping (Int) -> Void) {
        state.body = phase
        state.finished.store(0, ordering: .sequentiallyConsistent)
        let start = DispatchTime.now().uptimeNanoseconds
        state.publish()
        phase(0)
        let done = DispatchTime.now().uptimeNanoseconds
        var polls = 0
        while state.finished.load(ordering: .sequentiallyConsistent) < threads - 1 {
            polls += 1
            if polls > Self.spinLimit { sched_yield() }
        }
        work &+= done - start
        wait &+= DispatchTime.now().uptimeNanoseconds - done
        state.body = nil
    }
}

/// What a `LevelTeam`'s helpers share with it.
private final class TeamState: @unchecked Sendable {
    let helpers: Int
    let generation = Atomic<Int>(0)
    let finished = Atomic<Int>(0)
    let stopping = Atomic<Bool>(false)
    /// Bit h set: helper h sleeps (or is about to) on `wake[h]`.
    let sleeping = Atomic<Int>(0)
    let wake: [DispatchSemaphore]
    let exited = DispatchSemaphore(value: 0)
    /// The phase being run; written by the caller before it publishes a generation.
    var body: ((Int) -> Void)?

    init(helpers: Int) {
        self.helpers = helpers
        wake = (0..<helpers).map { _ in DispatchSemaphore(value: 0) }
    }

    /// A new generation; the helpers that sleep are woken.
    func publish() {
        generation.add(1, ordering: .sequentiallyConsistent)
        let asleep = sleeping.exchange(0, ordering: .sequentiallyConsistent)
        for h in 0..<helpers where asleep & (1 << h) != 0 { wake[h].signal() }
    }

    func helper(_ h: Int) {
        var seen = 0
        while true {
            seen = awaitGeneration(after: seen, helper: h)
            if stopping.load(ordering: .sequentiallyConsistent) { break }
            body?(h + 1)
            finished.add(1, ordering: .sequentiallyConsistent)
        }
        exited.signal()
    }

    /// Polls, then sleeps, until the generation differs from `seen`; returns it.
    private func awaitGeneration(after seen: Int, helper h: Int) -> Int {
        let bit = 1 << h
        var polls = 0
        while true {
            let g = generation.load(ordering: .sequentiallyConsistent)
            if g != seen { return g }
            polls += 1
            guard polls > LevelTeam.spinLimit else { continue }
            polls = 0
            sleeping.bitwiseOr(bit, ordering: .sequentiallyConsistent)
            if generation.load(ordering: .sequentiallyConsistent) != seen {
                // Published meanwhile: take the flag back, unless the publisher took it (then its
                // signal is coming and must be consumed).
                let before = sleeping.bitwiseAnd(~bit, ordering: .sequentiallyConsistent).oldValue
                if before & bit != 0 { continue }
            }
            wake[h].wait()
        }
    }
}
