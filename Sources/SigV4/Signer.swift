/// Signs requests with AWS Signature Version 4 for one set of credentials, region and service.
///
/// A `Sendable` value that owns its signing-key cache: copies share the cache, and any number of
/// tasks may sign concurrently. When credentials rotate, make a new `Signer`. The signing time is
/// always a parameter, so signing is a pure function of its inputs.
public struct Signer: Sendable, CustomStringConvertible, CustomReflectable {
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
    /// `signBody`, and `Authorization` added. Request headers of those names are dropped first
    /// (`X-Amz-Security-Token` only when the credentials carry a token, `x-amz-content-sha256` only
    /// with `signBody`), so a request can be re-signed. Every other header is signed, except the
    /// `unsignedHeaderNames`; send exactly the signed headers' values (notably `host`).
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
            if !Self.isUnsigned(name) {
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

        CanonicalRequest.mergeAndSort(&signable)
        let canonical = try CanonicalRequest(
            method: request.method, path: request.path, parameters: CanonicalRequest.parameters(of: request.query),
            canonicalHeaders: signable, payloadHash: payloadHash,
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

    /// Whether `name` (lower case) is one of `unsignedHeaderNames`; a switch, as this runs per header.
    static func isUnsigned(_ name: String) -> Bool {
        switch name {
        case "authorization", "user-agent", "expect", "x-amzn-trace-id": return true
        default: return false
        }
    }

    /// The scope of a signature at `time` (region and service were checked by `init`).
    func scope(at time: AmzDate) -> CredentialScope {
        CredentialScope(date: time.dateStamp, checkedRegion: region, checkedService: service)
    }

    /// The payload hash: the override if set, else the hex SHA-256 of the body.
    func payloadHash(of request: SigningRequest) throws(SigV4Error) -> String {
        if let override = request.options.payloadHash { return override }
        return try sha256.hexHash(request.body)
    }

    /// The string to sign for `canonical`, hashed with this signer's fetched SHA-256.
    func stringToSign(_ canonical: CanonicalRequest, time: AmzDate, scope: CredentialScope) throws(SigV4Error)
        -> StringToSign
    {
        StringToSign(canonicalRequestHash: try sha256.hexHash(canonical.utf8Bytes()), time: time, scope: scope)
    }

    /// `AWS4-HMAC-SHA256 Credential=<id>/<scope>, SignedHeaders=<names>, Signature=<hex>`.
    func authorization(scope: CredentialScope, signedHeaders: String, signature: String) -> String {
        let credential = " Credential="
        let signedHeadersLabel = ", SignedHeaders="
        let signatureLabel = ", Signature="
        let count = StringToSign.algorithm.utf8.count + credential.utf8.count + credentials.accessKeyId.utf8.count
            + 1 + scope.utf8Count + signedHeadersLabel.utf8.count + signedHeaders.utf8.count
            + signatureLabel.utf8.count + signature.utf8.count
        return UTF8Builder.string(capacity: count) { out in
            out.append(StringToSign.algorithm)
            out.append(credential)
            out.append(credentials.accessKeyId)
            out.append(UInt8(ascii: "/"))
            out.append(scope)
            out.append(signedHeadersLabel)
            out.append(signedHeaders)
            out.append(signatureLabel)
            out.append(signature)
        }
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

    /// Credentials (redacted), region and service only: the cached token value and keys stay out
    /// of `dump` and other reflection.
    public var customMirror: Mirror {
        Mirror(self, children: ["credentials": credentials, "region": region, "service": service])
    }
}
