#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// The one source of time for the runtime and the function: wall-clock time (Lambda's deadline
/// is wall-clock milliseconds), monotonic time for durations, and sleeping. Injected, so deadline,
/// retry and duration logic is tested on a fake clock that advances when "slept" on.
public protocol LambdaClock: Sendable {
    /// Milliseconds since 1970-01-01T00:00:00Z.
    func unixMilliseconds() -> UInt64
    /// Nanoseconds on a clock that never jumps, for measuring durations.
    func monotonicNanoseconds() -> UInt64
    /// Pauses the calling thread (the runtime handles one invocation at a time).
    func sleep(milliseconds: Int)
}

extension LambdaClock {
    /// Milliseconds elapsed since `start`, a `monotonicNanoseconds()` reading.
    public func milliseconds(since start: UInt64) -> Double {
        Double(monotonicNanoseconds() &- start) / 1e6
    }
}

/// The system's clocks: `CLOCK_REALTIME`, `CLOCK_MONOTONIC` and `nanosleep`.
public struct SystemClock: LambdaClock {
    /// Makes the clock.
    public init() {}

    public func unixMilliseconds() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return UInt64(ts.tv_sec) * 1000 + UInt64(ts.tv_nsec) / 1_000_000
    }

    public func monotonicNanoseconds() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
    }

    public func sleep(milliseconds ms: Int) {
        guard ms > 0 else { return }
        var request = timespec(tv_sec: ms / 1000, tv_nsec: (ms % 1000) * 1_000_000)
        var remaining = timespec()
        while nanosleep(&request, &remaining) != 0 && errno == EINTR { request = remaining }
    }
}
