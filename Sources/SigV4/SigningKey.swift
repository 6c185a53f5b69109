import CCrypto
import Synchronization

/// The HMAC-SHA256 key derived from a secret for one credential scope.
///
/// A class so that the cache hands out one instance per scope (tests check identity), and so that
/// it can own libcrypto HMAC contexts keyed with it: re-keying, or even copying a keyed context,
/// costs more than the HMAC of a string to sign. Idle contexts wait in a `Mutex`-guarded pool and
/// each is used by one thread at a time, so one key may sign from many threads.
/// `@unchecked Sendable` because the pointers are only touched under that discipline.
/// The bytes are as sensitive as the secret for a day, so the printed forms redact them.
final class SigningKey: @unchecked Sendable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    /// Idle contexts kept at most; more concurrent signers copy and free their own.
    static let poolLimit = 8

    /// The scope the key signs for.
    let scope: CredentialScope
    /// The 32 key bytes.
    let bytes: [UInt8]
    /// libcrypto HMAC context keyed with `bytes`; only ever copied.
    private let template: OpaquePointer
    /// Keyed copies of `template` not in use.
    private let idle = Mutex<[Context]>([])

    /// An `EVP_MAC_CTX` handed between threads through the pool, never used by two at once.
    private struct Context: @unchecked Sendable {
        let pointer: OpaquePointer
    }

    /// Derives the key: HMAC chain `"AWS4" + secret` → date → region → service → `aws4_request`.
    init(secretAccessKey: String, scope: CredentialScope) throws(SigV4Error) {
        let dateKey = try Digest.hmacSHA256(key: Array(("AWS4" + secretAccessKey).utf8), message: scope.date)
        let regionKey = try Digest.hmacSHA256(key: dateKey, message: scope.region)
        let serviceKey = try Digest.hmacSHA256(key: regionKey, message: scope.service)
        let bytes = try Digest.hmacSHA256(key: serviceKey, message: CredentialScope.terminator)
        guard let template = bytes.withUnsafeBytes({ esp_hmac_sha256_new($0.baseAddress, $0.count) }) else {
            throw SigV4Error(.cryptoFailure, "libcrypto could not create an HMAC-SHA256 context")
        }
        self.bytes = bytes
        self.template = template
        self.scope = scope
    }

    deinit {
        idle.withLock { contexts in
            for context in contexts { esp_hmac_sha256_free(context.pointer) }
        }
        esp_hmac_sha256_free(template)
    }

    /// Lower-case hex HMAC-SHA256 of `stringToSign` under this key: the signature.
    func sign(_ stringToSign: StringToSign) throws(SigV4Error) -> String {
        guard let context = idle.withLock({ $0.popLast()?.pointer }) ?? esp_hmac_sha256_copy(template) else {
            throw SigV4Error(.cryptoFailure, "libcrypto could not copy an HMAC-SHA256 context")
        }
        let hex = stringToSign.utf8Bytes().withUnsafeBytes { message in
            Hex.encodeDigest { out in esp_hmac_sha256_reuse(context, message.baseAddress, message.count, out) == 1 }
        }
        // A context whose HMAC failed is in an unknown state: free it rather than pool it.
        let kept = hex != nil && idle.withLock { contexts in
            guard contexts.count < Self.poolLimit else { return false }
            contexts.append(Context(pointer: context))
            return true
        }
        if !kept { esp_hmac_sha256_free(context) }
        guard let hex else { throw SigV4Error(.cryptoFailure, "libcrypto HMAC-SHA256 failed") }
        return hex
    }

    /// `SigningKey(<scope>, <redacted>)`.
    var description: String { "SigningKey(\(scope), <redacted>)" }
    /// Same as `description`.
    var debugDescription: String { description }
    /// Shows the scope only.
    var customMirror: Mirror { Mirror(self, children: ["scope": scope, "bytes": "<redacted>"]) }
}
