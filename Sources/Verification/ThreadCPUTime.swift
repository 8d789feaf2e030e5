#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The CPU time of the calling thread, in seconds (`clock_gettime(CLOCK_THREAD_CPUTIME_ID)`):
/// what one run costs when it runs on one thread, unlike the wall clock, which also counts
/// the time the thread waited for a core (other jobs, a loaded host, a paused process).
/// NaN when the clock is unavailable.
public enum ThreadCPUTime {
    public static func now() -> Double {
        var ts = timespec()
        guard clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts) == 0 else { return .nan }
        return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
    }
}
