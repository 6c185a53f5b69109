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
    /// SHA-256 fetched once for this signer.
    let sha256: FetchedSHA256
    /// The session token's canonical header value, computed once rather than per signature
    /// (tokens run to a kilobyte).
    let canonicalSessionToken: String?

    /// A signer for `credentials` in `region` for `service`; throws `.invalidScope` when region or
    /// service is empty or holds `/` or whitespace, `.cryptoFailure` when libcrypto lacks SHA-256.
    public init(credentials: Credentials, region: String, service: String) throws(SigV4Error) {
        try CredentialScope.validate(region: region, service: service)
        self.sha256 = try FetchedSHA256()
        self.canonicalSessionToken = credentials.sessionToken.map(CanonicalRequest.canonicalValue)
        self.credentials = credentials
        self.region = region
        self.service = service
    }

    /// Header signing: returns the request with `X-Amz-Date`, the session token (as
    /// `X-Amz-Security-Token`, signed unless `omitSessionToken`), `x-amz-content-sha256` when
    /// `signBody`, and `Authorization` added. Request headers of those names are replaced.
    ///
    /// Throws `SigV4Error` for an invalid method, path or header name.
    public func sign(_ request: SigningRequest, at time: AmzDate) throws(SigV4Error) -> SignedRequest {
        let options = request.options
        let payloadHash = try payloadHash(of: request)
        let token = credentials.sessionToken
        let signsToken = token != nil && !options.omitSessionToken

        // `headers` is what will be sent; `signable` the same with lower-case names, minus the
        // never-signed ones.
        var headers: [(name: String, value: String)] = []
        var signable: [(name: String, value: String)] = []
        headers.reserveCapacity(request.headers.count + 4)
        signable.reserveCapacity(request.headers.count + 3)
        for header in request.headers {
            let name = try CanonicalRequest.lowercasedName(header.name)
            switch name {
            case "authorization", "x-amz-date": continue
            case "x-amz-security-token" where token != nil: continue
            case "x-amz-content-sha256" where options.signBody: continue
            default: break
            }
            headers.append(header)
            if !Self.unsignedHeaderNames.contains(name) {
                signable.append((name, CanonicalRequest.canonicalValue(header.value)))
            }
        }
        let date = time.description
        headers.append(("X-Amz-Date", date))
        signable.append(("x-amz-date", date))
        if signsToken, let token, let canonicalSessionToken {
            headers.append(("X-Amz-Security-Token", token))
            signable.append(("x-amz-security-token", canonicalSessionToken))
        }
        if options.signBody {
            headers.append(("x-amz-content-sha256", payloadHash))
            signable.append(("x-amz-content-sha256", CanonicalRequest.canonicalValue(payloadHash)))
        }

        let canonical = try CanonicalRequest(
            method: request.method, path: request.path, parameters: CanonicalRequest.parameters(of: request.query),
            canonicalHeaders: CanonicalRequest.mergedAndSorted(signable), payloadHash: payloadHash,
            normalizePath: options.normalizePath)
        let scope = scope(at: time)
        let stringToSign = try stringToSign(canonical, time: time, scope: scope)
        let signature = try keyCache.key(for: scope, secretAccessKey: credentials.secretAccessKey).sign(stringToSign)

        headers.append(("Authorization", authorization(scope: scope, signedHeaders: canonical.signedHeaders, signature: signature)))
        if !signsToken, let token { headers.append(("X-Amz-Security-Token", token)) }
        return SignedRequest(
            method: request.method, path: request.path, query: Self.queryToSend(request.query), headers: headers,
            signature: signature, canonicalRequest: canonical, stringToSign: stringToSign)
    }

    /// The scope of a signature at `time` (region and service were checked by `init`).
    func scope(at time: AmzDate) -> CredentialScope {
        CredentialScope(date: String(time.dateStamp), checkedRegion: region, checkedService: service)
    }

    /// The payload hash: the override if set, else the hex SHA-256 of the body.
    func payloadHash(of request: SigningRequest) throws(SigV4Error) -> String {
        if let override = request.options.payloadHash { return override }
        return Hex.encode(try sha256.hash(request.body))
    }

    /// The string to sign for `canonical`, hashed with this signer's fetched SHA-256.
    func stringToSign(_ canonical: CanonicalRequest, time: AmzDate, scope: CredentialScope) throws(SigV4Error)
        -> StringToSign
    {
        StringToSign(canonicalRequestHash: Hex.encode(try sha256.hash(canonical.utf8Bytes())), time: time, scope: scope)
    }

    /// `AWS4-HMAC-SHA256 Credential=<id>/<scope>, SignedHeaders=<names>, Signature=<hex>`.
    func authorization(scope: CredentialScope, signedHeaders: String, signature: String) -> String {
        var text = StringToSign.algorithm
        text.reserveCapacity(200 + signedHeaders.utf8.count)
        text.append(" Credential=")
        text.append(credentials.accessKeyId)
        text.append("/")
        text.append(scope.date)
        text.append("/")
        text.append(scope.region)
        text.append("/")
        text.append(scope.service)
        text.append("/")
        text.append(CredentialScope.terminator)
        text.append(", SignedHeaders=")
        text.append(signedHeaders)
        text.append(", Signature=")
        text.append(signature)
        return text
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
