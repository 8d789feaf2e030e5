/// A deterministic 1/N of a sweep: shard i of N (1 ≤ i ≤ N) takes the runs whose expansion
/// index is i − 1 modulo N. Round-robin over the grid order spreads every cell (and so the
/// expensive large-n runs) evenly across shards; the N shards together take every run once.
public struct Shard: Sendable, Equatable, CustomStringConvertible {
    public let index: Int
    public let count: Int

    public static let whole = Shard(uncheckedIndex: 1, count: 1)

    private init(uncheckedIndex: Int, count: Int) { index = uncheckedIndex; self.count = count }

    /// Parses "i/N"; nil unless 1 ≤ i ≤ N.
    public init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]), n >= 1, i >= 1, i <= n else { return nil }
        index = i
        count = n
    }

    public func contains(_ run: SweepRun) -> Bool { run.index % count == index - 1 }

    public var description: String { "\(index)/\(count)" }
}
