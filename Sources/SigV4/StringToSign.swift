/// Task 2 of SigV4: the text the signing key signs.
///
/// `description` is exactly `AWS4-HMAC-SHA256\n<amz date>\n<scope>\n<hex SHA-256 of the canonical
/// request>`, comparable byte for byte with a vector's `.sts`.
public struct StringToSign: Sendable, CustomStringConvertible {
    /// The only algorithm this module implements.
    public static let algorithm = "AWS4-HMAC-SHA256"

    /// The signing time.
    public let time: AmzDate
    /// The credential scope.
    public let scope: CredentialScope
    /// Lower-case hex SHA-256 of the canonical request text.
    public let canonicalRequestHash: String

    /// The string to sign for `canonicalRequest`, made at `time` within `scope`.
    public init(canonicalRequest: CanonicalRequest, time: AmzDate, scope: CredentialScope) throws(SigV4Error) {
        self.time = time
        self.scope = scope
        self.canonicalRequestHash = Hex.encode(try Digest.sha256(canonicalRequest.description))
    }

    /// The string to sign text.
    public var description: String {
        "\(Self.algorithm)\n\(time.description)\n\(scope.description)\n\(canonicalRequestHash)"
    }
}
