/// What Lambda tells the function about one invocation, read from the `/next` response headers.
public struct LambdaContext: Sendable {
    /// The request id (`Lambda-Runtime-Aws-Request-Id`); the key for `/response` and `/error`.
    public let requestID: String
    /// When the function times out, in milliseconds since the epoch (`Lambda-Runtime-Deadline-Ms`).
    public let deadlineMilliseconds: Int64
    /// The ARN the caller invoked, with version or alias (`Lambda-Runtime-Invoked-Function-Arn`).
    public let invokedFunctionARN: String
    /// The X-Ray trace header (`Lambda-Runtime-Trace-Id`), when tracing is on.
    public let traceID: String?
    /// The client context of a mobile-SDK caller (`Lambda-Runtime-Client-Context`), raw JSON.
    public let clientContext: String?
    /// The Cognito identity of a mobile-SDK caller (`Lambda-Runtime-Cognito-Identity`), raw JSON.
    public let cognitoIdentity: String?
    private let clock: any LambdaClock

    /// Reads the context from `/next` headers; throws the error of the first required header
    /// that is missing or malformed.
    public init(invocation: borrowing Invocation, clock: any LambdaClock) throws(RuntimeError) {
        guard let requestID = invocation.header(RuntimeAPI.requestIDHeader), !requestID.isEmpty else {
            throw RuntimeError(.missingRequestID, "/next response has no \(RuntimeAPI.requestIDHeader) header")
        }
        guard let deadline = invocation.header(RuntimeAPI.deadlineHeader) else {
            throw RuntimeError(.missingDeadline, "/next response has no \(RuntimeAPI.deadlineHeader) header")
        }
        guard let deadlineMilliseconds = Self.parseMilliseconds(deadline) else {
            throw RuntimeError(.invalidDeadline,
                               "\(RuntimeAPI.deadlineHeader) is not a millisecond timestamp: \"\(deadline)\"")
        }
        guard let arn = invocation.header(RuntimeAPI.invokedFunctionARNHeader), !arn.isEmpty else {
            throw RuntimeError(.missingInvokedFunctionARN,
                               "/next response has no \(RuntimeAPI.invokedFunctionARNHeader) header")
        }
        self.requestID = requestID
        self.deadlineMilliseconds = deadlineMilliseconds
        invokedFunctionARN = arn
        traceID = invocation.header(RuntimeAPI.traceIDHeader).flatMap { $0.isEmpty ? nil : $0 }
        clientContext = invocation.header(RuntimeAPI.clientContextHeader).flatMap { $0.isEmpty ? nil : $0 }
        cognitoIdentity = invocation.header(RuntimeAPI.cognitoIdentityHeader).flatMap { $0.isEmpty ? nil : $0 }
        self.clock = clock
    }

    /// Milliseconds until the deadline by the injected clock; negative once it has passed.
    public var remainingMilliseconds: Int64 {
        deadlineMilliseconds - Int64(clamping: clock.unixMilliseconds())
    }

    private static func parseMilliseconds(_ text: String) -> Int64? {
        let trimmed = text.utf8.drop { $0 == 0x20 }.reversed().drop { $0 == 0x20 }.reversed()
        guard !trimmed.isEmpty, trimmed.count <= 18, trimmed.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
            return nil
        }
        return trimmed.reduce(Int64(0)) { $0 * 10 + Int64($1 - 0x30) }
    }
}
