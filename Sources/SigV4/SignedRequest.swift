/// The outcome of signing: what to send, and every intermediate value for inspection and tests.
public struct SignedRequest: Sendable {
    /// The HTTP method, unchanged.
    public let method: String
    /// The path to send, unchanged (the canonical, encoded form is in `canonicalRequest.path`).
    public let path: String
    /// The query to send after `?` (empty when none): the request's own query, then, when
    /// presigned, the `X-Amz-*` parameters ending with `X-Amz-Signature`.
    public let query: String
    /// The headers to send, in order: the request's own (minus any the signer replaced), then the
    /// ones the signer added — `X-Amz-Date`, `X-Amz-Security-Token`, `x-amz-content-sha256`,
    /// `Authorization` in header signing; nothing in presigning.
    public let headers: [(name: String, value: String)]
    /// Lower-case hex signature.
    public let signature: String
    /// The canonical request that was signed.
    public let canonicalRequest: CanonicalRequest
    /// The string that was signed.
    public let stringToSign: StringToSign

    /// The request target for the request line: `path`, plus `?query` when there is one.
    public var target: String { query.isEmpty ? path : path + "?" + query }

    /// The values of the headers named `name` (case-insensitive), in order.
    public func headerValues(_ name: String) -> [String] {
        let wanted = CanonicalRequest.lowercasedASCII(name)
        return headers.filter { CanonicalRequest.lowercasedASCII($0.name) == wanted }.map(\.value)
    }
}
