#if canImport(Glibc)
import Glibc
#endif

/// Wall-clock and monotonic time from `clock_gettime`, for the few places that need the real time.
public enum SystemClock {
    /// Milliseconds since the Unix epoch (UTC).
    @Sendable public static func unixMilliseconds() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return UInt64(ts.tv_sec) * 1000 + UInt64(ts.tv_nsec) / 1_000_000
    }

    /// Monotonic nanoseconds, for measuring durations.
    @Sendable public static func monotonicNanoseconds() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
    }
}
