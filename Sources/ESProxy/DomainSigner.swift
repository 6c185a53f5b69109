import SigV4

/// Signs domain requests with SigV4 for `es` (managed domains) or `aoss` (OpenSearch Serverless,
/// which requires the `x-amz-content-sha256` payload hash; managed domains get it too when sent,
/// and checking it costs them nothing, but they don't need it).
struct DomainSigner: Sendable {
    let signer: Signer
    let signBody: Bool

    /// A signer for `mode` (`es` or `aoss`) in `region`.
    init(credentials: Credentials, region: String, mode: SigningMode) throws(SigV4Error) {
        signer = try Signer(credentials: credentials, region: region, service: mode.rawValue)
        signBody = mode == .aoss
    }

    /// `headers` plus `X-Amz-Date`, `X-Amz-Security-Token`, the payload hash (aoss) and `Authorization`.
    func sign(method: String, path: String, headers: [(name: String, value: String)], body: [UInt8],
                     unixSeconds: UInt64) throws(SigV4Error) -> [(name: String, value: String)] {
        let request = SigningRequest(method: method, path: path, headers: headers, body: body,
                                     options: SigningOptions(signBody: signBody))
        return try signer.sign(request, at: AmzDate(epochSeconds: Int64(unixSeconds))).headers
    }
}
