/// The parts of an HTTP request that SigV4 covers, plus how to sign them.
public struct SigningRequest: Sendable {
    /// The query component of a request.
    public enum Query: Sendable {
        /// The query as it appears on the request line after `?`, already percent-encoded
        /// (`a=1&b=x%20y`). The signer decodes `%XY` and re-encodes with SigV4's rules; `+` is taken
        /// literally (as `%2B`), so encode spaces as `%20`.
        case raw(String)
        /// Name/value pairs, not encoded. The signer encodes them for the canonical request and for
        /// `SignedRequest.query`.
        case pairs([(name: String, value: String)])
    }

    /// The HTTP method, e.g. `PUT`.
    public var method: String
    /// The path as it is sent on the request line, starting with `/` (already percent-encoded if it
    /// needs to be). The canonical request encodes each segment once more, as SigV4 requires for
    /// every service except S3.
    public var path: String
    /// The query; `.raw("")` when there is none.
    public var query: Query
    /// Headers in sending order; names are case-insensitive and may repeat. Include `host`.
    public var headers: [(name: String, value: String)]
    /// The body whose SHA-256 becomes the payload hash, unless `options.payloadHash` is set.
    public var body: [UInt8]
    /// How to sign.
    public var options: SigningOptions

    /// A request to sign; `query` defaults to none, `body` to empty, `options` to the defaults.
    public init(
        method: String, path: String, query: Query = .raw(""), headers: [(name: String, value: String)],
        body: [UInt8] = [], options: SigningOptions = SigningOptions()
    ) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
        self.options = options
    }
}

/// Choices the SigV4 specification leaves to the caller or the service.
public struct SigningOptions: Sendable, Equatable {
    /// The payload hash for requests whose body is not hashed (S3 presigned URLs, streaming).
    public static let unsignedPayload = "UNSIGNED-PAYLOAD"

    /// Remove `.` and `..` segments and collapse repeated `/` in the canonical path. Every service
    /// except S3 wants this.
    public var normalizePath: Bool
    /// In header signing, add a signed `x-amz-content-sha256` header carrying the payload hash
    /// (ignored by presigning, where the hash is only part of the canonical request).
    public var signBody: Bool
    /// Add the session token after signing, unsigned, instead of signing it: as `X-Amz-Security-Token`
    /// header in header signing, as query parameter in presigning. Some services (the
    /// `post-sts-header-after` vector) expect this; most, OpenSearch included, want it signed.
    public var omitSessionToken: Bool
    /// Use this payload hash instead of hashing `body`, e.g. `SigningOptions.unsignedPayload`
    /// or a precomputed lower-case hex SHA-256.
    public var payloadHash: String?

    /// Options; the defaults suit OpenSearch and most other services.
    public init(normalizePath: Bool = true, signBody: Bool = false, omitSessionToken: Bool = false,
                payloadHash: String? = nil) {
        self.normalizePath = normalizePath
        self.signBody = signBody
        self.omitSessionToken = omitSessionToken
        self.payloadHash = payloadHash
    }
}
