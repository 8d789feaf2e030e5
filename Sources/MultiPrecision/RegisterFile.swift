/// A block of `count` registers at one precision, allocated once and addressed by pointer: the
/// workspace of the hand-written kernels and the Taylor jets (proofs/DESIGN.md: hot loops allocate
/// nothing). Pointer access avoids the array's copy-on-write uniqueness and exclusivity checks that
/// arrays of registers would cost on every in-place operation (measured: the `Double` kernels
/// spend about half their time on them otherwise); a `BigFloat` register still checks its own
/// storage (one reference-count load per operation).
///
/// The registers live as long as this object; segments handed out by `take(_:)` are views into
/// it. Not thread-safe.
public final class RegisterFile<S: Scalar> {
    /// The first register.
    public let base: UnsafeMutablePointer<S>
    /// The number of registers.
    public let count: Int
    private var used = 0

    /// `count` registers (at least one) set to 0 at `precision`.
    public init(count: Int, precision: Precision) {
        self.count = Swift.max(count, 1)
        base = .allocate(capacity: self.count)
        for i in 0..<self.count { (base + i).initialize(to: S(0, precision: precision)) }
    }

    /// The next `n` registers.
    public func take(_ n: Int) -> UnsafeMutablePointer<S> {
        precondition(used + n <= count, "register file exhausted")
        defer { used += n }
        return base + used
    }

    deinit {
        base.deinitialize(count: count)
        base.deallocate()
    }
}
