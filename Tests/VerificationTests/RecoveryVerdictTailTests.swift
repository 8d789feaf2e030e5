import Testing
@testable import Verification

/// The tail fit's samples (`TailRates`, proofs/recovery.md "rates"): at most
/// `TailRates.maximumFitted` of the last decade, every k-th, the one nearest T kept.
@Suite("Recovery verdict tail samples")
struct RecoveryVerdictTailTests {
    @Test("few samples are all fitted; many are thinned to every k-th, ending at the last", arguments: [5, 64, 65, 1000, 4096])
    func thinned(count: Int) {
        let points = Array(0..<count)
        let kept = TailRates.thinned(points)
        #expect(kept.count <= TailRates.maximumFitted)
        #expect(kept.last == count - 1)
        if count <= TailRates.maximumFitted {
            #expect(kept == points)
        } else {
            let strides = Set(zip(kept, kept.dropFirst()).map { $1 - $0 })
            #expect(strides.count == 1, "uneven strides \(strides)")
            let k = strides.first!
            // The smallest stride within the bound (k − 1 would keep more than it), reaching back
            // to the first stride's worth of samples.
            #expect(k == 1 || (count + k - 2) / (k - 1) > TailRates.maximumFitted)
            #expect(kept.first! < k)
        }
    }
}
