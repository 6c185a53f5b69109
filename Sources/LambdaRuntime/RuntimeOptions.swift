#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// The loop's collaborators, injectable for tests: clock, retry policy, sleeping and logging.
public struct RuntimeOptions {
    /// The clock for `LambdaContext.remainingMilliseconds`.
    public var clock: any LambdaClock
    /// What to do when `/next` gets no answer.
    public var nextRetry: NextRetryPolicy
    /// Pauses the thread for the given milliseconds (between `/next` retries).
    public var sleep: (Int) -> Void
    /// Receives one line per runtime-level event worth a log line (errors, give-ups).
    public var log: (String) -> Void
    /// Stop after this many invocations (tests); `nil` loops until the API goes away.
    public var invocationLimit: Int?

    /// Production defaults: real-time clock, standard retries, `usleep`, stderr.
    public init(
        clock: any LambdaClock = RealtimeClock(),
        nextRetry: NextRetryPolicy = .standard,
        sleep: @escaping (Int) -> Void = { ms in usleep(useconds_t(max(0, ms)) * 1000) },
        log: @escaping (String) -> Void = RuntimeOptions.writeToStandardError,
        invocationLimit: Int? = nil
    ) {
        self.clock = clock
        self.nextRetry = nextRetry
        self.sleep = sleep
        self.log = log
        self.invocationLimit = invocationLimit
    }

    /// Writes `line` and a newline to stderr, which Lambda sends to CloudWatch Logs.
    public static func writeToStandardError(_ line: String) {
        var text = line
        text.append("\n")
        text.withUTF8 { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(2, buffer.baseAddress! + offset, buffer.count - offset)
                if written <= 0 { break }
                offset += written
            }
        }
    }
}
