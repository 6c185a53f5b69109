@testable import LambdaRuntime

/// An in-memory Runtime API: hands out queued events, records what the loop sent back.
final class FakeRuntimeAPIClient: RuntimeAPIClient {
    enum Call: Equatable {
        case next
        case respond(requestID: String, body: [UInt8])
        case error(requestID: String, errorType: String, errorMessage: String, body: [UInt8])
        case initError(errorType: String, errorMessage: String)
    }

    /// Each `/next` takes the first entry: an invocation or an error to throw.
    var script: [Result<Invocation, RuntimeError>]
    /// What the result posts throw (e.g. `.unexpectedStatus`), when set.
    var postFailure: RuntimeError?
    private(set) var calls: [Call] = []

    init(_ script: [Result<Invocation, RuntimeError>] = []) {
        self.script = script
    }

    func next() throws(RuntimeError) -> Invocation {
        calls.append(.next)
        guard !script.isEmpty else {
            throw RuntimeError(.runtimeAPIUnreachable, "fake: no more events")
        }
        return try script.removeFirst().get()
    }

    func respond(requestID: String, body: [UInt8]) throws(RuntimeError) {
        calls.append(.respond(requestID: requestID, body: body))
        if let postFailure { throw postFailure }
    }

    func reportError(requestID: String, error: FunctionError) throws(RuntimeError) {
        calls.append(.error(requestID: requestID, errorType: error.errorType,
                            errorMessage: error.errorMessage, body: error.jsonBody))
        if let postFailure { throw postFailure }
    }

    func reportInitError(_ error: FunctionError) throws(RuntimeError) {
        calls.append(.initError(errorType: error.errorType, errorMessage: error.errorMessage))
        if let postFailure { throw postFailure }
    }

    var posts: [Call] { calls.filter { $0 != .next } }
}

/// A clock that says what the test tells it to; sleeping on it is recorded and advances it.
final class FakeClock: LambdaClock, @unchecked Sendable {
    var now: UInt64
    var sleeps: [Int] = []
    init(now: UInt64) { self.now = now }
    func unixMilliseconds() -> UInt64 { now }
    func monotonicNanoseconds() -> UInt64 { now &* 1_000_000 }
    func sleep(milliseconds ms: Int) {
        sleeps.append(ms)
        now += UInt64(max(0, ms))
    }
}

/// `/next` headers for request `id`, with a deadline and optional extras.
func invocation(_ id: String, event: String = "{}", deadline: String = "1700000010000",
                extra: [(String, String)] = [], drop: String? = nil) -> Invocation {
    var headers: [(name: String, value: String)] = [
        ("Lambda-Runtime-Aws-Request-Id", id),
        ("Lambda-Runtime-Deadline-Ms", deadline),
        ("Lambda-Runtime-Invoked-Function-Arn", "arn:aws:lambda:eu-west-1:123456789012:function:esproxy"),
    ]
    headers += extra.map { (name: $0.0, value: $0.1) }
    if let drop { headers.removeAll { $0.name == drop } }
    return Invocation(event: Array(event.utf8), headers: headers)
}

/// A handler from a closure.
struct ClosureHandler: LambdaHandler {
    let body: ([UInt8], LambdaContext) throws -> [UInt8]
    func handle(_ event: consuming [UInt8], context: LambdaContext) throws -> [UInt8] { try body(event, context) }
}

struct HandlerFailure: Error, CustomStringConvertible {
    let why: String
    var description: String { "handler failed: \(why)" }
}

/// Options for tests: fixed clock, no real sleeping, log collected into `lines`.
final class TestLog {
    var lines: [String] = []
    var clock = FakeClock(now: 0)
    var sleeps: [Int] { clock.sleeps }
    func options(limit: Int? = nil, clock now: UInt64 = 1_700_000_000_000,
                 retry: NextRetryPolicy = NextRetryPolicy(delaysMilliseconds: [1, 2, 3])) -> RuntimeOptions {
        clock = FakeClock(now: now)
        return RuntimeOptions(clock: clock, nextRetry: retry, log: { [self] in lines.append($0) }, invocationLimit: limit)
    }
}
