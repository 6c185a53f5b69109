/// What the loop does when `/next` gets no answer.
///
/// Lambda keeps the Runtime API up for the life of the sandbox, so an unreachable API means the
/// sandbox is going away or the runtime was started outside Lambda. Retrying a few times with a
/// short backoff rides over a brief hiccup; after that the runtime gives up, the loop throws
/// `.runtimeAPIUnreachable`, and `LambdaRuntime.main` exits non-zero with a message on stderr
/// (Lambda starts a fresh runtime for the next event). Pure: the loop does the sleeping.
public struct NextRetryPolicy: Sendable {
    /// Pauses before each retry, in milliseconds; the count is the number of retries.
    public let delaysMilliseconds: [Int]

    /// Three retries after 10, 50 and 250 ms: under a second in all.
    public static let standard = NextRetryPolicy(delaysMilliseconds: [10, 50, 250])

    /// Makes a policy.
    public init(delaysMilliseconds: [Int]) {
        self.delaysMilliseconds = delaysMilliseconds
    }

    /// The decision after `failures` consecutive unanswered `/next` calls (1 after the first).
    public func decision(afterFailures failures: Int) -> Decision {
        failures <= delaysMilliseconds.count
            ? .retry(afterMilliseconds: delaysMilliseconds[failures - 1]) : .giveUp
    }

    /// Retry after a pause, or stop.
    public enum Decision: Equatable, Sendable {
        /// Call `/next` again after this pause.
        case retry(afterMilliseconds: Int)
        /// Stop: the loop throws `.runtimeAPIUnreachable`.
        case giveUp
    }
}
