import Foundation
import Testing
@testable import GradientFlow

@Suite("Exponential collocation's step control")
struct CollocationStepControlTests {
    @Test("the accuracy alone: the error's K-th root within [0.2, 4] accepted, ≤ 0.7 rejected")
    func accuracy() {
        var control = CollocationStepControl(degree: 10)
        #expect(control.nextFactor(taken: 1, errorRatio: 0) == 4)
        let f = control.nextFactor(taken: 1, errorRatio: 1e-3)
        #expect(abs(f - 0.9 * Foundation.pow(1e3, 0.1)) < 1e-12)
        #expect(control.nextFactor(taken: 1, errorRatio: 2) <= 0.7)
        #expect(control.ceiling == nil)
    }

    @Test("a failed iteration at H caps the next proposals at 0.6·H, raised by 10 % per step accepted there")
    func ceilingAfterFailure() {
        var control = CollocationStepControl(degree: 10)
        #expect(control.nextFactor(taken: 100, errorRatio: .infinity) == 0.5)
        // The accuracy would allow ×4; the ceiling holds the next step at 60.
        var H = 50.0
        H *= control.nextFactor(taken: H, errorRatio: 1e-12)
        #expect(abs(H - 60) < 1e-9)
        // Accepted at the ceiling: it rises by 10 % a step, not by the accuracy's ×4.
        H *= control.nextFactor(taken: H, errorRatio: 1e-12)
        #expect(abs(H - 66) < 1e-9)
        H *= control.nextFactor(taken: H, errorRatio: 1e-12)
        #expect(abs(H - 72.6) < 1e-9)
        // Another failure resets it below the failed length.
        _ = control.nextFactor(taken: H, errorRatio: .infinity)
        #expect(abs(control.ceiling! - 0.6 * 72.6) < 1e-9)
    }
}
