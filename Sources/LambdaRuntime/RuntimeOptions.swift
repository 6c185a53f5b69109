/// The loop's collaborators, injectable for tests: clock, `/next` retries and logging.
public struct RuntimeOptions {
    /// The clock for `LambdaContext.remainingMilliseconds` and the pauses between `/next` retries.
    public var clock: any LambdaClock
    /// What to do when `/next` gets no answer.
    public var nextRetry: NextRetryPolicy
    /// Receives one line per runtime-level event worth a log line (errors, give-ups).
    public var log: (String) -> Void
    /// Stop after this many invocations (tests); `nil` loops until the API goes away.
    public var invocationLimit: Int?

    /// Production defaults: the system clock, standard retries, stderr.
    public init(
        clock: any LambdaClock = SystemClock(),
        nextRetry: NextRetryPolicy = .standard,
        log: @escaping (String) -> Void = StandardStream.writeError,
        invocationLimit: Int? = nil
    ) {
        self.clock = clock
        self.nextRetry = nextRetry
        self.log = log
        self.invocationLimit = invocationLimit
    }
}
