/// When to try a domain write again: a pure decision over the clock and a random draw, so every
/// branch is tested without I/O. Exponential backoff with full jitter, bounded by the deadline.
struct DomainWriteRetry: Sendable {
    /// The first backoff's ceiling; it doubles with each retry.
    var baseDelayMilliseconds = 50
    /// No single backoff is longer than this.
    var maxDelayMilliseconds = 1_000
    /// Kept free before the deadline to answer the client (and to log) before Lambda stops us.
    var answerMarginMilliseconds = 250
    /// An attempt with less time than this left is not started.
    var minimumAttemptMilliseconds = 100

    /// The policy the gateway uses.
    init() {}

    /// What to do next.
    enum Decision: Equatable, Sendable {
        /// Wait this long, then try again.
        case retry(afterMilliseconds: Int)
        /// Stop and answer with the last failure.
        case giveUp
    }

    /// Whether a failed attempt may be repeated at all: throttling, gateway errors and lost
    /// connections are; anything the domain decided about the document is not.
    static func isRetryable(status: Int) -> Bool {
        status == 429 || status == 502 || status == 503 || status == 504
    }

    /// The time one attempt may take, or `nil` when too little is left to start one.
    func attemptTimeout(nowMilliseconds now: UInt64, deadlineMilliseconds deadline: UInt64) -> Int? {
        let usable = Int(clamping: Int64(deadline) - Int64(now)) - answerMarginMilliseconds
        return usable >= minimumAttemptMilliseconds ? usable : nil
    }

    /// After `retriesSoFar` retries failed in a retryable way: retry after a jittered backoff
    /// (`random` is a uniform draw) if an attempt still fits before the deadline, else give up.
    func decide(retriesSoFar: Int, nowMilliseconds now: UInt64, deadlineMilliseconds deadline: UInt64,
                       random: UInt64) -> Decision {
        let ceiling = min(maxDelayMilliseconds, baseDelayMilliseconds << min(retriesSoFar, 20))
        let delay = Int(random % UInt64(ceiling + 1))
        guard attemptTimeout(nowMilliseconds: now + UInt64(delay), deadlineMilliseconds: deadline) != nil else {
            return .giveUp
        }
        return .retry(afterMilliseconds: delay)
    }
}
