/// Why signing, or loading credentials, failed.
///
/// Messages name the offending input (a variable, a header name, a method) but never carry a secret
/// access key, a session token or a signing key, so an error can be logged as it is.
public struct SigV4Error: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, one flat list for the whole module.
    public enum Code: String, Sendable, Equatable {
        /// A required `AWS_*` environment variable is not set.
        case missingEnvironmentVariable
        /// A required `AWS_*` environment variable is set but empty.
        case emptyEnvironmentVariable
        /// The HTTP method is empty or not an RFC 9110 token.
        case invalidMethod
        /// The path does not start with `/`, or carries a query or fragment.
        case invalidPath
        /// A header name is empty or not an RFC 9110 token.
        case invalidHeaderName
        /// The region or service is empty or holds `/` or whitespace.
        case invalidScope
        /// A presigned request's lifetime is outside 1...604800 seconds.
        case invalidExpiry
        /// The signing time is outside the years 1970...9999.
        case invalidTime
        /// libcrypto reported a failure (out of memory, broken provider).
        case cryptoFailure
    }

    /// The kind of failure.
    public let code: Code
    /// A human-readable explanation naming the offending input.
    public let message: String

    /// Creates an error; `message` must not contain secrets.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// `SigV4Error.<code>: <message>`.
    public var description: String { "SigV4Error.\(code.rawValue): \(message)" }
}
