extension Signer {
    /// The longest lifetime SigV4 allows a presigned request: seven days.
    public static let maximumExpiry = 604_800

    /// Query signing (a presigned URL): the signature and its parameters travel in the query —
    /// `X-Amz-Algorithm`, `X-Amz-Credential`, `X-Amz-Date`, `X-Amz-Expires`, `X-Amz-SignedHeaders`,
    /// `X-Amz-Security-Token` (signed unless `omitSessionToken`), then `X-Amz-Signature` — and the
    /// headers are left as they are (all of them signed but the `unsignedHeaderNames`).
    ///
    /// Throws `.invalidExpiry` unless `expiresIn` is 1...604800 seconds, and the errors of `sign`.
    public func presign(_ request: SigningRequest, at time: AmzDate, expiresIn: Int) throws(SigV4Error)
        -> SignedRequest
    {
        guard (1...Self.maximumExpiry).contains(expiresIn) else {
            throw SigV4Error(.invalidExpiry, "presigned lifetime \(expiresIn) s is outside 1...\(Self.maximumExpiry)")
        }
        let scope = scope(at: time)
        let payloadHash = try payloadHash(of: request)
        let token = credentials.sessionToken
        let signsToken = token != nil && !request.options.omitSessionToken
        var signable: [(name: String, value: String)] = []
        for header in request.headers {
            let name = try CanonicalRequest.lowercasedName(header.name)
            if !Self.isUnsigned(name) { signable.append((name, header.value)) }
        }
        let headers = CanonicalRequest.canonicalHeaders(lowercased: signable)
        let signedHeaders = CanonicalRequest.signedHeaders(headers)

        var added: [CanonicalRequest.Parameter] = [
            (Array("X-Amz-Algorithm".utf8), Array(StringToSign.algorithm.utf8)),
            (Array("X-Amz-Credential".utf8), Array("\(credentials.accessKeyId)/\(scope)".utf8)),
            (Array("X-Amz-Date".utf8), Array(time.description.utf8)),
            (Array("X-Amz-Expires".utf8), Array(String(expiresIn).utf8)),
            (Array("X-Amz-SignedHeaders".utf8), Array(signedHeaders.utf8)),
        ]
        if signsToken, let token { added.append((Array("X-Amz-Security-Token".utf8), Array(token.utf8))) }

        let canonical = try CanonicalRequest(
            method: request.method, path: request.path,
            parameters: CanonicalRequest.parameters(of: request.query) + added, canonicalHeaders: headers,
            payloadHash: payloadHash, normalizePath: request.options.normalizePath)
        let stringToSign = try stringToSign(canonical, time: time, scope: scope)
        let signature = try keyCache.key(for: scope, secretAccessKey: credentials.secretAccessKey).sign(stringToSign)

        if !signsToken, let token { added.append((Array("X-Amz-Security-Token".utf8), Array(token.utf8))) }
        added.append((Array("X-Amz-Signature".utf8), Array(signature.utf8)))
        let base = Self.queryToSend(request.query)
        let query = (base.isEmpty ? "" : base + "&") + CanonicalRequest.encodedQuery(added)
        return SignedRequest(
            method: request.method, path: request.path, query: query, headers: request.headers,
            signature: signature, canonicalRequest: canonical, stringToSign: stringToSign)
    }
}
