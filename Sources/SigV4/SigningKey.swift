/// The HMAC-SHA256 key derived from a secret for one credential scope.
///
/// A class so that the cache can hand out the same instance for a scope (tests check identity) and
/// so copies share one buffer. Immutable, hence `Sendable`. Its bytes are secret-equivalent for a
/// day, so its printed forms redact them.
public final class SigningKey: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The scope the key signs for.
    public let scope: CredentialScope
    /// The 32 key bytes.
    let bytes: [UInt8]

    /// Derives the key: HMAC chain `"AWS4" + secret` → date → region → service → `aws4_request`.
    init(secretAccessKey: String, scope: CredentialScope) throws(SigV4Error) {
        let dateKey = try Digest.hmacSHA256(key: Array(("AWS4" + secretAccessKey).utf8), message: scope.date)
        let regionKey = try Digest.hmacSHA256(key: dateKey, message: scope.region)
        let serviceKey = try Digest.hmacSHA256(key: regionKey, message: scope.service)
        self.bytes = try Digest.hmacSHA256(key: serviceKey, message: CredentialScope.terminator)
        self.scope = scope
    }

    /// Lower-case hex HMAC-SHA256 of `stringToSign` under this key: the signature.
    func sign(_ stringToSign: StringToSign) throws(SigV4Error) -> String {
        Hex.encode(try Digest.hmacSHA256(key: bytes, message: stringToSign.description))
    }

    /// `SigningKey(<scope>, <redacted>)`.
    public var description: String { "SigningKey(\(scope), <redacted>)" }
    /// Same as `description`.
    public var debugDescription: String { description }
    /// Shows the scope only.
    public var customMirror: Mirror { Mirror(self, children: ["scope": scope, "bytes": "<redacted>"]) }
}
