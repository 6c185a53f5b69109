/// Signs requests with AWS Signature Version 4 for one set of credentials, region and service.
///
/// A `Sendable` value that owns its signing-key cache: copies share the cache, and any number of
/// tasks may sign concurrently. When credentials rotate, make a new `Signer`. The signing time is
/// always a parameter, so signing is a pure function of its inputs.
public struct Signer: Sendable, CustomStringConvertible {
    /// Headers never signed: `authorization` carries the signature itself; the others are rewritten
    /// by proxies and HTTP clients (the AWS SDKs leave them unsigned for the same reason).
    public static let unsignedHeaderNames = ["authorization", "user-agent", "expect", "x-amzn-trace-id"]

    /// The credentials that sign.
    public let credentials: Credentials
    /// The region of the scope, e.g. `eu-west-1`.
    public let region: String
    /// The service signing name, e.g. `es` for OpenSearch domains.
    public let service: String
    /// Derived keys by scope; owned here, never global.
    let keyCache = SigningKeyCache()

    /// A signer for `credentials` in `region` for `service`. Region and service are checked when
    /// signing (`.invalidScope`).
    public init(credentials: Credentials, region: String, service: String) {
        self.credentials = credentials
        self.region = region
        self.service = service
    }

    /// Header signing: returns the request with `X-Amz-Date`, the session token (as
    /// `X-Amz-Security-Token`, signed unless `omitSessionToken`), `x-amz-content-sha256` when
    /// `signBody`, and `Authorization` added. Request headers of those names are replaced.
    ///
    /// Throws `SigV4Error` for an invalid method, path, header name, region or service.
    public func sign(_ request: SigningRequest, at time: AmzDate) throws(SigV4Error) -> SignedRequest {
        let scope = try CredentialScope(time: time, region: region, service: service)
        let options = request.options
        let payloadHash = try payloadHash(of: request)
        let token = credentials.sessionToken
        let signsToken = token != nil && !options.omitSessionToken

        var replaced = ["authorization", "x-amz-date"]
        if token != nil { replaced.append("x-amz-security-token") }
        if options.signBody { replaced.append("x-amz-content-sha256") }
        var headers = request.headers.filter { !replaced.contains(CanonicalRequest.lowercasedASCII($0.name)) }
        headers.append(("X-Amz-Date", time.description))
        if signsToken, let token { headers.append(("X-Amz-Security-Token", token)) }
        if options.signBody { headers.append(("x-amz-content-sha256", payloadHash)) }

        let canonical = try CanonicalRequest(
            method: request.method, path: request.path, parameters: CanonicalRequest.parameters(of: request.query),
            canonicalHeaders: CanonicalRequest.canonicalHeaders(Self.signable(headers)), payloadHash: payloadHash,
            normalizePath: options.normalizePath)
        let stringToSign = try StringToSign(canonicalRequest: canonical, time: time, scope: scope)
        let signature = try keyCache.key(for: scope, secretAccessKey: credentials.secretAccessKey).sign(stringToSign)

        headers.append((
            "Authorization",
            "\(StringToSign.algorithm) Credential=\(credentials.accessKeyId)/\(scope), "
                + "SignedHeaders=\(canonical.signedHeaders), Signature=\(signature)"
        ))
        if !signsToken, let token { headers.append(("X-Amz-Security-Token", token)) }
        return SignedRequest(
            method: request.method, path: request.path, query: Self.queryToSend(request.query), headers: headers,
            signature: signature, canonicalRequest: canonical, stringToSign: stringToSign)
    }

    /// The payload hash: the override if set, else the hex SHA-256 of the body.
    func payloadHash(of request: SigningRequest) throws(SigV4Error) -> String {
        if let override = request.options.payloadHash { return override }
        return Hex.encode(try Digest.sha256(request.body))
    }

    /// `headers` without the never-signed ones.
    static func signable(_ headers: [(name: String, value: String)]) -> [(name: String, value: String)] {
        headers.filter { !unsignedHeaderNames.contains(CanonicalRequest.lowercasedASCII($0.name)) }
    }

    /// The request's query as sent: raw unchanged, pairs SigV4-encoded in their order.
    static func queryToSend(_ query: SigningRequest.Query) -> String {
        switch query {
        case .raw(let raw): return raw
        case .pairs: return CanonicalRequest.encodedQuery(CanonicalRequest.parameters(of: query))
        }
    }

    /// Region, service and the redacted credentials.
    public var description: String { "Signer(\(credentials), region: \(region), service: \(service))" }
}
