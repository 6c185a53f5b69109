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
        self.init(canonicalRequestHash: Hex.encode(try Digest.sha256(canonicalRequest.utf8Bytes())), time: time, scope: scope)
    }

    /// The string to sign from an already computed canonical request hash.
    init(canonicalRequestHash: String, time: AmzDate, scope: CredentialScope) {
        self.time = time
        self.scope = scope
        self.canonicalRequestHash = canonicalRequestHash
    }

    /// The string to sign text.
    public var description: String { String(decoding: utf8Bytes(), as: UTF8.self) }

    /// The UTF-8 of `description` in one buffer: what the signing key signs.
    func utf8Bytes() -> [UInt8] {
        let newline = UInt8(ascii: "\n")
        let count = Self.algorithm.utf8.count + time.description.utf8.count + scope.utf8Count
            + canonicalRequestHash.utf8.count + 3
        return UTF8Builder.bytes(capacity: count) { out in
            out.append(Self.algorithm)
            out.append(newline)
            out.append(time.description)
            out.append(newline)
            out.append(scope)
            out.append(newline)
            out.append(canonicalRequestHash)
        }
    }
}
