extension HTTPClient {
    /// Per-client settings, fixed at init.
    public struct Configuration: Sendable {
        /// Limit for establishing the TCP (and TLS) connection.
        public var connectTimeoutMilliseconds: Int
        /// Default total limit per request, or nil for none: the Lambda Runtime API's `/next` long
        /// poll must wait as long as it takes. `HTTPRequest.timeoutMilliseconds` overrides it.
        public var timeoutMilliseconds: Int?
        /// The CA certificates file for `https`; nil resolves one with `CABundle` on the first
        /// `https` request (a plain-`http` client never needs one). A path given here must exist.
        public var caBundlePath: String?
        /// True makes libcurl ignore `http_proxy`, `https_proxy`, `all_proxy` and friends. Set it for
        /// the Lambda Runtime API, which is always reached directly.
        public var ignoreProxyEnvironment: Bool
        /// True makes libcurl trace the transfer to stderr (debugging only).
        public var verbose: Bool

        /// Creates a configuration; the defaults suit a remote HTTPS service.
        public init(
            connectTimeoutMilliseconds: Int = 5_000,
            timeoutMilliseconds: Int? = nil,
            caBundlePath: String? = nil,
            ignoreProxyEnvironment: Bool = false,
            verbose: Bool = false
        ) {
            self.connectTimeoutMilliseconds = connectTimeoutMilliseconds
            self.timeoutMilliseconds = timeoutMilliseconds
            self.caBundlePath = caBundlePath
            self.ignoreProxyEnvironment = ignoreProxyEnvironment
            self.verbose = verbose
        }
    }
}
