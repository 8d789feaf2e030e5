import MultiPrecision

/// Events inside a step, located on the step's dense output by the Illinois variant of regula
/// falsi (Dowell & Jarratt 1971) on the step length.
enum EventLocator {
    /// The root τ ∈ (0, h] of g, given g(0) = `start` and g(h) = `end` on opposite sides of 0
    /// (or `end` = 0). Returns the right end of the final bracket (so the event has happened at
    /// the returned τ), once the bracket is below 2^(−p+16)·h, or where g vanishes, or where the
    /// dense output fails (g returns nil).
    static func locate<S: Scalar>(on h: S, start: S, end: S, _ g: (S) -> S?) -> S {
        let p = h.precision
        let zero = S(0, precision: p), two = S(2, precision: p)
        var lo = S(0, precision: p), hi = S(h, precision: p)
        var gLo = start, gHi = end
        var side = 0
        let width = h * S(Rational.pow(Rational(2), -(p.bits - 16)), precision: p)
        for _ in 0..<200 where (hi - lo) > width {
            var s = (lo * gHi - hi * gLo) / (gHi - gLo)
            if !(s > lo && s < hi) { s = (lo + hi) / two }
            guard let gs = g(s) else { return hi }
            if gs.isZero { return s }
            if (gs < zero) == (gLo < zero) {
                lo = s; gLo = gs
                if side == -1 { gHi = gHi / two }
                side = -1
            } else {
                hi = s; gHi = gs
                if side == 1 { gLo = gLo / two }
                side = 1
            }
        }
        return hi
    }
}
