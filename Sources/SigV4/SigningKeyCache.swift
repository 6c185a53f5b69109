import Synchronization

/// Signing keys of one secret, by credential scope, so a signer derives the four-HMAC chain once a
/// day rather than once a request.
///
/// Owned by a `Signer` (never global) and thread-safe: a `Mutex` guards the table, so one signer may
/// sign from several tasks. Holds at most `capacity` scopes; a signer uses one region and service, so
/// the table only grows by one entry per day and is simply emptied when full.
final class SigningKeyCache: Sendable {
    static let capacity = 8

    private struct Table {
        var keys: [CredentialScope: SigningKey] = [:]
        var last: SigningKey?
    }

    private let keys = Mutex(Table())

    init() {}

    /// The key for `scope`, derived from `secretAccessKey` on first use and shared afterwards. The
    /// owner must always pass the same secret (a `Signer` passes its own credentials').
    func key(for scope: CredentialScope, secretAccessKey: String) throws(SigV4Error) -> SigningKey {
        // Signatures come in runs within one scope: compare with the last key before hashing.
        if let key = keys.withLock({ table in
            if let last = table.last, last.scope == scope { return last }
            return table.keys[scope]
        }) { return key }
        // Derive outside the lock; two racing callers may both derive, and the first stored wins.
        let derived = try SigningKey(secretAccessKey: secretAccessKey, scope: scope)
        return keys.withLock { table in
            let key: SigningKey
            if let existing = table.keys[scope] {
                key = existing
            } else {
                if table.keys.count >= Self.capacity { table.keys.removeAll(keepingCapacity: true) }
                table.keys[scope] = derived
                key = derived
            }
            table.last = key
            return key
        }
    }

    /// How many scopes are cached (for tests).
    var count: Int { keys.withLock { $0.keys.count } }
}

extension SigningKeyCache: CustomStringConvertible, CustomReflectable {
    /// The number of keys; never their bytes.
    var description: String { "SigningKeyCache(\(count) keys)" }
    /// The number of keys only.
    var customMirror: Mirror { Mirror(self, children: ["count": count]) }
}
