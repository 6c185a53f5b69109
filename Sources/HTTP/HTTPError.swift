/// Every failure of the HTTP module: a flat code to branch on, a message for people.
///
/// An HTTP status (404, 500, ...) is not an error: it arrives as an `HTTPResponse`.
public struct HTTPError: Error, CustomStringConvertible {
    /// What went wrong, coarse enough to decide what to do about it.
    public enum Code: Sendable, Equatable {
        /// Nothing listened on the port (or the connection attempt was rejected).
        case connectionRefused
        /// The host name did not resolve.
        case dnsFailure
        /// The connect timeout or the total request timeout expired.
        case timeout
        /// TLS handshake or certificate verification failed.
        case tls
        /// The peer closed or reset the connection before the full response arrived.
        case connectionReset
        /// The URL is malformed or not `http`/`https`.
        case invalidURL
        /// The request itself is malformed (e.g. a header containing CR or LF).
        case invalidRequest
        /// Any other libcurl failure; `curlCode` and the message tell which.
        case other
        /// libcurl could not be initialised (global init or easy handle).
        case initFailed
        /// An `https` request needs a CA bundle and none was found (see `CABundle`).
        case caBundleNotFound
    }

    /// The category.
    public let code: Code
    /// A sentence naming the destination and the cause.
    public let message: String
    /// The `CURLcode` behind the error, when libcurl reported one.
    public let curlCode: Int?

    /// Creates an error.
    public init(_ code: Code, _ message: String, curlCode: Int? = nil) {
        self.code = code
        self.message = message
        self.curlCode = curlCode
    }

    /// The message, plus the libcurl code when there is one.
    public var description: String {
        guard let curlCode else { return message }
        return "\(message) [curl error \(curlCode)]"
    }
}
