/// The one error type of the LambdaRuntime module: what went wrong (`code`), a message for the
/// log, and the error underneath when there is one.
public struct RuntimeError: Error, CustomStringConvertible, Sendable {
    /// Every way the runtime and the event decoders fail.
    public enum Code: String, Sendable {
        // The environment Lambda gives the process.
        case missingRuntimeAPIEnvironment
        case invalidRuntimeAPIEndpoint
        case invalidFunctionEnvironment
        // The Runtime API itself.
        case runtimeAPIUnreachable
        case unexpectedStatus
        // `/next` headers (one per required header).
        case missingRequestID
        case missingDeadline
        case invalidDeadline
        case missingInvokedFunctionARN
        // Results the runtime refuses to send.
        case responseTooLarge
        // Events.
        case eventNotJSON
        case unsupportedEvent
        case invalidEvent
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
