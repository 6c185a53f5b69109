#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Wall-clock time in milliseconds since the Unix epoch, the unit of Lambda's deadline header.
/// Injected so deadline arithmetic is tested without waiting.
public protocol LambdaClock: Sendable {
    /// Milliseconds since 1970-01-01T00:00:00Z.
    func nowMilliseconds() -> Int64
}

/// The system's real-time clock (`CLOCK_REALTIME`): the deadline is wall-clock time, so a
/// monotonic clock would be the wrong reference.
public struct RealtimeClock: LambdaClock {
    /// Makes the clock.
    public init() {}

    /// Milliseconds since the epoch from `clock_gettime(CLOCK_REALTIME)`.
    public func nowMilliseconds() -> Int64 {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Int64(ts.tv_sec) * 1000 + Int64(ts.tv_nsec) / 1_000_000
    }
}
