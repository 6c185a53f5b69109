/// The one error type of the LambdaRuntime module: what went wrong (`code`), a message for the
/// log, and the error underneath when there is one.
public struct RuntimeError: Error, CustomStringConvertible, Sendable {
    /// Every way the runtime and the event decoders fail.
    public enum Code: String, Sendable {
        /// `AWS_LAMBDA_RUNTIME_API` is not set.
        case missingRuntimeAPIEnvironment
        /// `AWS_LAMBDA_RUNTIME_API` is not `host:port` or an `http://` URL.
        case invalidRuntimeAPIEndpoint
        /// The Runtime API gave no answer (connection refused, reset, timed out).
        case runtimeAPIUnreachable
        /// The Runtime API answered with a status other than the one the call expects.
        case unexpectedStatus
        /// `/next` came without `Lambda-Runtime-Aws-Request-Id`.
        case missingRequestID
        /// `/next` came without `Lambda-Runtime-Deadline-Ms`.
        case missingDeadline
        /// `Lambda-Runtime-Deadline-Ms` is not a millisecond timestamp.
        case invalidDeadline
        /// `/next` came without `Lambda-Runtime-Invoked-Function-Arn`.
        case missingInvokedFunctionARN
        /// The event is not JSON.
        case eventNotJSON
        /// The event is JSON but not one of the supported HTTP request kinds.
        case unsupportedEvent
        /// The event is a supported kind with a missing or mistyped field.
        case invalidEvent
        /// A body marked `isBase64Encoded` is not valid base64.
        case invalidBase64
    }

    /// What went wrong.
    public let code: Code
    /// A human-readable explanation with the offending detail.
    public let message: String
    /// The error underneath (for example the transport's), when there is one.
    public let underlying: (any Error & Sendable)?

    /// Makes an error.
    public init(_ code: Code, _ message: String, underlying: (any Error & Sendable)? = nil) {
        self.code = code
        self.message = message
        self.underlying = underlying
    }

    /// `code: message`, plus the underlying error.
    public var description: String {
        var text = "\(code.rawValue): \(message)"
        if let underlying { text += " (\(underlying))" }
        return text
    }
}
