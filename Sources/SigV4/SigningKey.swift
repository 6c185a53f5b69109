import CCrypto

/// The HMAC-SHA256 key derived from a secret for one credential scope.
///
/// A class so that the cache hands out one instance per scope (tests check identity), and so that
/// it can own libcrypto's keyed HMAC context: each signature copies that template instead of
/// re-keying. `@unchecked Sendable`: nothing changes after init, and the template is only ever read
/// (copied) by `esp_hmac_sha256_keyed`. The bytes are as sensitive as the secret for a day, so the
/// printed forms redact them.
public final class SigningKey: @unchecked Sendable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    /// The scope the key signs for.
    public let scope: CredentialScope
    /// The 32 key bytes.
    let bytes: [UInt8]
    /// libcrypto HMAC context keyed with `bytes`; a template, never updated.
    private let keyed: OpaquePointer

    /// Derives the key: HMAC chain `"AWS4" + secret` → date → region → service → `aws4_request`.
    init(secretAccessKey: String, scope: CredentialScope) throws(SigV4Error) {
        let dateKey = try Digest.hmacSHA256(key: Array(("AWS4" + secretAccessKey).utf8), message: scope.date)
        let regionKey = try Digest.hmacSHA256(key: dateKey, message: scope.region)
        let serviceKey = try Digest.hmacSHA256(key: regionKey, message: scope.service)
        let bytes = try Digest.hmacSHA256(key: serviceKey, message: CredentialScope.terminator)
        guard let keyed = bytes.withUnsafeBytes({ esp_hmac_sha256_new($0.baseAddress, $0.count) }) else {
            throw SigV4Error(.cryptoFailure, "libcrypto could not create an HMAC-SHA256 context")
        }
        self.bytes = bytes
        self.keyed = keyed
        self.scope = scope
    }

    deinit { esp_hmac_sha256_free(keyed) }

    /// Lower-case hex HMAC-SHA256 of `stringToSign` under this key: the signature.
    func sign(_ stringToSign: StringToSign) throws(SigV4Error) -> String {
        var ok: Int32 = 0
        let mac = stringToSign.utf8Bytes().withUnsafeBytes { message in
            [UInt8](unsafeUninitializedCapacity: Digest.length) { buffer, count in
                ok = esp_hmac_sha256_keyed(keyed, message.baseAddress, message.count, buffer.baseAddress)
                count = Digest.length
            }
        }
        guard ok == 1 else { throw SigV4Error(.cryptoFailure, "libcrypto HMAC-SHA256 failed") }
        return Hex.encode(mac)
    }

    /// `SigningKey(<scope>, <redacted>)`.
    public var description: String { "SigningKey(\(scope), <redacted>)" }
    /// Same as `description`.
    public var debugDescription: String { description }
    /// Shows the scope only.
    public var customMirror: Mirror { Mirror(self, children: ["scope": scope, "bytes": "<redacted>"]) }
}
